package dev.persona.segment.predictor;

import dev.persona.core.metrics.ClassificationMetrics;
import dev.persona.core.metrics.Roc;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.AudienceMember;
import dev.persona.api.v1.FeatureContribution;
import dev.persona.api.v1.FeatureImportance;
import dev.persona.api.v1.PredictOutcomeRequest;
import dev.persona.api.v1.PredictOutcomeResponse;
import dev.persona.api.v1.PredictorAlgorithm;
import dev.persona.api.v1.PredictorMetrics;
import dev.persona.api.v1.RocPoint;
import dev.persona.api.v1.Segment;
import dev.persona.api.v1.Segmentation;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.SelectAudienceResponse;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.common.error.ApiError;
import dev.persona.common.profile.ProfileClient;
import dev.persona.common.validation.Ids;
import dev.persona.segment.data.Population;
import dev.persona.segment.data.ProfileData;
import dev.persona.segment.features.Customer;
import dev.persona.segment.features.FeatureSpec;
import dev.persona.segment.features.FeatureTable;
import dev.persona.segment.predict.CrossValidation;
import dev.persona.segment.predict.Dataset;
import dev.persona.core.metrics.ClassificationMetrics;
import dev.persona.segment.predict.OutcomeLabels;
import dev.persona.segment.predict.PredictorModel;
import dev.persona.segment.predict.PredictorSchema;
import dev.persona.core.metrics.Roc;
import dev.persona.segment.segmentation.SegmentationStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Predictors and audiences: TrainPredictor, PredictOutcome and SelectAudience as the .proto describes them. Input
 * is validated here (defaults, ranges, INVALID_ARGUMENT naming the field); users and events come from ProfileService
 * ({@link ProfileData}), the algorithms from the plain-Java package {@code predict}, stored models from
 * {@link PredictorStore}.
 */
@ApplicationScoped
public class Predictors {

    /** Most ROC points returned. */
    static final int ROC_POINTS = 200;
    /** A categorical attribute with more distinct values than this is no feature (an id, a free text). */
    static final int MAX_LEVELS = 100;
    /** Most design columns of a logistic regression (its Newton step solves a system of this size). */
    static final int MAX_COLUMNS = 1_000;

    private static final long DAY = Population.DAY_MILLIS;
    private static final Logger LOG = Logger.getLogger(Predictors.class);

    private final ProfileData profiles;
    private final ProfileClient profileClient;
    private final PredictorStore store;
    private final SegmentationStore segmentations;

    private final MeterRegistry registry;

    public Predictors(ProfileData profiles, ProfileClient profileClient, PredictorStore store,
                      SegmentationStore segmentations, MeterRegistry registry) {
        this.registry = registry;
        this.profiles = profiles;
        this.profileClient = profileClient;
        this.store = store;
        this.segmentations = segmentations;
    }

    // ------------------------------------------------------------------------------------------------ training

    /** The validated parameters of one TrainPredictor. */
    record TrainSpec(Target target, String labelAttribute, String positiveValue, int horizonDays, Long cutoffMillis,
                     PredictorModel.Algorithm algorithm, PredictorModel.Params params, int folds, FeatureSpec features,
                     boolean featuresNamed, long seed) {
    }

