package dev.persona.core.similarity;

/** How interactions of the same (user, item) pair are merged into one matrix entry. */
public enum DuplicatePolicy {
    /** The weights are added up in input order: two purchases weigh twice one. The default. */
    SUM,
    /** The last weight in input order wins: a re-rating replaces the earlier rating. */
    LAST
}
