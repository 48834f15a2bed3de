package dev.persona.segment.service;

import dev.persona.segment.classifier.PredictorModel;
import dev.persona.segment.features.FeatureSpec;
import dev.persona.segment.features.FeatureTable;
import dev.persona.segment.features.Population;
import dev.persona.segment.store.StoredPredictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The features a stored predictor reads, measured for some users at a clock: every built-in feature, the attributes
 * when the model reads any (never its label attribute) and the category affinities when it reads any. Shared by
 * PredictOutcome and SelectAudience, so a user is scored the same way by both.
 */
final class ScoringTable {

    private ScoringTable() {
    }

    /** The feature table of {@code population} at {@code clock} for {@code predictor}. */
    static FeatureTable of(StoredPredictor predictor, Population population, long clock) {
        PredictorModel model = predictor.model();
        List<String> names = new ArrayList<>();
        for (FeatureSpec.Builtin b : FeatureSpec.Builtin.values()) {
            names.add(b.featureName());
        }
        if (model.needsAttributes()) {
            names.add(FeatureSpec.ATTRIBUTE_PREFIX + "*");
        }
        if (model.needsCategories()) {
            names.add("affinity:category");
        }
        Set<String> excluded = predictor.labelAttribute().isEmpty() ? Set.of() : Set.of(predictor.labelAttribute());
        return FeatureTable.build(FeatureSpec.parse(names), population.customers(), population.events(), clock,
                excluded);
    }
}
