package dev.persona.cli.predict;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.PredictorAlgorithm;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InstantOption;
import dev.persona.cli.grpc.SegmentConnection;
import dev.persona.cli.segments.SegmentNames;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code persona predict train}: trains and cross-validates a predictor of churn, purchase or an attribute. */
@Command(name = "train",
        description = {"Trains a predictor of a binary outcome (TrainPredictor).",
                "churn: among users with a purchase before --cutoff, those without one in the --horizon-days after "
                + "it; purchase: users who buy in that window; attribute: users whose --label-attribute equals "
                + "--positive-value. Validated by stratified --folds-fold cross-validation, then fitted on every "
                + "labelled user. Prints the model id (for predict score and audience), the cross-validated "
                + "metrics and the most important features."})
public final class PredictTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    // Named --outcome: --target is the profile-service address, as in every command.
    @Option(names = "--outcome", required = true, paramLabel = "<outcome>",
            converter = SegmentNames.TargetConverter.class, completionCandidates = SegmentNames.Targets.class,
            description = "The outcome (the request's target): ${COMPLETION-CANDIDATES}.")
    Target target;

    @Option(names = "--label-attribute", paramLabel = "<name>",
            description = "The attribute holding the label (required with --outcome attribute).")
    String labelAttribute;

    @Option(names = "--positive-value", paramLabel = "<value>",
            description = "The attribute value that counts as positive, compared exactly (with --outcome attribute).")
    String positiveValue;

    @Option(names = "--horizon-days", paramLabel = "<days>", defaultValue = "0",
            description = "Outcome window after the cutoff, 1 to 3,650 days; 0 means 90 (default: ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--cutoff", paramLabel = "<time>", converter = InstantOption.Converter.class,
            description = "Start of the outcome window, " + InstantOption.FORMATS + "; default --horizon-days "
                    + "before the latest event of the tenant's log.")
    Timestamp cutoff;

    @Option(names = "--algorithm", paramLabel = "<algorithm>", defaultValue = "tree",
            converter = SegmentNames.PredictorConverter.class, completionCandidates = SegmentNames.Predictors.class,
            description = "${COMPLETION-CANDIDATES}: a decision tree or L2-regularised logistic regression "
                    + "(default: ${DEFAULT-VALUE}).")
    PredictorAlgorithm algorithm;

    @Option(names = "--max-depth", paramLabel = "<n>", defaultValue = "0",
            description = "Largest tree depth, 1 to 64; 0 means 5 (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--min-leaf", paramLabel = "<n>", defaultValue = "0",
            description = "Fewest users in a tree leaf; 0 means 20 (default: ${DEFAULT-VALUE}).")
    int minLeaf;

    @Option(names = "--prune", description = "Decision tree only: grow on 80 %% of the training users and prune on "
            + "the rest (reduced-error pruning).")
    boolean prune;

    @Option(names = "--l2", paramLabel = "<lambda>", defaultValue = "0",
            description = "L2 penalty of the logistic regression; 0 means 1.0 (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--folds", paramLabel = "<n>", defaultValue = "0",
            description = "Cross-validation folds, 2 to 20; 0 means 5 (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--features", paramLabel = "<name>", split = ",",
            description = "Feature names, comma-separated; default every built-in feature, plus the other "
                    + "attributes with --outcome attribute.")
    List<String> features;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "0",
            description = "Seed of the fold shuffle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "10",
            description = "Feature importances to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        TrainPredictorRequest request = request();
        if (top < 0) {
            throw CliException.usage("--top must be 0 or more, got " + top);
        }
        long start = System.nanoTime();
        TrainPredictorResponse trained;
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            trained = train(segments, request);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s predictor of %s%n", SegmentNames.of(algorithm), describeTarget());
        PredictorPrinter.print(trained, top, out);
        out.printf(Locale.ROOT, "trained in %.2f s%n", (System.nanoTime() - start) / 1e9);
        out.flush();
        return ExitCodes.OK;
    }

    /** One TrainPredictor call, with the long deadline: the service cross-validates before it answers. */
    public static TrainPredictorResponse train(SegmentConnection segments, TrainPredictorRequest request) {
        return segments.longRunning().trainPredictor(request);
    }

    private String describeTarget() {
        return target == Target.TARGET_ATTRIBUTE ? labelAttribute + " = " + positiveValue : SegmentNames.of(target);
    }

    TrainPredictorRequest request() {
        if (target == Target.TARGET_ATTRIBUTE && (labelAttribute == null || labelAttribute.isBlank()
                || positiveValue == null)) {
            throw CliException.usage("--outcome attribute needs --label-attribute and --positive-value");
        }
        if (target != Target.TARGET_ATTRIBUTE && (labelAttribute != null || positiveValue != null)) {
            throw CliException.usage("--label-attribute and --positive-value apply only to --outcome attribute");
        }
        if (horizonDays < 0 || horizonDays > 3_650) {
            throw CliException.usage("--horizon-days must be 0 to 3650, got " + horizonDays);
        }
        if (maxDepth < 0 || maxDepth > 64 || minLeaf < 0 || folds < 0 || folds > 20 || folds == 1) {
            throw CliException.usage("--max-depth must be 0 to 64, --min-leaf 0 or more, --folds 0 or 2 to 20");
        }
        if (!Double.isFinite(l2) || l2 < 0) {
            throw CliException.usage("--l2 must be a finite number, 0 or more, got " + l2);
        }
        List<String> names = features == null ? List.of() : features.stream().map(String::trim).toList();
        if (names.stream().anyMatch(String::isEmpty) || new HashSet<>(names).size() < names.size()) {
            throw CliException.usage("--features must name each feature once, without empty names");
        }
        TrainPredictorRequest.Builder request = TrainPredictorRequest.newBuilder()
                .setTarget(target)
                .setHorizonDays(horizonDays)
                .setAlgorithm(algorithm)
                .setMaxDepth(maxDepth)
                .setMinLeaf(minLeaf)
                .setPrune(prune)
                .setL2(l2)
                .setValidationFolds(folds)
                .addAllFeatures(names)
                .setSeed(seed);
        if (labelAttribute != null) {
            request.setLabelAttribute(labelAttribute.trim());
        }
        if (positiveValue != null) {
            request.setPositiveValue(positiveValue);
        }
        if (cutoff != null) {
            request.setCutoff(cutoff);
        }
        return request.build();
    }
}
