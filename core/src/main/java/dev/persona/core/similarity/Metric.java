package dev.persona.core.similarity;

/**
 * Similarity between two entities a and b (two items, or two users), each a sparse vector over the other dimension
 * (an item over its users, a user over its items). Below, for item-item lists, x_u = r(u,a) and y_u = r(u,b) are
 * the stored values, I_a the users who rated a, and U = I_a ∩ I_b the co-raters (n = |U|, the pair's support).
 * User-user lists are the same formulas on the transposed matrix: users and items swap roles.
 *
 * <p>A pair whose score is undefined (a zero norm, or zero variance over the co-raters for PEARSON) is not a
 * neighbour. Only pairs with at least one co-rater are ever scored.
 */
public enum Metric {

    /**
     * Cosine of the whole vectors: s = Σ_{u∈U} x_u y_u / (√Σ_{u∈I_a} x_u² · √Σ_{u∈I_b} y_u²). The norms run over
     * everything each entity was rated with, not only the co-raters (Sarwar et al., "Item-based collaborative
     * filtering recommendation algorithms", WWW 2001, §3.1.1).
     */
    COSINE,

    /**
     * Cosine after centring every rating by its rater's mean: x_u = r(u,a) − r̄(u), where r̄(u) is the mean of all of
     * u's stored values, and then {@link #COSINE} on the centred values (norms over each entity's whole vector).
     * Sarwar et al. (2001, §3.1.3) write the same numerator; we keep whole-vector norms so that this metric is
     * exactly COSINE on centred data. For user-user lists each value is centred by its item's mean. On binary data
     * every centred value is 0 and no pair is defined.
     */
    ADJUSTED_COSINE,

    /**
     * Pearson correlation over the co-raters only, each side centred by its mean over the co-raters:
     * s = Σ_U (x_u − x̄)(y_u − ȳ) / √(Σ_U (x_u − x̄)² · Σ_U (y_u − ȳ)²), with x̄ = Σ_U x_u / n and ȳ = Σ_U y_u / n
     * (Herlocker et al., "An algorithmic framework for performing collaborative filtering", SIGIR 1999). Computed in
     * one pass from the co-rater sums n, Σx', Σy', Σx'², Σy'², Σx'y' of values shifted by each entity's overall mean
     * (x' = x − mean of all of a's values), which leaves the correlation unchanged and avoids most of the
     * cancellation that sums of raw values suffer: Σ_U (x_u − x̄)² = Σx'² − (Σx')²/n, and so on. A side with
     * Σ_U (x_u − x̄)² ≤ 1e-10 · Σx'² counts as constant and the pair is undefined; with n = 1 it always is. For
     * user-user lists, a user's values over the items both users rated.
     */
    PEARSON,

    /**
     * Jaccard index of the patterns, ignoring values: s = |I_a ∩ I_b| / |I_a ∪ I_b| = n / (|I_a| + |I_b| − n).
     */
    JACCARD
}