    static TrainSpec validate(TrainPredictorRequest r) {
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
            try {
                features = FeatureSpec.parse(r.getFeaturesList());
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("features", e.getMessage());
            }
            String labelName = label;
            if (attribute && features.terms().stream().anyMatch(t -> labelName.equals(t.attribute()))) {
                throw ApiError.invalid("features", "'attribute:" + labelName + "' is the label_attribute; a label is "
                        + "never a feature: leave it out");
            }
        } else {
            features = FeatureSpec.everything(attribute);
        }
        return new TrainSpec(target, label, positive, horizon, cutoff, algorithm,
                new PredictorModel.Params(maxDepth, minLeaf, l2, r.getPrune(), r.getSeed()), folds, features, named,
                r.getSeed());
    }

    /** TrainPredictor. */
    public TrainPredictorResponse train(String tenant, TrainPredictorRequest request) {
        TrainSpec spec = validate(request);
        long t0 = System.nanoTime();
        Population population = profiles.tenant(tenant, spec.features().needsCategories(), loaded -> { });
        long t1 = System.nanoTime();
        boolean attribute = spec.target() == Target.TARGET_ATTRIBUTE;

        long clock;
        Long cutoff = null;
        Map<String, Boolean> labels;
        if (attribute) {
            clock = population.defaultClock();
            labels = attributeLabels(population.customers(), spec);
        } else {
            OutcomeLabels.Span span = OutcomeLabels.span(population.events());
            cutoff = cutoff(spec, population, span);
            clock = cutoff;
            labels = OutcomeLabels.label(spec.target() == Target.TARGET_CHURN ? OutcomeLabels.Outcome.CHURN
                    : OutcomeLabels.Outcome.PURCHASE, population.events(), cutoff, spec.horizonDays() * DAY);
        }

        FeatureTable table;
        try {
            table = FeatureTable.build(spec.features(), population.customers(), population.events(), clock,
                    attribute ? Set.of(spec.labelAttribute()) : Set.of());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("features", e.getMessage());
        }
        // the labelled users, in the table's (id) order; consent-denied users are not in the table
        List<Integer> rowList = new ArrayList<>();
        List<Boolean> yList = new ArrayList<>();
        for (int row = 0; row < table.rows(); row++) {
            Boolean y = labels.get(table.userIds().get(row));
            if (y != null) {
                rowList.add(row);
                yList.add(y);
            }
        }
        int[] rows = rowList.stream().mapToInt(Integer::intValue).toArray();
        boolean[] y = new boolean[rows.length];
        int positives = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = yList.get(i);
            positives += y[i] ? 1 : 0;
        }
        checkClasses(spec, rows.length, positives);

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
        PredictorMetrics.Builder metrics = metrics(cv, y, positives, spec.folds());
        List<FeatureImportance> importances = new ArrayList<>();
        for (PredictorModel.Importance i : model.importances()) {
            importances.add(FeatureImportance.newBuilder().setFeature(i.feature()).setImportance(i.importance())
                    .setCoefficient(i.coefficient()).build());
        }
        Instant now = Instant.now();
        StoredPredictor stored = new StoredPredictor(spec.target(), spec.labelAttribute(), spec.positiveValue(),
                spec.horizonDays(), cutoff, model, 0);
        Long usedCutoff = cutoff;
        TrainPredictorResponse response = store.save(tenant, now, stored, (modelId, version) -> {
            TrainPredictorResponse.Builder b = TrainPredictorResponse.newBuilder().setModelId(modelId)
                    .setMetrics(metrics).addAllFeatureImportances(importances).setTrainedAt(timestamp(now));
            if (usedCutoff != null) {
                b.setCutoff(Timestamps.fromMillis(usedCutoff));
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

    private static Map<String, Boolean> attributeLabels(List<Customer> customers, TrainSpec spec) {
        Map<String, Boolean> labels = new HashMap<>();
        Set<String> values = new TreeSet<>();
        for (Customer c : customers) {
            String v = c.attributes().get(spec.labelAttribute());
            if (v == null || v.isBlank()) {
                continue;
            }
            if (!c.consentDenied()) {
                labels.put(c.userId(), v.equals(spec.positiveValue()));
                if (values.size() < 10) {
                    values.add(v);
                }
            }
        }
        if (labels.isEmpty()) {
            throw ApiError.invalid("label_attribute", "no user has attribute '" + spec.labelAttribute()
                    + "'; name an attribute the users have");
        }
        if (labels.values().stream().noneMatch(Boolean::booleanValue)) {
            throw ApiError.precondition("the label is constant: positive_value '" + spec.positiveValue()
                    + "' matches none of the " + labels.size() + " users with attribute '" + spec.labelAttribute()
                    + "' (values seen include " + String.join(", ", values) + "); set positive_value to one of them");
        }
        return labels;
    }

    private static long cutoff(TrainSpec spec, Population population, OutcomeLabels.Span span) {
        if (span.empty()) {
            throw ApiError.precondition("the tenant's log has no events; TARGET_CHURN and TARGET_PURCHASE learn "
                    + "from events (import events first, or use TARGET_ATTRIBUTE)");
        }
        long horizon = spec.horizonDays() * DAY;
        if (spec.cutoffMillis() == null) {
            long latest = Math.max(span.latestMillis(), population.latestEventMillis());
            long cutoff = latest - horizon;
            if (cutoff <= span.firstMillis()) {
                throw ApiError.precondition("the log spans " + days(latest - span.firstMillis()) + " days ("
                        + Instant.ofEpochMilli(span.firstMillis()) + " to " + Instant.ofEpochMilli(latest)
                        + "), not more than horizon_days " + spec.horizonDays() + ": lower horizon_days or set a "
                        + "cutoff inside the log");
            }
            return cutoff;
        }
        long cutoff = spec.cutoffMillis();
        if (cutoff <= span.firstMillis() || cutoff > span.latestMillis()) {
            throw ApiError.precondition("cutoff " + Instant.ofEpochMilli(cutoff) + " is outside the log's events ("
                    + Instant.ofEpochMilli(span.firstMillis()) + " to " + Instant.ofEpochMilli(span.latestMillis())
                    + "): choose a cutoff after the first event and at most the latest, ideally horizon_days before "
                    + "the latest, or leave it unset");
        }
        return cutoff;
    }

    private static String days(long millis) {
        return Long.toString(Math.round(millis / (double) DAY));
    }

    private static void checkClasses(TrainSpec spec, int n, int positives) {
        int negatives = n - positives;
        String who = switch (spec.target()) {
            case TARGET_CHURN -> "users with a purchase before the cutoff";
            case TARGET_PURCHASE -> "users with an event before the cutoff";
            default -> "users with attribute '" + spec.labelAttribute() + "' (consent not denied)";
        };
        if (n == 0) {
            throw ApiError.precondition("no " + who + ": nothing to learn from; choose a later cutoff");
        }
        if (positives == 0 || negatives == 0) {
            boolean nonePositive = positives == 0;
            String what = switch (spec.target()) {
                case TARGET_CHURN -> nonePositive ? "every one purchased in the window (nobody churned)"
                        : "none purchased in the window (everybody churned)";
                case TARGET_PURCHASE -> nonePositive ? "none purchased in the window"
                        : "every one purchased in the window";
                default -> "every one has '" + spec.labelAttribute() + "' " + (nonePositive ? "other than '" : "= '")
                        + spec.positiveValue() + "'";
            };
            throw ApiError.precondition("the label is constant among the " + n + " " + who + ": " + what
                    + "; a predictor needs both outcomes: " + (spec.target() == Target.TARGET_ATTRIBUTE
                    ? "choose another positive_value or label_attribute" : "choose another cutoff or horizon_days"));
        }
        if (Math.min(positives, negatives) < spec.folds()) {
            throw ApiError.precondition("a class has fewer users than validation_folds " + spec.folds() + ": "
                    + positives + " positive and " + negatives + " negative " + who + "; lower validation_folds to "
                    + Math.max(2, Math.min(positives, negatives)) + " or fewer, or add data");
        }
    }

    /**
     * Leaves out categorical attributes with more than {@link #MAX_LEVELS} values (ids, free texts) when features were
     * not named; refuses them when they were.
     */
    private static PredictorSchema dropWideCategories(PredictorSchema schema, TrainSpec spec) {
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

    // ------------------------------------------------------------------------------------------------ prediction

    /** PredictOutcome. */
    public PredictOutcomeResponse predict(String tenant, PredictOutcomeRequest request) {
        String modelId = Ids.require("model_id", request.getModelId());
        String userId = Ids.require("user_id", request.getUserId());
        Long asOf = request.hasAsOf() ? Ids.millis("as_of", request.getAsOf()) : null;
        StoredPredictor predictor = store.find(tenant, modelId)
                .orElseThrow(() -> ApiError.notFound("model_id", modelId));
        PredictorModel model = predictor.model();
        Population user = profiles.user(tenant, userId, model.needsCategories());
        if (user == null) {
            throw ApiError.notFound("user_id", userId);
        }
        if (user.customers().get(0).consentDenied()) {
            throw ApiError.precondition("user " + userId + " has denied consent: no prediction is made for them");
        }
        FeatureTable table = scoringTable(predictor, user, asOf == null ? user.defaultClock() : asOf);
        PredictorModel.Explanation e = model.explain(table, table.rowOf(userId), predictor.outcome());
        PredictOutcomeResponse.Builder b = PredictOutcomeResponse.newBuilder().setProbability(e.probability())
                .setExplanation(e.text()).addAllDecisionPath(e.decisionPath());
        for (PredictorModel.Contribution c : e.contributions()) {
            b.addContributions(FeatureContribution.newBuilder().setFeature(c.feature()).setValue(c.value())
                    .setContribution(c.contribution()));
        }
        return b.build();
    }

    /** The features a stored model reads, measured for {@code population} at {@code clock}. */
    private static FeatureTable scoringTable(StoredPredictor predictor, Population population, long clock) {
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

    // ------------------------------------------------------------------------------------------------ audiences

    /** The validated parameters of one SelectAudience. */
    record AudienceSpec(String segmentationId, List<String> segmentIds, String modelId, double min, double max,
                        long limit, Long asOf, int batchSize) {
    }

    static AudienceSpec validate(SelectAudienceRequest r) {
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
        return new AudienceSpec(segmentation, List.copyOf(segments), modelId, min, max, r.getLimit(), asOf, batch);
    }

    /** SelectAudience: members in batches of the request's size. */
    public void selectAudience(String tenant, SelectAudienceRequest request, Consumer<SelectAudienceResponse> batches) {
        AudienceSpec spec = validate(request);
        if (!spec.segmentationId().isEmpty()) {
            Segmentation s = segmentations.find(tenant, spec.segmentationId())
                    .orElseThrow(() -> ApiError.notFound("segmentation_id", spec.segmentationId()));
            Set<String> known = new HashSet<>();
            for (Segment seg : s.getSegmentsList()) {
                known.add(seg.getSegmentId());
            }
            for (String id : spec.segmentIds()) {
                if (!known.contains(id)) {
                    throw ApiError.notFound("segment_ids entry", id + " (in segmentation " + spec.segmentationId()
                            + ")");
                }
            }
        }
        StoredPredictor predictor = spec.modelId().isEmpty() ? null : store.find(tenant, spec.modelId())
                .orElseThrow(() -> ApiError.notFound("model_id", spec.modelId()));

        // candidates, ordered by id: segment members, or every user
        List<String> users = new ArrayList<>();
        List<String> segmentOf = new ArrayList<>();
        if (!spec.segmentationId().isEmpty()) {
            segmentations.members(tenant, spec.segmentationId(), spec.segmentIds(), (user, segment) -> {
                users.add(user);
                segmentOf.add(segment);
            });
        }
        List<AudienceMember> members = new ArrayList<>();
        if (predictor == null) {
            Set<String> denied = profileClient.deniedUsers(tenant);
            for (int i = 0; i < users.size(); i++) {
                if (!denied.contains(users.get(i))) {
                    members.add(AudienceMember.newBuilder().setUserId(users.get(i)).setSegmentId(segmentOf.get(i))
                            .setProbability(-1).build());
                }
            }
        } else {
            Population population = profiles.tenant(tenant, predictor.model().needsCategories(), loaded -> { });
            FeatureTable table = scoringTable(predictor, population,
                    spec.asOf() == null ? population.defaultClock() : spec.asOf());
            int[] rows;
            if (spec.segmentationId().isEmpty()) {
                rows = new int[table.rows()];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = r;
                    users.add(table.userIds().get(r));
                    segmentOf.add("");
                }
            } else {
                // members unknown to ProfileService or whose consent is denied are not in the table
                List<String> keptUsers = new ArrayList<>();
                List<String> keptSegments = new ArrayList<>();
                List<Integer> keptRows = new ArrayList<>();
                for (int i = 0; i < users.size(); i++) {
                    int row = table.rowOf(users.get(i));
                    if (row >= 0) {
                        keptUsers.add(users.get(i));
                        keptSegments.add(segmentOf.get(i));
                        keptRows.add(row);
                    }
                }
                users.clear();
                users.addAll(keptUsers);
                segmentOf.clear();
                segmentOf.addAll(keptSegments);
                rows = keptRows.stream().mapToInt(Integer::intValue).toArray();
            }
            double[] p = predictor.model().probabilities(table, rows);
            Integer[] order = new Integer[rows.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparing(users::get));
            for (int i : order) {
                if (p[i] >= spec.min() && p[i] <= spec.max()) {
                    members.add(AudienceMember.newBuilder().setUserId(users.get(i)).setSegmentId(segmentOf.get(i))
                            .setProbability(p[i]).build());
                }
            }
        }
        long limit = spec.limit() == 0 ? Long.MAX_VALUE : spec.limit();
        int total = (int) Math.min(members.size(), limit);
        for (int from = 0; from < total; from += spec.batchSize()) {
            batches.accept(SelectAudienceResponse.newBuilder()
                    .addAllMembers(members.subList(from, Math.min(total, from + spec.batchSize()))).build());
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }
}
