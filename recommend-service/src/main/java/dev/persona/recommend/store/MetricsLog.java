package dev.persona.recommend.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * What GetStrategyMetrics needs, recorded off the request path: each list served and each click or purchase that
 * carries a recommendation id is queued in memory and written to PostgreSQL in bulk every
 * {@code persona.recommend.metrics-flush} (and before every GetStrategyMetrics). Serving never waits for it. While
 * PostgreSQL is down the queue holds up to {@code MAX_PENDING} records; beyond that records are dropped and counted
 * ({@link #dropped()}). Attributions are re-read from the log when a replica loads a tenant, so only served lists can
 * be lost, and only those queued when a replica stops.
 */
@ApplicationScoped
public class MetricsLog {

    private static final Logger LOG = Logger.getLogger(MetricsLog.class);
    static final int MAX_PENDING = 1_000_000;
    private static final int BATCH = 10_000;

    private final MetricsStore store;
    private final ConcurrentLinkedQueue<MetricsStore.Served> served = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<MetricsStore.Attributed> attributed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();

    private final MeterRegistry registry;

    public MetricsLog(MetricsStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** A list was served. */
    public void served(String tenant, String recommendationId, String strategy, int items) {
        registry.counter("persona.recommendations.served", "strategy", strategy).increment();
        if (admit()) {
            served.add(new MetricsStore.Served(tenant, recommendationId, strategy, System.currentTimeMillis(), items));
        }
    }

    /** A click ({@code kind} 2) or purchase (4) carried a recommendation id. */
    public void attributed(String tenant, String recommendationId, String itemId, short kind, String userId,
                           double amount) {
        if (admit()) {
            attributed.add(new MetricsStore.Attributed(tenant, recommendationId, itemId, kind, userId, amount));
        }
    }

    private boolean admit() {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            dropped.increment();
            return false;
        }
        return true;
    }

    /**
     * Forgets an erased user's attributed events: those still queued and those written.
     *
     * @throws RuntimeException when PostgreSQL fails, so the erasure is retried rather than forgotten
     */
    public void forget(String tenant, String userId) {
        int before = attributed.size();
        attributed.removeIf(a -> a.tenant().equals(tenant) && a.userId().equals(userId));
        pending.addAndGet(attributed.size() - before);
        store.erase(tenant, userId);
    }

    /** Records dropped since start because PostgreSQL stayed down too long. */
    public long dropped() {
        return dropped.sum();
    }

    @Scheduled(every = "${persona.recommend.metrics-flush}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledFlush() {
        try {
            flush();
        } catch (SQLException e) {
            LOG.debugf("strategy metrics not written yet (%s); retried", e.getMessage());
        }
    }

    /**
     * Writes everything queued so far.
     *
     * @throws SQLException when PostgreSQL fails; what was not written stays queued
     */
    public synchronized void flush() throws SQLException {
        drain(served, rows -> store.saveServed(rows));
        drain(attributed, rows -> store.saveAttributed(rows));
    }

    private interface Sink<T> {
        void save(List<T> rows) throws SQLException;
    }

    private <T> void drain(ConcurrentLinkedQueue<T> queue, Sink<T> sink) throws SQLException {
        while (!queue.isEmpty()) {
            List<T> rows = new ArrayList<>();
            for (T x = queue.peek(); x != null && rows.size() < BATCH; x = queue.peek()) {
                rows.add(queue.poll());
            }
            try {
                sink.save(rows);
            } catch (SQLException | RuntimeException e) {
                queue.addAll(rows); // order does not matter: every row is keyed
                throw e instanceof SQLException s ? s : new SQLException(e);
            }
            pending.addAndGet(-rows.size());
        }
    }
}
