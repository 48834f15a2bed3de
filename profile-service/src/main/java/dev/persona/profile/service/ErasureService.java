package dev.persona.profile.service;

import dev.persona.common.error.ApiError;
import dev.persona.profile.feed.ChangeFeed;
import dev.persona.profile.repository.EventRepository;
import dev.persona.profile.repository.UserRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Erasure: deletes a user's rows in one transaction that also records an erasure notice in an outbox; the
 * notice is then published on the change feed and removed from the outbox. When Redis is down the notice
 * stays in the outbox and is published by {@link #relayPending()} once Redis is back, so that no service
 * misses an erasure.
 */
@ApplicationScoped
public class ErasureService {

    @Inject
    UserRepository users;

    @Inject
    EventRepository events;

    @Inject
    AgroalDataSource dataSource;

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
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO erasure_outbox (tenant_id, user_id) VALUES (?, ?) RETURNING id")) {
                ps.setString(1, tenant);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
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
        record Pending(long id, String tenant, String userId) {
        }
        List<Pending> pending = QuarkusTransaction.requiringNew().call(() -> {
            List<Pending> out = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT id, tenant_id, user_id FROM erasure_outbox ORDER BY id LIMIT 1000");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
        for (Pending p : pending) {
            if (!feed.publishErasure(p.tenant(), p.userId())) {
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> removeFromOutbox(p.id()));
        }
    }

    private void removeFromOutbox(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM erasure_outbox WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw ApiError.unavailable("database error clearing the erasure outbox: " + e.getMessage(), e);
        }
    }
}
