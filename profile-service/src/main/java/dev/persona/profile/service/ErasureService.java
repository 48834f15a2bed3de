package dev.persona.profile.service;

import dev.persona.common.error.ApiError;
import dev.persona.profile.store.ChangeFeed;
import dev.persona.profile.store.ErasureOutboxSql;
import dev.persona.profile.store.EventRepository;
import dev.persona.profile.store.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;

/**
 * Erasure: deletes a user's rows in one transaction that also records an erasure notice in an outbox; the
 * notice is then published on the change feed and removed from the outbox. When Redis is down the notice
 * stays in the outbox and is published by {@link #relayPending()} once Redis is back, so that no service
 * misses an erasure.
 */
@ApplicationScoped
public class ErasureService {

    /** Notices relayed per run of {@link #relayPending()}. */
    private static final int RELAY_BATCH = 1000;

    @Inject
    UserRepository users;

    @Inject
    EventRepository events;

    @Inject
    ErasureOutboxSql outbox;

    @Inject
    ChangeFeed feed;

    /** Erases the user and returns how many events were deleted. */
    public long delete(String tenant, String userId) {
        long[] deleted = new long[1];
        long outboxId = QuarkusTransaction.requiringNew().call(() -> {
            if (users.find(tenant, userId).isEmpty()) {
                throw ApiError.notFound("user", userId);
            }
            deleted[0] = events.deleteUser(tenant, userId);
            users.delete(tenant, userId);
            return outbox.add(tenant, userId);
        });
        if (feed.publishErasure(tenant, userId)) {
            QuarkusTransaction.requiringNew().run(() -> removeFromOutbox(outboxId));
        }
        return deleted[0];
    }

    /**
     * Publishes erasure notices that could not be published when they were made. Serialised within a replica;
     * replicas may both publish a notice, which consumers apply idempotently (erasing twice is harmless).
     */
    @Scheduled(every = "${persona.feed.retry-after}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void relayPending() {
        if (feed.degraded()) {
            return;
        }
        List<ErasureOutboxSql.Pending> pending = QuarkusTransaction.requiringNew().call(() -> outbox.oldest(RELAY_BATCH));
        for (ErasureOutboxSql.Pending p : pending) {
            if (!feed.publishErasure(p.tenant(), p.userId())) {
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> removeFromOutbox(p.id()));
        }
    }

    private void removeFromOutbox(long id) {
        try {
            outbox.remove(id);
        } catch (SQLException e) {
            throw ApiError.unavailable("database error clearing the erasure outbox: " + e.getMessage(), e);
        }
    }
}
