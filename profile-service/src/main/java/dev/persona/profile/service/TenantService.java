package dev.persona.profile.service;

import dev.persona.common.tenant.RedisTenants;
import dev.persona.profile.store.TenantSql;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The tenant registry: registers tenants in PostgreSQL (the record) and mirrors their ids to the Redis set the other
 * services read. The mirror is a cache: when Redis lost it (a restart without persistence, a flush), the next check,
 * every few seconds from start, writes it again.
 */
@ApplicationScoped
public class TenantService {

    private static final Logger LOG = Logger.getLogger(TenantService.class);

    /** A registration's outcome: the tenant as registered, and whether this call registered it. */
    public record Registration(TenantSql.Row tenant, boolean created) {
    }

    @Inject
    TenantSql tenants;

    @Inject
    RedisTenants mirror;

    /** Registers {@code tenantId} unless it is registered. */
    public Registration create(String tenantId, String displayName, String createdBy) {
        boolean created = tenants.insert(tenantId, displayName, createdBy);
        try {
            mirror.add(List.of(tenantId));
        } catch (RuntimeException e) {
            // Registered all the same: the mirror check below copies it to Redis once Redis is back.
            LOG.warnf("tenant %s is registered but not yet mirrored to Redis (%s)", tenantId, e.getClass().getName());
        }
        return new Registration(tenants.find(tenantId).orElseThrow(), created);
    }

    /** Up to {@code limit} tenants by id after {@code after}, only those in {@code only} unless it is null. */
    public List<TenantSql.Row> page(String after, Collection<String> only, int limit) {
        return tenants.page(after, only, limit);
    }

    /** Copies every registered id to Redis when the set holds fewer than the registry (first soon after start). */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void mirror() {
        try {
            if (mirror.count() < tenants.count()) {
                List<String> ids = tenants.ids();
                mirror.add(ids);
                LOG.infof("mirrored %d registered tenants to Redis", ids.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf("the tenant mirror in Redis could not be checked (%s); retrying", e.getClass().getName());
        }
    }
}
