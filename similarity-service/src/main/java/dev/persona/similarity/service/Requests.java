package dev.persona.similarity.service;

import dev.persona.core.similarity.Metric;
import dev.persona.similarity.store.Scope;

/** Validated inputs of the service operations, in the service's own terms. */
public final class Requests {

    private Requests() {
    }

    /** What to build. */
    public record Build(Scope scope, int k, int minSupport, double shrinkage, boolean binary, int threads) {
    }

    /** Whether a metric works on binary data (the rating-centred ones do not). */
    public static boolean allowsBinary(Metric metric) {
        return metric == Metric.COSINE || metric == Metric.JACCARD;
    }
}
