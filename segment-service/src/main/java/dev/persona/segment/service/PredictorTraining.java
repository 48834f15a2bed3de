package dev.persona.segment.service;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.FeatureImportance;
import dev.persona.api.v1.PredictorMetrics;
import dev.persona.api.v1.RocPoint;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.common.error.ApiError;
import dev.persona.core.metrics.ClassificationMetrics;
import dev.persona.core.metrics.Roc;
import dev.persona.segment.classifier.CrossValidation;
import dev.persona.segment.classifier.Dataset;
import dev.persona.segment.classifier.PredictorModel;
import dev.persona.segment.classifier.PredictorSchema;
import dev.persona.segment.features.FeatureMatrix;
import dev.persona.segment.features.FeatureSpec;
import dev.persona.segment.features.FeatureTable;
import dev.persona.segment.features.Population;
import dev.persona.segment.store.PredictorStore;
import dev.persona.segment.store.StoredPredictor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * TrainPredictor as the .proto describes it: loads the tenant's users and events from ProfileService
 * ({@link ProfileData}), labels them ({@link TrainingLabels}), measures their features at the labels' clock, leaves
 * out unusable features, cross-validates and fits the model (the plain-Java package {@code classifier}) and stores it
 * ({@link PredictorStore}) with the response it answers: metrics, ROC curve and feature importances.
 */
@ApplicationScoped
public class PredictorTraining {

    /** Most ROC points returned. */
    static final int ROC_POINTS = 200;
    /** A categorical attribute with more distinct values than this is no feature (an id, a free text). */
    static final int MAX_LEVELS = FeatureMatrix.MAX_LEVELS;
    /** Most design columns of a logistic regression (its Newton step solves a system of this size). */
    static final int MAX_COLUMNS = 1_000;

    private static final Logger LOG = Logger.getLogger(PredictorTraining.class);

    /**
     * A TrainPredictor request, validated against the contract with its defaults applied.
     *
     * @param target         the outcome: TARGET_CHURN, TARGET_PURCHASE or TARGET_ATTRIBUTE
     * @param labelAttribute the attribute holding the label (TARGET_ATTRIBUTE), else empty
     * @param positiveValue  the label value that counts as positive (TARGET_ATTRIBUTE), else empty
     * @param horizonDays    the outcome window of an event outcome (0 for TARGET_ATTRIBUTE)
     * @param cutoffMillis   the cutoff of an event outcome, or null for the latest event less the horizon
     * @param algorithm      the model family
     * @param params         its fitting parameters
     * @param folds          cross-validation folds
     * @param features       the features to learn from
     * @param featuresNamed  whether the request named them (else every feature the users have)
     * @param seed           seed of the folds
     */
    public record Request(Target target, String labelAttribute, String positiveValue, int horizonDays,
                          Long cutoffMillis, PredictorModel.Algorithm algorithm, PredictorModel.Params params, int folds,
                          FeatureSpec features, boolean featuresNamed, long seed) {
    }

    private final ProfileData profiles;
    private final PredictorStore store;
    private final MeterRegistry registry;

    public PredictorTraining(ProfileData profiles, PredictorStore store, MeterRegistry registry) {
        this.profiles = profiles;
        this.store = store;
        this.registry = registry;
    }

