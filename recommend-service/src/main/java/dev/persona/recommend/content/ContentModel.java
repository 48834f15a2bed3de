package dev.persona.recommend.content;

import dev.persona.core.topk.TopK;
import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Content-based recommendation (STRATEGY_CONTENT): TF-IDF vectors of the catalogue's items over their category,
 * tags and title words (see {@link ItemTerms}), and cosine similarity between them.
 *
 * <p>For N items, a term t found in df(t) of them weighs {@code idf(t) = ln((1 + N) / (1 + df(t))) + 1} (the
 * smoothed idf: never 0, so a term every item has still counts a little), and item i's vector is
 * {@code x_i[t] = tf(i, t) · idf(t) / ‖tf(i, ·) · idf‖₂}: unit length, so that a dot product is a cosine. Items
 * without any term have no vector and are never scored.
 *
 * <p>A user's profile is the weighted sum of the vectors of their history, recent events weighing more:
 * {@code a_j = Σ weights.of(kind, value) · 2^(−age / h)} over the user's events on item j, with
 * {@code age = max(0, now − atMillis)} and h the half-life, then {@code u = Σ_j a_j x_j / ‖Σ_j a_j x_j‖₂}. An
 * item's score is the cosine {@code score(i) = u · x_i = Σ_j a_j (x_j · x_i) / ‖Σ_j a_j x_j‖₂}, so history item j
 * contributes {@code a_j (x_j · x_i) / ‖Σ_j a_j x_j‖₂}: the {@code because} items are the (at most three)
 * largest contributors. Only events with a positive weight count (impressions weigh 0); events on items outside
 * the catalogue are skipped.
 *
 * <p>Scores are computed through an inverted index (term → items holding it, with their weights): only items
 * sharing at least one term with the query are touched, each by {@code Σ_t u[t] · x_i[t]} over the shared terms.
 * Items nobody has interacted with score like any other, so new items are found as soon as they are in the
 * catalogue. History items are not excluded here: the {@code allowed} predicate does that when the request wants
 * it. Inactive items are never returned.
 *
 * <p>Immutable and safe to share between threads; a changed catalogue means a new model. Memory: per (item, term)
 * entry 16 bytes (an int and a float in the item vectors, again in the inverted index), plus the ids and the
 * vocabulary. Each query allocates one double per item of the catalogue (the score accumulator) and keeps a heap
 * of at most {@code n} candidates.
 */
public final class ContentModel {

    /** Thirty days: a user's tastes move more slowly than what is trending. */
    public static final long DEFAULT_HALF_LIFE_MILLIS = 30L * 24 * 60 * 60 * 1000;

    /** At most this many {@code because} items per recommendation. */
    public static final int MAX_BECAUSE = 3;

    private final EventWeights weights;
    private final long halfLifeMillis;

    /** Item ids sorted ascending: index order is id order, which breaks ties. */
    private final String[] ids;
    private final boolean[] active;
    private final Map<String, Integer> index;

    private final String[] terms;
    private final Map<String, Integer> termIndex;
    private final double[] idf;

    /** Item vectors, compressed rows: item i's terms (ascending) are {@code itemTerm[itemStart[i] .. itemStart[i+1])}. */
    private final int[] itemStart;
    private final int[] itemTerm;
    private final float[] itemWeight;

    /** Inverted index: term t's items (ascending) are {@code postingItem[postingStart[t] .. postingStart[t+1])}. */
    private final int[] postingStart;
    private final int[] postingItem;
    private final float[] postingWeight;

    private ContentModel(Collection<ItemInfo> catalogue, EventWeights weights, long halfLifeMillis) {
        if (halfLifeMillis < 1) {
            throw new IllegalArgumentException("halfLifeMillis must be at least 1, got " + halfLifeMillis);
        }
        this.weights = weights;
        this.halfLifeMillis = halfLifeMillis;

        ItemInfo[] items = catalogue.toArray(new ItemInfo[0]);
        Arrays.sort(items, (a, b) -> a.id().compareTo(b.id()));
        int n = items.length;
        ids = new String[n];
        active = new boolean[n];
        index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            ids[i] = items[i].id();
            active[i] = items[i].active();
            if (index.put(ids[i], i) != null) {
                throw new IllegalArgumentException("item " + ids[i] + " is in the catalogue twice");
            }
        }

