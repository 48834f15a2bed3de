package dev.persona.cli.grpc;

import java.time.Duration;
import java.util.Optional;

/**
 * Where and as whom to call a service.
 *
 * @param target          host:port of the service
 * @param security        TLS and what it trusts, or plaintext
 * @param tenant          the tenant the calls act for
 * @param tenantFromToken whether {@code tenant} is the one tenant the token grants: then no {@code x-tenant-id}
 *                        header is sent and the service takes the token's tenant; otherwise every call sends
 *                        {@code tenant} in that header
 * @param token           the bearer token sent as {@code authorization: Bearer <token>} with every call; empty: none
 * @param unaryDeadline   deadline of each single call
 * @param streamDeadline  deadline of each streaming call (imports, exports, builds), which may run for minutes
 */
public record ConnectionSettings(String target, ChannelSecurity security, String tenant, boolean tenantFromToken, Optional<String> token,
                                 Duration unaryDeadline, Duration streamDeadline) {

    /** The same, for another tenant, named in the {@code x-tenant-id} header. */
    public ConnectionSettings withTenant(String otherTenant) {
        return new ConnectionSettings(target, security, otherTenant, false, token, unaryDeadline, streamDeadline);
    }
}