    /** Trains, stores and describes a predictor. */
    public TrainPredictorResponse train(String tenant, Request spec) {
        long t0 = System.nanoTime();
        Population population = profiles.tenant(tenant, spec.features().needsCategories(), loaded -> { });
        long t1 = System.nanoTime();
        boolean attribute = spec.target() == Target.TARGET_ATTRIBUTE;
        TrainingLabels.Labels labels = TrainingLabels.of(spec, population);

        FeatureTable table;
        try {
            table = FeatureTable.build(spec.features(), population.customers(), population.events(), labels.clock(),
                    attribute ? Set.of(spec.labelAttribute()) : Set.of());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("features", e.getMessage());
        }
        TrainingLabels.Rows labelled = TrainingLabels.rows(spec, table, labels.byUser());
        int[] rows = labelled.rows();
        boolean[] y = labelled.y();

        PredictorSchema schema = dropWideCategories(PredictorSchema.of(table, rows,
                spec.algorithm() == PredictorModel.Algorithm.LOGISTIC_REGRESSION), spec);
        Dataset data = schema.dataset(table, rows, y);
        long t2 = System.nanoTime();

        CrossValidation.Pooled cv;
        PredictorModel model;
        try {
            cv = CrossValidation.runPooled(data, PredictorModel.factory(spec.algorithm(), spec.params()), spec.folds(),
                    spec.seed());
            model = PredictorModel.fit(spec.algorithm(), spec.params(), schema, data, data.allRows());
        } catch (IllegalStateException e) {
            // Newton's Hessian lost positive definiteness: (nearly) separable classes under a tiny penalty
            throw ApiError.precondition("the logistic regression cannot be fitted with l2 " + spec.params().l2()
                    + ": the classes are (nearly) separable by the features; raise l2 (for example to 1) or use "
                    + "a decision tree (" + e.getMessage() + ")");
        }

        long t3 = System.nanoTime();
        PredictorMetrics.Builder metrics = metrics(cv, y, labelled.positives(), spec.folds());
        List<FeatureImportance> importances = new ArrayList<>();
        for (PredictorModel.Importance i : model.importances()) {
            importances.add(FeatureImportance.newBuilder().setFeature(i.feature()).setImportance(i.importance())
                    .setCoefficient(i.coefficient()).build());
        }
        Instant now = Instant.now();
        Long cutoff = labels.cutoffMillis();
        StoredPredictor stored = new StoredPredictor(spec.target(), spec.labelAttribute(), spec.positiveValue(),
                spec.horizonDays(), cutoff, model, 0);
        TrainPredictorResponse response = store.save(tenant, now, stored, (modelId, version) -> {
            TrainPredictorResponse.Builder b = TrainPredictorResponse.newBuilder().setModelId(modelId)
                    .setMetrics(metrics).addAllFeatureImportances(importances).setTrainedAt(timestamp(now));
            if (cutoff != null) {
                b.setCutoff(Timestamps.fromMillis(cutoff));
            }
            return b.build();
        });
        long t4 = System.nanoTime();
        Timer.builder("persona.predictor.training").description("TrainPredictor, load to store")
                .tag("algorithm", spec.algorithm().name()).register(registry).record(t4 - t0, TimeUnit.NANOSECONDS);
        LOG.infof("tenant %s: predictor %s (%s, %s) trained on %d users, AUC %.4f, in %d ms: load %d, features %d, "
                + "cross-validation and fit %d, store %d", tenant, response.getModelId(), spec.target(),
                spec.algorithm(), rows.length, cv.mean().auc(), (t4 - t0) / 1_000_000, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        return response;
    }

    /**
     * Leaves out categorical attributes with more than {@link #MAX_LEVELS} values (ids, free texts) when features were
     * not named; refuses them when they were.
     */
    private static PredictorSchema dropWideCategories(PredictorSchema schema, Request spec) {
        List<PredictorSchema.Input> kept = new ArrayList<>();
        for (PredictorSchema.Input in : schema.inputs()) {
            if (in.categorical() && in.levels().size() > MAX_LEVELS) {
                boolean explicit = spec.featuresNamed() && spec.features().names().contains(in.name());
                if (explicit) {
                    throw ApiError.invalid("features", "'" + in.name() + "' has " + in.levels().size()
                            + " distinct values; a categorical feature may have at most " + MAX_LEVELS
                            + ": leave it out");
                }
                continue;
            }
            kept.add(in);
        }
        if (spec.algorithm() == PredictorModel.Algorithm.LOGISTIC_REGRESSION) {
            int columns = kept.stream().mapToInt(in -> in.categorical() ? in.levels().size() : 1).sum();
            if (columns > MAX_COLUMNS) {
                throw ApiError.precondition("the features make " + columns + " regression columns (one per number, "
                        + "one per category value), more than " + MAX_COLUMNS + ": name fewer features, or use a "
                        + "decision tree");
            }
        }
        if (kept.isEmpty()) {
            throw ApiError.precondition("no usable feature: every named feature is a categorical attribute with "
                    + "more than " + MAX_LEVELS + " values; name other features");
        }
        return kept.size() == schema.inputs().size() ? schema : new PredictorSchema(kept);
    }

    private static PredictorMetrics.Builder metrics(CrossValidation.Pooled cv, boolean[] y, int positives,
                                                    int folds) {
        ClassificationMetrics m = cv.mean();
        PredictorMetrics.Builder b = PredictorMetrics.newBuilder().setAuc(m.auc()).setLogLoss(m.logLoss())
                .setAccuracy(m.accuracy()).setPrecision(m.precision()).setRecall(m.recall()).setF1(m.f1())
                .setN(y.length).setAucStd(cv.aucStd()).setPositiveRate((double) positives / y.length)
                .setFolds(folds);
        for (Roc.Point p : Roc.curve(y, cv.probabilities(), ROC_POINTS)) {
            b.addRoc(RocPoint.newBuilder().setFalsePositiveRate(p.falsePositiveRate())
                    .setTruePositiveRate(p.truePositiveRate()).setThreshold(p.threshold()));
        }
        return b;
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