        // Vocabulary in order of first appearance (items by id), term frequencies, document frequencies.
        termIndex = new LinkedHashMap<>();
        int[][] itemTerms = new int[n][];
        int[][] itemCounts = new int[n][];
        int[] df = new int[16];
        int entries = 0;
        for (int i = 0; i < n; i++) {
            Map<String, Integer> counts = ItemTerms.of(items[i]);
            int[] t = new int[counts.size()];
            int[] c = new int[counts.size()];
            int k = 0;
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                Integer id = termIndex.putIfAbsent(entry.getKey(), termIndex.size());
                t[k] = id == null ? termIndex.size() - 1 : id;
                c[k] = entry.getValue();
                if (t[k] == df.length) {
                    df = Arrays.copyOf(df, df.length * 2);
                }
                df[t[k]]++;
                k++;
            }
            sortByTerm(t, c);
            itemTerms[i] = t;
            itemCounts[i] = c;
            entries += t.length;
        }
        int vocabulary = termIndex.size();
        terms = termIndex.keySet().toArray(new String[0]);
        idf = new double[vocabulary];
        for (int t = 0; t < vocabulary; t++) {
            idf[t] = Math.log((1.0 + n) / (1.0 + df[t])) + 1;
        }

        itemStart = new int[n + 1];
        itemTerm = new int[entries];
        itemWeight = new float[entries];
        int at = 0;
        for (int i = 0; i < n; i++) {
            itemStart[i] = at;
            int[] t = itemTerms[i];
            double squares = 0;
            for (int k = 0; k < t.length; k++) {
                double w = itemCounts[i][k] * idf[t[k]];
                squares += w * w;
            }
            double norm = Math.sqrt(squares);
            for (int k = 0; k < t.length; k++) {
                itemTerm[at] = t[k];
                itemWeight[at] = (float) (itemCounts[i][k] * idf[t[k]] / norm);
                at++;
            }
        }
        itemStart[n] = at;

        postingStart = new int[vocabulary + 1];
        for (int e = 0; e < entries; e++) {
            postingStart[itemTerm[e] + 1]++;
        }
        for (int t = 0; t < vocabulary; t++) {
            postingStart[t + 1] += postingStart[t];
        }
        postingItem = new int[entries];
        postingWeight = new float[entries];
        int[] fill = Arrays.copyOf(postingStart, vocabulary);
        for (int i = 0; i < n; i++) {
            for (int e = itemStart[i]; e < itemStart[i + 1]; e++) {
                int slot = fill[itemTerm[e]]++;
                postingItem[slot] = i;
                postingWeight[slot] = itemWeight[e];
            }
        }
    }

    /** A model of the catalogue with the default weights and half-life. */
    public static ContentModel build(Collection<ItemInfo> catalogue) {
        return build(catalogue, EventWeights.DEFAULT, DEFAULT_HALF_LIFE_MILLIS);
    }

    /**
     * A model of the catalogue (every item, active or not: inactive items count in df and can be in a history,
     * but are never recommended).
     *
     * @param weights        the weight of each event in the profile
     * @param halfLifeMillis the half-life h of the profile's time decay, at least 1 ms
     * @throws IllegalArgumentException when an id appears twice or the half-life is below 1 ms
     */
    public static ContentModel build(Collection<ItemInfo> catalogue, EventWeights weights, long halfLifeMillis) {
        return new ContentModel(catalogue, weights, halfLifeMillis);
    }

    /**
     * The {@code n} allowed active items closest to the user's history at {@code nowMillis}, best first, each with
     * the history items that contributed most to it. Empty when no history event has a positive weight on an item
     * with terms.
     */
    public List<Scored> recommend(List<UserEvent> history, long nowMillis, int n, Predicate<String> allowed) {
        if (n <= 0) {
            return List.of();
        }
        // a_j per distinct history item, in item index order.
        int[] eventItem = new int[history.size()];
        double[] eventWeight = new double[history.size()];
        int events = 0;
        double decayRate = Math.log(2) / halfLifeMillis;
        for (UserEvent event : history) {
            Integer i = index.get(event.itemId());
            double w = weights.of(event.kind(), event.value());
            if (i == null || !(w > 0) || Double.isInfinite(w)) {
                continue;
            }
            long age = Math.max(0, nowMillis - event.atMillis());
            double decayed = w * Math.exp(-age * decayRate);
            if (decayed > 0) {
                eventItem[events] = i;
                eventWeight[events] = decayed;
                events++;
            }
        }
        long[] byItem = new long[events];
        for (int e = 0; e < events; e++) {
            byItem[e] = ((long) eventItem[e] << 32) | e;
        }
        Arrays.sort(byItem);
        int[] historyItem = new int[events];
        double[] historyWeight = new double[events];
        int distinct = 0;
        for (int k = 0; k < events; k++) {
            int e = (int) byItem[k];
            int i = eventItem[e];
            if (distinct > 0 && historyItem[distinct - 1] == i) {
                historyWeight[distinct - 1] += eventWeight[e];
            } else {
                historyItem[distinct] = i;
                historyWeight[distinct] = eventWeight[e];
                distinct++;
            }
        }

        // u = Σ_j a_j x_j, summed per term in history order; then its norm.
        int entries = 0;
        for (int k = 0; k < distinct; k++) {
            entries += itemStart[historyItem[k] + 1] - itemStart[historyItem[k]];
        }
        long[] byTerm = new long[entries];
        double[] parts = new double[entries];
        int at = 0;
        for (int k = 0; k < distinct; k++) {
            int i = historyItem[k];
            for (int e = itemStart[i]; e < itemStart[i + 1]; e++) {
                byTerm[at] = ((long) itemTerm[e] << 32) | at;
                parts[at] = historyWeight[k] * itemWeight[e];
                at++;
            }
        }
        Arrays.sort(byTerm);
        int[] profileTerm = new int[entries];
        double[] profileWeight = new double[entries];
        int profileSize = 0;
        for (long key : byTerm) {
            int t = (int) (key >>> 32);
            double part = parts[(int) key];
            if (profileSize > 0 && profileTerm[profileSize - 1] == t) {
                profileWeight[profileSize - 1] += part;
            } else {
                profileTerm[profileSize] = t;
                profileWeight[profileSize] = part;
                profileSize++;
            }
        }
        double norm = norm(profileWeight, profileSize);
        if (norm == 0) {
            return List.of();
        }

        TopK ranked = score(profileTerm, profileWeight, profileSize, 1 / norm, -1, n, allowed);
        List<Scored> out = new ArrayList<>(ranked.size());
        for (int r = 0; r < ranked.size(); r++) {
            int i = ranked.index(r);
            out.add(new Scored(ids[i], ranked.score(r), because(i, historyItem, historyWeight, distinct, norm)));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The {@code n} allowed active items closest to {@code itemId} by cosine, best first, the item itself excluded;
     * {@code because} is empty (the list is not personalised). Empty when the item is unknown or has no terms.
     */
    public List<Scored> similarTo(String itemId, int n, Predicate<String> allowed) {
        Integer anchor = index.get(itemId);
        if (anchor == null || n <= 0) {
            return List.of();
        }
        int from = itemStart[anchor];
        int size = itemStart[anchor + 1] - from;
        int[] queryTerm = Arrays.copyOfRange(itemTerm, from, from + size);
        double[] queryWeight = new double[size];
        for (int k = 0; k < size; k++) {
            queryWeight[k] = itemWeight[from + k];
        }
        TopK ranked = score(queryTerm, queryWeight, size, 1, anchor, n, allowed);
        List<Scored> out = new ArrayList<>(ranked.size());
        for (int r = 0; r < ranked.size(); r++) {
            out.add(Scored.of(ids[ranked.index(r)], ranked.score(r)));
        }
        return Collections.unmodifiableList(out);
    }

    /** The cosine of two items' vectors; 0 when either is unknown or has no terms. */
    public double similarity(String itemA, String itemB) {
        Integer a = index.get(itemA);
        Integer b = index.get(itemB);
        return a == null || b == null ? 0 : dot(a, b);
    }

    /** The item's unit TF-IDF vector, term → weight (terms as in {@link ItemTerms}); empty when unknown. */
    public Map<String, Double> vector(String itemId) {
        Integer i = index.get(itemId);
        if (i == null) {
            return Map.of();
        }
        Map<String, Double> vector = new LinkedHashMap<>();
        for (int e = itemStart[i]; e < itemStart[i + 1]; e++) {
            vector.put(terms[itemTerm[e]], (double) itemWeight[e]);
        }
        return Collections.unmodifiableMap(vector);
    }

    /** idf of a term ({@code "c:…"}, {@code "t:…"} or {@code "w:…"}); 0 when no item has it. */
    public double idf(String term) {
        Integer t = termIndex.get(term);
        return t == null ? 0 : idf[t];
    }

    /** Whether the item is in the catalogue (active or not). */
    public boolean contains(String itemId) {
        return index.containsKey(itemId);
    }

    /** Number of items in the catalogue. */
    public int items() {
        return ids.length;
    }

    /**
     * Scores every item sharing a term with the query, {@code scale · Σ_t query[t] · x_i[t]}, and keeps the
     * {@code n} best that are active, not {@code exclude} and allowed, sorted best first (equal scores: the lower
     * index, that is the smaller id, first). {@code allowed} is only asked about candidates good enough to enter the
     * top {@code n} at that moment.
     */
    private TopK score(int[] queryTerm, double[] queryWeight, int querySize, double scale, int exclude, int n,
                         Predicate<String> allowed) {
        double[] sum = new double[ids.length];
        int[] touched = new int[64];
        int touchedCount = 0;
        for (int k = 0; k < querySize; k++) {
            int t = queryTerm[k];
            double q = queryWeight[k];
            for (int p = postingStart[t]; p < postingStart[t + 1]; p++) {
                double add = q * postingWeight[p];
                if (add == 0) {
                    // Only positive additions, so that a sum of 0 means "not touched yet".
                    continue;
                }
                int i = postingItem[p];
                if (sum[i] == 0) {
                    if (touchedCount == touched.length) {
                        touched = Arrays.copyOf(touched, touchedCount * 2);
                    }
                    touched[touchedCount++] = i;
                }
                sum[i] += add;
            }
        }
        TopK top = new TopK(Math.min(n, touchedCount));
        for (int k = 0; k < touchedCount; k++) {
            int i = touched[k];
            double s = sum[i] * scale;
            if (i != exclude && active[i] && top.admits(s, i) && allowed.test(ids[i])) {
                top.offer(i, s);
            }
        }
        top.sortBestFirst();
        return top;
    }

    /** The history items with the largest contributions {@code a_j (x_j · x_i) / norm} to item i, most first. */
    private List<String> because(int i, int[] historyItem, double[] historyWeight, int distinct, double norm) {
        TopK top = new TopK(Math.min(MAX_BECAUSE, distinct));
        for (int k = 0; k < distinct; k++) {
            double contribution = historyWeight[k] * dot(historyItem[k], i) / norm;
            if (contribution > 0 && top.admits(contribution, historyItem[k])) {
                top.offer(historyItem[k], contribution);
            }
        }
        top.sortBestFirst();
        List<String> because = new ArrayList<>(top.size());
        for (int r = 0; r < top.size(); r++) {
            because.add(ids[top.index(r)]);
        }
        return because;
    }

    /** x_a · x_b, merging the two sorted term lists. */
    private double dot(int a, int b) {
        int p = itemStart[a];
        int pEnd = itemStart[a + 1];
        int q = itemStart[b];
        int qEnd = itemStart[b + 1];
        double sum = 0;
        while (p < pEnd && q < qEnd) {
            int c = Integer.compare(itemTerm[p], itemTerm[q]);
            if (c == 0) {
                sum += (double) itemWeight[p++] * itemWeight[q++];
            } else if (c < 0) {
                p++;
            } else {
                q++;
            }
        }
        return sum;
    }

    private static double norm(double[] values, int size) {
        double squares = 0;
        for (int k = 0; k < size; k++) {
            squares += values[k] * values[k];
        }
        return Math.sqrt(squares);
    }

    /** Sorts an item's terms ascending, carrying their counts along (insertion sort: items have few terms). */
    private static void sortByTerm(int[] terms, int[] counts) {
        for (int k = 1; k < terms.length; k++) {
            int t = terms[k];
            int c = counts[k];
            int j = k - 1;
            while (j >= 0 && terms[j] > t) {
                terms[j + 1] = terms[j];
                counts[j + 1] = counts[j];
                j--;
            }
            terms[j + 1] = t;
            counts[j + 1] = c;
        }
    }
}
