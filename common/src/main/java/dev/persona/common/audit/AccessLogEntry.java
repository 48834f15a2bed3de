package dev.persona.common.audit;

import java.time.Instant;
import java.util.List;

/**
 * One call that read or changed personal data, or was refused: who (subject and roles), in which tenant, which RPC,
 * which user it named (empty when none), when it ended and how.
 */
public record AccessLogEntry(Instant at, String service, String tenant, String subject, List<String> roles,
                             String rpc, String userId, String outcome) {

    public AccessLogEntry {
        roles = List.copyOf(roles);
    }
}
