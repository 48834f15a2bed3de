package dev.persona.recommend.store;

import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.content.ContentModel;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.knn.Baselines;
import dev.persona.recommend.knn.Interests;
import dev.persona.recommend.popular.Popularity;
import dev.persona.recommend.popular.PopularitySnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one replica holds of one tenant: the catalogue (with its content model), every user's history from the log,
 * popularity, and rating baselines. Writers (catch-ups, erasures, catalogue loads) take {@link #writer}; readers use
 * the immutable views ({@link #catalogue()}, {@link #popularity()}, {@link #history(String)}) without locks.
 */
public final class TenantData {

    /** The catalogue as one immutable view. */
    public record Catalogue(Map<String, ItemInfo> items, ContentModel content, long loadedAtMillis) {
        static final Catalogue EMPTY = new Catalogue(Map.of(), ContentModel.build(List.of()), 0);

        public ItemInfo item(String id) {
            return items.get(id);
        }
    }

    final ReentrantLock writer = new ReentrantLock();
    private final EventWeights weights;
    private final long contentHalfLifeMillis;
    private final Popularity popularityBuilder;
    private final Map<String, List<UserEvent>> histories = new ConcurrentHashMap<>();
    /**
     * One String per item id across every history: a million events of a few thousand items hold a few thousand
     * strings, and the per-request tallies over many histories compare and hash the same instances.
     */
    private final Map<String, String> itemIds = new ConcurrentHashMap<>();
    /** Each user's interests, computed on first use and dropped when the user's history changes. */
    private final Map<String, Map<String, Double>> interests = new ConcurrentHashMap<>();
    /** Each user's ratings, computed on first use and dropped when the user's history changes. */
    private final Map<String, Map<String, Double>> ratings = new ConcurrentHashMap<>();
    /** Events (impressions aside) this copy has read from the log; never lowered, erasures included. */
    private final AtomicLong eventsRead = new AtomicLong();
    private volatile Catalogue catalogue = Catalogue.EMPTY;
    private volatile PopularitySnapshot popularity;
    private volatile Baselines baselines;
    private volatile boolean logLoaded;
    private long cursor;

    TenantData(EventWeights weights, long trendingHalfLifeMillis, long contentHalfLifeMillis) {
        this.weights = weights;
        this.contentHalfLifeMillis = contentHalfLifeMillis;
        this.popularityBuilder = new Popularity(weights, trendingHalfLifeMillis);
        this.popularity = popularityBuilder.snapshot();
    }

    /**
     * A tenant's data held in memory only, for example an offline evaluation's train split: {@code catalogue} and
     * {@code histories} (user → events oldest first) as if read from the log.
     */
    public static TenantData of(EventWeights weights, long trendingHalfLifeMillis, Catalogue catalogue,
                                Map<String, List<UserEvent>> histories) {
        TenantData data = new TenantData(weights, trendingHalfLifeMillis, 0);
        data.catalogue = catalogue;
        histories.forEach((user, events) -> events.forEach(e -> data.append(0, user, e)));
        data.publish(0);
        return data;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public PopularitySnapshot popularity() {
        return popularity;
    }

    /** The user's events from the log, oldest first (a copy); empty when the log has none. */
    public List<UserEvent> history(String userId) {
        List<UserEvent> h = histories.get(userId);
        if (h == null) {
            return List.of();
        }
        synchronized (h) {
            return new ArrayList<>(h);
        }
    }

    /** The user's weight per item over the log's history ({@link Interests#weights}), kept until it changes. */
    public Map<String, Double> interests(String userId) {
        Map<String, Double> i = interests.get(userId);
        if (i == null) {
            i = Map.copyOf(Interests.weights(history(userId), weights));
            interests.put(userId, i);
        }
        return i;
    }

    /** Every user's history (a copy each), in no particular order. */
    public void forEachHistory(java.util.function.BiConsumer<String, List<UserEvent>> each) {
        for (String user : histories.keySet()) {
            List<UserEvent> h = history(user);
            if (!h.isEmpty()) {
                each.accept(user, h);
            }
        }
    }

    /**
     * How many events (impressions aside) this copy has read from the tenant's log: a replica that loaded the whole log
     * counts the events it holds, and the count grows with every event since (an erasure does not lower it).
     */
    public long eventsRead() {
        return eventsRead.get();
    }

    /** The log position this replica's copy reached. */
    public long sequence() {
        return cursor;
    }

    /** The user's latest rating per item over the log's history ({@link Interests#ratings}), kept until it changes. */
    public Map<String, Double> ratings(String userId) {
        Map<String, Double> r = ratings.get(userId);
        if (r == null) {
            r = Map.copyOf(Interests.ratings(history(userId)));
            ratings.put(userId, r);
        }
        return r;
    }

    /** Whether the log was read at least once (the data may still be empty). */
    public boolean logLoaded() {
        return logLoaded;
    }

    /** Rating baselines over every rating of the log, computed on first use after a change; null without ratings. */
    public Baselines baselines() {
        Baselines b = baselines;
        if (b == null) {
            Map<String, Map<String, Double>> ratings = new HashMap<>();
            for (Map.Entry<String, List<UserEvent>> e : histories.entrySet()) {
                Map<String, Double> r = Interests.ratings(history(e.getKey()));
                if (!r.isEmpty()) {
                    ratings.put(e.getKey(), r);
                }
            }
            if (ratings.isEmpty()) {
                return null;
            }
            b = Baselines.fit(ratings);
            baselines = b;
        }
        return b;
    }

    long cursor() {
        return cursor;
    }

    /** Takes in one event of the log (the caller holds {@link #writer}). */
    void append(long sequence, String userId, UserEvent event) {
        cursor = Math.max(cursor, sequence);
        if (event.kind() == EventKind.IMPRESSION) {
            return;
        }
        String item = itemIds.computeIfAbsent(event.itemId(), id -> id);
        if (item != event.itemId()) {
            event = new UserEvent(item, event.kind(), event.value(), event.atMillis());
        }
        List<UserEvent> h = histories.computeIfAbsent(userId, u -> new ArrayList<>());
        synchronized (h) {
            h.add(event);
        }
        eventsRead.incrementAndGet();
        interests.remove(userId);
        ratings.remove(userId);
        popularityBuilder.add(userId, event.itemId(), event.kind(), event.value(), event.atMillis());
    }

    /** Publishes what the appends since the last call changed (the caller holds {@link #writer}). */
    void publish(long lastSequence) {
        cursor = Math.max(cursor, lastSequence);
        popularity = popularityBuilder.snapshot();
        baselines = null;
        logLoaded = true;
    }

    /** Forgets everything of the user (the caller holds {@link #writer}). */
    void erase(String userId) {
        histories.remove(userId);
        interests.remove(userId);
        ratings.remove(userId);
        popularityBuilder.eraseUser(userId);
        publish(cursor);
    }

    void replaceCatalogue(Collection<ItemInfo> items, long nowMillis) {
        Map<String, ItemInfo> byId = new HashMap<>();
        for (ItemInfo item : items) {
            byId.put(item.id(), item);
        }
        catalogue = new Catalogue(Map.copyOf(byId), ContentModel.build(items, weights, contentHalfLifeMillis),
                nowMillis);
    }
}
