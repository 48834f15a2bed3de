package dev.persona.cli.grpc;

import java.time.Duration;

/**
 * Where and as whom to call a service.
 *
 * @param target         host:port of the service
 * @param tenant         sent as the {@code x-tenant-id} header of every call
 * @param unaryDeadline  deadline of each single call
 * @param streamDeadline deadline of each streaming call (imports, exports, builds), which may run for minutes
 */
public record ConnectionSettings(String target, String tenant, Duration unaryDeadline, Duration streamDeadline) {

    public ConnectionSettings withTenant(String otherTenant) {
        return new ConnectionSettings(target, otherTenant, unaryDeadline, streamDeadline);
    }
}
