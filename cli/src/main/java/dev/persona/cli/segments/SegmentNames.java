package dev.persona.cli.segments;

import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.FeatureScaling;
import dev.persona.api.v1.PredictorAlgorithm;
import dev.persona.api.v1.Target;
import dev.persona.cli.EnumNames;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;

/**
 * The command-line names of segment-service's enums (see {@link EnumNames}): algorithms "kmeans", "hierarchical",
 * "rfm"; scalings "log1p-zscore", "zscore", "none"; targets "churn", "purchase", "attribute"; predictor algorithms
 * "tree", "logistic".
 */
public final class SegmentNames {

    private static final EnumNames<Algorithm> ALGORITHMS = EnumNames.of(Algorithm.class, "ALGORITHM_")
            .alias("rfm", Algorithm.ALGORITHM_RFM_SCORES)
            .only(List.of(Algorithm.ALGORITHM_KMEANS, Algorithm.ALGORITHM_HIERARCHICAL, Algorithm.ALGORITHM_RFM_SCORES));
    private static final EnumNames<FeatureScaling> SCALINGS = EnumNames.of(FeatureScaling.class, "FEATURE_SCALING_");
    private static final EnumNames<Target> TARGETS = EnumNames.of(Target.class, "TARGET_");
    private static final EnumNames<PredictorAlgorithm> PREDICTORS =
            EnumNames.of(PredictorAlgorithm.class, "PREDICTOR_ALGORITHM_")
                    .alias("tree", PredictorAlgorithm.PREDICTOR_ALGORITHM_DECISION_TREE)
                    .alias("logistic", PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION)
                    .only(List.of(PredictorAlgorithm.PREDICTOR_ALGORITHM_DECISION_TREE,
                            PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION));

    private SegmentNames() {
    }

    public static String of(Algorithm algorithm) {
        return algorithm == Algorithm.ALGORITHM_UNSPECIFIED ? "kmeans" : ALGORITHMS.name(algorithm);
    }

    public static String of(FeatureScaling scaling) {
        return scaling == FeatureScaling.FEATURE_SCALING_UNSPECIFIED ? "log1p-zscore" : SCALINGS.name(scaling);
    }

    public static String of(Target target) {
        return TARGETS.name(target);
    }

    public static String of(PredictorAlgorithm algorithm) {
        return algorithm == PredictorAlgorithm.PREDICTOR_ALGORITHM_UNSPECIFIED ? "tree" : PREDICTORS.name(algorithm);
    }

    /** Converts --algorithm of segments build and bench kmeans. */
    public static final class AlgorithmConverter implements ITypeConverter<Algorithm> {
        @Override
        public Algorithm convert(String value) {
            return ALGORITHMS.parse(value);
        }
    }

    /** The names of --algorithm (segmentations), for the help. */
    public static final class Algorithms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ALGORITHMS.names().iterator();
        }
    }

    /** Converts --scaling. */
    public static final class ScalingConverter implements ITypeConverter<FeatureScaling> {
        @Override
        public FeatureScaling convert(String value) {
            return SCALINGS.parse(value);
        }
    }

    /** The names of --scaling, for the help. */
    public static final class Scalings implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SCALINGS.names().iterator();
        }
    }

    /** Converts --target of predict train. */
    public static final class TargetConverter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            return TARGETS.parse(value);
        }
    }

    /** The names of --target, for the help. */
    public static final class Targets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TARGETS.names().iterator();
        }
    }

    /** Converts --algorithm of predict train. */
    public static final class PredictorConverter implements ITypeConverter<PredictorAlgorithm> {
        @Override
        public PredictorAlgorithm convert(String value) {
            return PREDICTORS.parse(value);
        }
    }

    /** The names of --algorithm (predictors), for the help. */
    public static final class Predictors implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PREDICTORS.names().iterator();
        }
    }
}
