package dev.persona.recommend.popular;

import dev.persona.recommend.ranking.Scored;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The popularity of every item at one point of the log, as {@link Popularity} took it: immutable and safe to read
 * from many threads. Only items with at least one counted user are in it; any other item has POPULAR 0 and
 * TRENDING 0.
 *
 * <ul>
 * <li>POPULAR: {@code users(i)}, distinct users with a non-impression event on i, all time; ties by
 * {@code weighted(i)} descending, then by item id ascending.</li>
 * <li>TRENDING at {@code now}: {@code Σ_u 2^(−(now − last(u, i)) / h)} over those users, {@code last(u, i)} being
 * the time of u's latest non-impression event on i; ties likewise. An event later than {@code now} counts more than
 * 1 (its age is negative): {@code now} should be at or after the log's latest event.</li>
 * </ul>
 * Both orders are sorted when the snapshot is built, so that top-N queries only walk them.
 */
public final class PopularitySnapshot {

    private final String[] ids;
    private final Map<String, Integer> index;
    private final double[] users;
    private final double[] weighted;
    /** S(i) = Σ_u 2^((last(u, i) − ref) / h). */
    private final double[] trend;
    private final long ref;
    private final long halfLifeMillis;
    private final Ranking popular;
    /** The TRENDING order, with S(i) as scores (scaled per {@code now} by {@link #trending(long)}). */
    private final Ranking trendingAtRef;

    PopularitySnapshot(String[] ids, double[] users, double[] weighted, double[] trend, long ref,
                       long halfLifeMillis) {
        this.ids = ids;
        this.users = users;
        this.weighted = weighted;
        this.trend = trend;
        this.ref = ref;
        this.halfLifeMillis = halfLifeMillis;
        Map<String, Integer> byId = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            byId.put(ids[i], i);
        }
        this.index = byId;
        this.popular = Ranking.sorted(ids, byId, users, weighted);
        this.trendingAtRef = Ranking.sorted(ids, byId, trend, weighted);
    }

    /** The POPULAR ranking: scores are distinct-user counts. */
    public Ranking popular() {
        return popular;
    }

    /** The TRENDING ranking with scores at {@code nowMillis}. O(1): the order does not depend on the time. */
    public Ranking trending(long nowMillis) {
        return trendingAtRef.scaled(decayFactor(nowMillis));
    }

    /** The {@code n} most popular allowed items, best first (see {@link Ranking#top}). */
    public List<Scored> top(int n, Predicate<String> allowed) {
        return popular.top(n, allowed);
    }

    /** The {@code n} most trending allowed items at {@code nowMillis}, best first (see {@link Ranking#top}). */
    public List<Scored> topTrending(int n, long nowMillis, Predicate<String> allowed) {
        return trending(nowMillis).top(n, allowed);
    }

    /** POPULAR of the item: its distinct users; 0 when unknown. */
    public int users(String itemId) {
        Integer i = index.get(itemId);
        return i == null ? 0 : (int) users[i];
    }

    /** The item's event-weighted count; 0 when unknown. */
    public double weighted(String itemId) {
        Integer i = index.get(itemId);
        return i == null ? 0 : weighted[i];
    }

    /** TRENDING of the item at {@code nowMillis}; 0 when unknown. */
    public double trending(String itemId, long nowMillis) {
        Integer i = index.get(itemId);
        return i == null ? 0 : trend[i] * decayFactor(nowMillis);
    }

    /** Per-category rankings, with {@code categoryOf} giving each item's category (null or empty for none). */
    public CategoryRankings byCategory(Function<String, String> categoryOf) {
        return new CategoryRankings(this, categoryOf);
    }

    /** Number of items with at least one counted user. */
    public int items() {
        return ids.length;
    }

    /** The half-life h of TRENDING, in milliseconds. */
    public long halfLifeMillis() {
        return halfLifeMillis;
    }

    String id(int i) {
        return ids[i];
    }

    double weightedAt(int i) {
        return weighted[i];
    }

    /** {@code 2^((ref − now)/h)}, the factor from S(i) to TRENDING at {@code now}. */
    double decayFactor(long nowMillis) {
        return Math.exp((double) (ref - nowMillis) * Math.log(2) / halfLifeMillis);
    }

    Ranking trendingAtRef() {
        return trendingAtRef;
    }
}
