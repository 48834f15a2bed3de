package dev.persona.common.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** The {@code persona.audit.} settings of the access log. */
@ConfigMapping(prefix = "persona.audit")
public interface AuditConfig {

    /** Entries waiting to be written at most; beyond it entries are dropped (and counted in the log). */
    @WithName("queue-size")
    @WithDefault("100000")
    int queueSize();

    /** How often the writer writes what waits. */
    @WithName("flush-every")
    @WithDefault("500ms")
    Duration flushEvery();

    /** Entries older than this are deleted (by profile-service, which owns the table). */
    @WithDefault("365d")
    Duration retention();
}
