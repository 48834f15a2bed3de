package dev.persona.segment.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.api.v1.Target;
import dev.persona.segment.classifier.PredictorModel;

/**
 * A trained predictor as stored in the {@code model} column: what it predicts and the fitted model. JSON:
 * {@code {"target": "TARGET_CHURN", "label_attribute": "", "positive_value": "", "horizon_days": 90,
 * "cutoff_millis": 1700000000000 | null, "predictor": {...PredictorModel...}}}.
 *
 * @param target         the outcome
 * @param labelAttribute the label attribute (TARGET_ATTRIBUTE), else empty; never a feature when scoring
 * @param positiveValue  the positive label value (TARGET_ATTRIBUTE), else empty
 * @param horizonDays    the outcome window (0 for TARGET_ATTRIBUTE)
 * @param cutoffMillis   the training cutoff, or null for TARGET_ATTRIBUTE
 * @param model          the fitted model and its input schema
 * @param version        the tenant's version number (0 before it is stored)
 */
public record StoredPredictor(Target target, String labelAttribute, String positiveValue, int horizonDays,
                              Long cutoffMillis, PredictorModel model, int version) {

    /** How the positive outcome is said in explanations. */
    public PredictorModel.Outcome outcome() {
        return switch (target) {
            case TARGET_CHURN -> new PredictorModel.Outcome("churn", "churned");
            case TARGET_PURCHASE -> new PredictorModel.Outcome("a purchase", "purchased");
            default -> new PredictorModel.Outcome(labelAttribute + " = " + positiveValue,
                    "had " + labelAttribute + " = " + positiveValue);
        };
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("target", target.name());
        o.put("label_attribute", labelAttribute);
        o.put("positive_value", positiveValue);
        o.put("horizon_days", horizonDays);
        if (cutoffMillis == null) {
            o.putNull("cutoff_millis");
        } else {
            o.put("cutoff_millis", cutoffMillis.longValue());
        }
        o.set("predictor", model.toJson());
        return o;
    }

    static StoredPredictor fromJson(ObjectNode o, int version) {
        JsonNode cutoff = o.path("cutoff_millis");
        return new StoredPredictor(Target.valueOf(o.path("target").asText()), o.path("label_attribute").asText(),
                o.path("positive_value").asText(), o.path("horizon_days").asInt(),
                cutoff.isNumber() ? cutoff.asLong() : null, PredictorModel.fromJson(o.path("predictor")), version);
    }
}
