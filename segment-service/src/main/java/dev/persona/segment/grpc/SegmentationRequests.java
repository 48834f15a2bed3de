package dev.persona.segment.grpc;

import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.common.error.ApiError;
import dev.persona.common.validation.Ids;
import dev.persona.segment.config.SegmentConfig;
import dev.persona.segment.features.FeatureScaler.Scaling;
import dev.persona.segment.features.FeatureSpec;
import dev.persona.segment.grouping.GroupingParams;
import dev.persona.segment.grouping.GroupingParams.Method;
import dev.persona.segment.service.Segmentations;
import java.util.List;

/**
 * BuildSegmentation requests checked against the contract and turned into the use case's request: defaults applied,
 * ranges checked, INVALID_ARGUMENT naming the field otherwise; the service's settings (threads, the mini-batch and
 * exact-Ward thresholds) complete the grouping parameters.
 */
final class SegmentationRequests {

    private SegmentationRequests() {
    }

    /** A BuildSegmentation request, validated. */
    static Segmentations.BuildRequest build(BuildSegmentationRequest r, SegmentConfig config) {
        Method method = switch (r.getAlgorithm()) {
            case ALGORITHM_UNSPECIFIED, ALGORITHM_KMEANS -> Method.KMEANS;
            case ALGORITHM_HIERARCHICAL -> Method.HIERARCHICAL;
            case ALGORITHM_RFM_SCORES -> Method.RFM_SCORES;
            default -> throw ApiError.invalid("algorithm", "unknown algorithm " + r.getAlgorithmValue()
                    + "; use KMEANS, HIERARCHICAL or RFM_SCORES");
        };
        Scaling scaling = switch (r.getScaling()) {
            case FEATURE_SCALING_UNSPECIFIED, FEATURE_SCALING_LOG1P_ZSCORE -> Scaling.LOG1P_ZSCORE;
            case FEATURE_SCALING_ZSCORE -> Scaling.ZSCORE;
            case FEATURE_SCALING_NONE -> Scaling.NONE;
            default -> throw ApiError.invalid("scaling", "unknown scaling " + r.getScalingValue()
                    + "; use LOG1P_ZSCORE, ZSCORE or NONE");
        };
        boolean rfm = method == Method.RFM_SCORES;
        int k = rfm ? 0 : Ids.range("k", r.getK(), 0, 100, "0 (choose k automatically) to 100");
        int kMin = r.getKMin() == 0 ? 2 : Ids.range("k_min", r.getKMin(), 2, 100, "2 to 100 (0 means 2)");
        int kMax = r.getKMax() == 0 ? Math.max(10, kMin) : r.getKMax();
        if (kMax < kMin) {
            throw ApiError.invalid("k_max", "is " + kMax + ", below k_min " + kMin + "; raise k_max or lower k_min");
        }
        Ids.range("k_max", kMax, 2, 100, "k_min to 100 (0 means 10)");
        int nInit = r.getNInit() == 0 ? 10 : Ids.range("n_init", r.getNInit(), 1, 1000, "1 to 1,000 (0 means 10)");
        int maxIterations = r.getMaxIterations() == 0 ? 300
                : Ids.range("max_iterations", r.getMaxIterations(), 1, 10_000, "1 to 10,000 (0 means 300)");
        FeatureSpec features = features(r.getFeaturesList());
        Long asOf = r.hasAsOf() ? Ids.millis("as_of", r.getAsOf()) : null;
        GroupingParams params = new GroupingParams(method, k, kMin, kMax, r.getSeed(), nInit, maxIterations,
                config.workers(), config.miniBatchAbove(), config.wardExactMax());
        return new Segmentations.BuildRequest(params, features, scaling, asOf);
    }

    /** The features a request names, INVALID_ARGUMENT on {@code features} when one is unknown or repeated. */
    static FeatureSpec features(List<String> names) {
        try {
            return FeatureSpec.parse(names);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("features", e.getMessage());
        }
    }
}
