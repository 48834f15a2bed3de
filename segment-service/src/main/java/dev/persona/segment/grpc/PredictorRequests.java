package dev.persona.segment.grpc;

import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.common.error.ApiError;
import dev.persona.common.validation.Ids;
import dev.persona.segment.classifier.PredictorModel;
import dev.persona.segment.features.FeatureSpec;
import dev.persona.segment.service.Audiences;
import dev.persona.segment.service.PredictorTraining;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * TrainPredictor and SelectAudience requests checked against the contract and turned into the use cases' requests:
 * defaults applied, ranges checked, INVALID_ARGUMENT naming the field otherwise. What only the data can refuse (an
 * attribute nobody has, a constant label) is left to the use cases.
 */
final class PredictorRequests {

    private PredictorRequests() {
    }

    /** A TrainPredictor request, validated. */
    static PredictorTraining.Request training(TrainPredictorRequest r) {
        Target target = r.getTarget();
        if (target == Target.TARGET_UNSPECIFIED || target == Target.UNRECOGNIZED) {
            throw ApiError.invalid("target", "is required: TARGET_CHURN, TARGET_PURCHASE or TARGET_ATTRIBUTE");
        }
        boolean attribute = target == Target.TARGET_ATTRIBUTE;
        String label = "";
        String positive = "";
        if (attribute) {
            if (r.getLabelAttribute().isEmpty()) {
                throw ApiError.invalid("label_attribute", "is required with TARGET_ATTRIBUTE: name the attribute that "
                        + "holds the label, for example Churn");
            }
            label = Ids.require("label_attribute", r.getLabelAttribute());
            if (r.getPositiveValue().isEmpty()) {
                throw ApiError.invalid("positive_value", "is required with TARGET_ATTRIBUTE: the value of '" + label
                        + "' that counts as positive, for example Yes");
            }
            positive = Ids.checkText("positive_value", r.getPositiveValue(), 1024);
        }
        int horizon = 0;
        Long cutoff = null;
        if (!attribute) {
            horizon = r.getHorizonDays() == 0 ? 90 : Ids.range("horizon_days", r.getHorizonDays(), 1, 3650,
                    "1 to 3650 days, or 0 for 90");
            if (r.hasCutoff()) {
                cutoff = Ids.millis("cutoff", r.getCutoff());
            }
        }
        PredictorModel.Algorithm algorithm = switch (r.getAlgorithm()) {
            case PREDICTOR_ALGORITHM_UNSPECIFIED, PREDICTOR_ALGORITHM_DECISION_TREE ->
                    PredictorModel.Algorithm.DECISION_TREE;
            case PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION -> PredictorModel.Algorithm.LOGISTIC_REGRESSION;
            default -> throw ApiError.invalid("algorithm", "is not a known PredictorAlgorithm; use "
                    + "PREDICTOR_ALGORITHM_DECISION_TREE or PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION");
        };
        int maxDepth = r.getMaxDepth() == 0 ? 5 : Ids.range("max_depth", r.getMaxDepth(), 1, 64, "1 to 64, or 0 for 5");
        int minLeaf = r.getMinLeaf() == 0 ? 20 : Ids.range("min_leaf", r.getMinLeaf(), 1, Integer.MAX_VALUE,
                "1 or more, or 0 for 20");
        double l2 = r.getL2();
        if (!Double.isFinite(l2) || l2 < 0) {
            throw ApiError.invalid("l2", "is " + l2 + "; allowed: a finite number, 0 or more (0 means 1.0)");
        }
        if (l2 == 0) {
            l2 = 1.0;
        }
        int folds = r.getValidationFolds() == 0 ? 5 : Ids.range("validation_folds", r.getValidationFolds(), 2, 20,
                "2 to 20, or 0 for 5");
        FeatureSpec features;
        boolean named = r.getFeaturesCount() > 0;
        if (named) {
            features = SegmentationRequests.features(r.getFeaturesList());
            String labelName = label;
            if (attribute && features.terms().stream().anyMatch(t -> labelName.equals(t.attribute()))) {
                throw ApiError.invalid("features", "'attribute:" + labelName + "' is the label_attribute; a label is "
                        + "never a feature: leave it out");
            }
        } else {
            features = FeatureSpec.everything(attribute);
        }
        return new PredictorTraining.Request(target, label, positive, horizon, cutoff, algorithm,
                new PredictorModel.Params(maxDepth, minLeaf, l2, r.getPrune(), r.getSeed()), folds, features, named,
                r.getSeed());
    }

    /** A SelectAudience request, validated. */
    static Audiences.Request audience(SelectAudienceRequest r) {
        String segmentation = r.getSegmentationId();
        String modelId = r.getModelId();
        if (segmentation.isEmpty() && modelId.isEmpty()) {
            throw ApiError.invalid("segmentation_id", "set segmentation_id, model_id or both: an audience needs "
                    + "segments or a predictor");
        }
        if (!segmentation.isEmpty()) {
            Ids.require("segmentation_id", segmentation);
        }
        if (!modelId.isEmpty()) {
            Ids.require("model_id", modelId);
        }
        Set<String> segments = new LinkedHashSet<>();
        if (r.getSegmentIdsCount() > 0 && segmentation.isEmpty()) {
            throw ApiError.invalid("segment_ids", "needs segmentation_id: set the segmentation the segments belong "
                    + "to, or leave segment_ids empty");
        }
        for (String s : r.getSegmentIdsList()) {
            segments.add(Ids.require("segment_ids", s));
        }
        // without a model, the probability bounds and the clock are ignored
        boolean scored = !modelId.isEmpty();
        double min = scored ? r.getMinProbability() : 0;
        if (!(min >= 0 && min <= 1)) {
            throw ApiError.invalid("min_probability", "is " + min + "; allowed: 0 to 1");
        }
        double max = !scored || r.getMaxProbability() == 0 ? 1 : r.getMaxProbability();
        if (!(max >= 0 && max <= 1)) {
            throw ApiError.invalid("max_probability", "is " + max + "; allowed: 0 to 1 (0 means 1)");
        }
        if (max < min) {
            throw ApiError.invalid("max_probability", "is " + max + ", below min_probability " + min
                    + ": raise max_probability or lower min_probability");
        }
        if (r.getLimit() < 0) {
            throw ApiError.invalid("limit", "is " + r.getLimit() + "; allowed: 0 or more (0 means no limit)");
        }
        Long asOf = scored && r.hasAsOf() ? Ids.millis("as_of", r.getAsOf()) : null;
        int batch = r.getBatchSize() == 0 ? 10_000 : Ids.range("batch_size", r.getBatchSize(), 1, 100_000,
                "1 to 100000, or 0 for 10000");
        return new Audiences.Request(segmentation, List.copyOf(segments), modelId, min, max, r.getLimit(), asOf,
                batch);
    }
}
