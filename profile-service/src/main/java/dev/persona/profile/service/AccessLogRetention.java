package dev.persona.profile.service;

import dev.persona.common.audit.AuditConfig;
import dev.persona.profile.store.AccessLogSql;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Deletes access log entries older than {@code persona.audit.retention}, hourly (profile-service owns the table). */
@ApplicationScoped
public class AccessLogRetention {

    private static final Logger LOG = Logger.getLogger(AccessLogRetention.class);

    @Inject
    AccessLogSql log;

    @Inject
    AuditConfig config;

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void trim() {
        int deleted = log.deleteBefore(Instant.now().minus(config.retention()));
        if (deleted > 0) {
            LOG.infof("deleted %d access log entries older than %s", deleted, config.retention());
        }
    }
}
