package dev.persona.cli.grpc;

import java.time.Duration;

/**
 * Where and as whom to call profile-service.
 *
 * @param target         host:port of profile-service
 * @param tenant         sent as the {@code x-tenant-id} header of every call
 * @param unaryDeadline  deadline of each single call
 * @param streamDeadline deadline of each import or export stream, which may run for minutes
 */
public record ConnectionSettings(String target, String tenant, Duration unaryDeadline, Duration streamDeadline) {

    public ConnectionSettings withTenant(String otherTenant) {
        return new ConnectionSettings(target, otherTenant, unaryDeadline, streamDeadline);
    }
}
