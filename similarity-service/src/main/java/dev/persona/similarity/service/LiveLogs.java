package dev.persona.similarity.service;

import dev.persona.api.v1.Interaction;
import dev.persona.similarity.config.SimilarityConfig;
import dev.persona.similarity.log.InteractionLog;
import dev.persona.common.profile.ProfileClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Each tenant's {@link InteractionLog}, loaded through ProfileService's ExportInteractions on first use and caught
 * up from its cursor whenever the change feed announces new events (or a build or status needs the head). The feed
 * is only a notification: what the log holds always comes from ExportInteractions, so nothing is missed when the
 * feed is. Catch-ups and erasures of one tenant run one at a time, so an erasure never lands between a catch-up's
 * read of the user's events and their append; readers share the log under a read lock.
 */
@ApplicationScoped
public class LiveLogs {

    /** Receives how far a catch-up is: interactions read so far, and an upper bound of those to read. */
    @FunctionalInterface
    public interface LoadProgress {
        LoadProgress NONE = (done, total) -> { };

        void loaded(long done, long total);
    }

    private static final class TenantLog {
        final InteractionLog log = new InteractionLog();
        final ReentrantReadWriteLock access = new ReentrantReadWriteLock();
        final ReentrantLock writer = new ReentrantLock();
    }

    @Inject
    ProfileClient profile;

    @Inject
    SimilarityConfig config;

    private final ConcurrentHashMap<String, TenantLog> logs = new ConcurrentHashMap<>();

    /** Reads ProfileService's log from the tenant's cursor to its head; returns the number of new interactions. */
    public long catchUp(String tenant, LoadProgress progress) {
        TenantLog t = logs.computeIfAbsent(tenant, x -> new TenantLog());
        t.writer.lock();
        try {
            long from = t.log.cursor();
            long[] read = {0};
            profile.exportInteractions(tenant, from, batch -> {
                t.access.writeLock().lock();
                try {
                    for (Interaction i : batch.getInteractionsList()) {
                        append(t.log, i);
                    }
                    t.log.skipTo(batch.getLastSequence());
                } finally {
                    t.access.writeLock().unlock();
                }
                read[0] += batch.getInteractionsCount();
                progress.loaded(read[0], Math.max(read[0], batch.getHeadSequence() - from));
            });
            return read[0];
        } finally {
            t.writer.unlock();
        }
    }

    /**
     * Catches up unless another catch-up of the tenant (for example a build's load) is still running after
     * {@code waitMs}; then the log is read as it stands. Returns whether this call caught up.
     */
    public boolean catchUpIfIdle(String tenant, long waitMs) {
        TenantLog t = logs.computeIfAbsent(tenant, x -> new TenantLog());
        try {
            if (!t.writer.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            catchUp(tenant, LoadProgress.NONE);
            return true;
        } finally {
            t.writer.unlock();
        }
    }

    /** Runs {@code reader} on the tenant's log under its read lock (an empty log if never loaded here). */
    public <T> T read(String tenant, Function<InteractionLog, T> reader) {
        TenantLog t = logs.computeIfAbsent(tenant, x -> new TenantLog());
        t.access.readLock().lock();
        try {
            return reader.apply(t.log);
        } finally {
            t.access.readLock().unlock();
        }
    }

    /** Removes the user's pairs from the tenant's log, if loaded here. */
    public void erase(String tenant, String userId) {
        TenantLog t = logs.get(tenant);
        if (t == null) {
            return;
        }
        t.writer.lock();
        t.access.writeLock().lock();
        try {
            t.log.eraseUser(userId);
        } finally {
            t.access.writeLock().unlock();
            t.writer.unlock();
        }
    }

    /** Tenants whose log this replica holds. */
    public Set<String> tenants() {
        return logs.keySet();
    }

    private void append(InteractionLog log, Interaction i) {
        SimilarityConfig.Weights w = config.weights();
        switch (i.getType()) {
            case EVENT_TYPE_RATING -> log.append(i.getSequence(), i.getUserId(), i.getItemId(), i.getValue(), true);
            case EVENT_TYPE_VIEW -> log.append(i.getSequence(), i.getUserId(), i.getItemId(), w.view(), false);
            case EVENT_TYPE_CLICK -> log.append(i.getSequence(), i.getUserId(), i.getItemId(), w.click(), false);
            case EVENT_TYPE_ADD_TO_CART -> log.append(i.getSequence(), i.getUserId(), i.getItemId(), w.addToCart(), false);
            case EVENT_TYPE_PURCHASE -> log.append(i.getSequence(), i.getUserId(), i.getItemId(), w.purchase(), false);
            default -> log.skipTo(i.getSequence());
        }
    }
}
