package dev.persona.cli.eval;

import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.User;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InputPaths;
import dev.persona.cli.bench.JsonLine;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.formats.Telco;
import dev.persona.cli.grpc.SegmentConnection;
import dev.persona.cli.io.BadLines;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.RecordReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona eval churn telco <csv>}: the Telco churn attribute predicted from the other attributes. */
@Command(name = "telco",
        description = {"Evaluates churn prediction on the IBM Telco customer churn data.",
                "Assumes the file was already imported into the tenant with persona import telco; it imports "
                + "nothing (the file is read only to count its customers and churners). Trains a predictor of "
                + "attribute Churn = Yes from every other attribute, validated by stratified 5-fold cross-validation "
                + "with --seed: once as a decision tree (max depth 5, min leaf 20), once as a logistic regression "
                + "(L2 1.0). Reports AUC ± std, log loss, accuracy, precision, recall, F1 next to published "
                + "figures, the top feature importances and the time of each training call; charts the "
                + "cross-validated ROC curves. Writes report.md and roc.png into --out; the last line is JSON."})
public final class ChurnTelcoEvalCommand implements Callable<Integer> {

    static final String LABEL = "Churn";
    static final String POSITIVE = "Yes";
    static final int FOLDS = 5;
    static final Predictors.Peer TREE_PEER = new Predictors.Peer(0.831, 0.007, 0.516, 0.792, 0.584);
    static final Predictors.Peer LOGISTIC_PEER = new Predictors.Peer(0.845, 0.013, 0.417, 0.805, 0.601);

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "<csv>", description = "The Telco customer churn file, as imported.")
    Path csv;

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "target/eval-churn",
            description = "Where to write report.md and roc.png (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
            description = "Seed of the fold shuffle (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--repeats", paramLabel = "<n>", defaultValue = "5",
            description = "Trainings per algorithm, with seeds --seed, --seed + 1, ...: a Java shuffle cannot "
                    + "reproduce the reference's folds, so the targets are judged on the mean AUC over the seeds, "
                    + "as the ranking protocol does (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        long customers = 0;
        long churners = 0;
        Path file = InputPaths.file(csv);
        BadLines bad = new BadLines(file.toString(), false, status);
        try (RecordReader<User> reader = RecordReader.openWithHeader(file, Decoding.UTF_8, Telco::fromHeader, bad)) {
            for (User user = reader.next(); user != null; user = reader.next()) {
                customers++;
                if (POSITIVE.equals(user.getAttributesMap().get(LABEL))) {
                    churners++;
                }
            }
        }
        bad.printTotal();
        out.printf(Locale.ROOT, "%s: %,d customers, %,d churned (%.4f)%n", csv, customers, churners,
                customers == 0 ? 0 : (double) churners / customers);
        out.flush();
        TrainPredictorRequest.Builder base = TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_ATTRIBUTE)
                .setLabelAttribute(LABEL).setPositiveValue(POSITIVE).setValidationFolds(FOLDS).setSeed(seed);
        if (repeats < 1 || repeats > 100) {
            throw CliException.usage("--repeats must be 1 to 100, got " + repeats);
        }
        List<Predictors.Trained> models = new ArrayList<>();
        List<List<Predictors.Trained>> runs = List.of(new ArrayList<>(), new ArrayList<>());
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            for (int r = 0; r < repeats; r++) {
                base.setSeed(seed + r);
                List<TrainPredictorRequest> requests = List.of(Predictors.tree(base.clone()).build(),
                        Predictors.logistic(base.clone()).build());
                for (int a = 0; a < 2; a++) {
                    Predictors.Trained trained = Predictors.train(segments, requests.get(a));
                    runs.get(a).add(trained);
                    if (r == 0) {
                        models.add(trained);
                    }
                    out.printf(Locale.ROOT, "%s, seed %d: model %s, AUC %.4f ± %.4f, log loss %.4f, accuracy %.4f, "
                            + "F1 %.4f, n %,d, trained in %.2f s%n", trained.name(), seed + r,
                            trained.response().getModelId(), trained.metrics().getAuc(),
                            trained.metrics().getAucStd(), trained.metrics().getLogLoss(),
                            trained.metrics().getAccuracy(), trained.metrics().getF1(), trained.metrics().getN(),
                            trained.seconds());
                    out.flush();
                }
            }
        }
        Predictors.Trained tree = models.get(0);
        Predictors.Trained logistic = models.get(1);
        double treeMean = meanAuc(runs.get(0));
        double logisticMean = meanAuc(runs.get(1));
        boolean treePass = treeMean >= TREE_PEER.auc();
        boolean logisticPass = logisticMean >= LOGISTIC_PEER.auc();

        Files.createDirectories(outDir);
        Path rocChart = outDir.resolve("roc.png");
        Charts.roc(rocChart, "Telco churn: cross-validated ROC curves", List.of(
                Predictors.roc(String.format(Locale.ROOT, "tree (AUC %.3f)", tree.metrics().getAuc()),
                        tree.metrics().getRocList()),
                Predictors.roc(String.format(Locale.ROOT, "logistic (AUC %.3f)", logistic.metrics().getAuc()),
                        logistic.metrics().getRocList())));
        StringBuilder md = new StringBuilder();
        md.append("# Churn prediction: Telco customer churn\n\n");
        md.append(String.format(Locale.ROOT, "%s: %,d customers, %,d churned (%.1f %%). Imported beforehand with "
                + "`persona import telco`; predictor of attribute `%s` = `%s` from every other attribute (numeric "
                + "as numbers, the rest one-hot) and the event features, stratified %d-fold cross-validation "
                + "shuffled with seed %d. Decision tree: max depth 5, min leaf 20; logistic regression: L2 1.0.%n%n",
                fileName(), customers, churners, customers == 0 ? 0 : 100.0 * churners / customers, LABEL, POSITIVE,
                FOLDS, seed));
        md.append(String.format(Locale.ROOT, "Targets, on the mean AUC over %d fold shuffles (seeds %d to %d): "
                + "tree AUC ≥ %.3f (%s, ours %.4f; seed %d alone %.4f); logistic AUC ≥ %.3f (%s, ours %.4f; "
                + "seed %d alone %.4f).%n%n", repeats, seed, seed + repeats - 1, TREE_PEER.auc(),
                treePass ? "pass" : "**fail**", treeMean, seed, tree.metrics().getAuc(), LOGISTIC_PEER.auc(),
                logisticPass ? "pass" : "**fail**", logisticMean, seed, logistic.metrics().getAuc()));
        if (tree.metrics().getN() != customers) {
            md.append(String.format(Locale.ROOT, "**Note:** the service labelled %,d users, the file has %,d "
                    + "customers.%n%n", tree.metrics().getN(), customers));
        }
        md.append("## Across fold shuffles\n\n| seed | tree AUC | tree training (s) | logistic AUC | logistic "
                + "training (s) |\n|---:|---:|---:|---:|---:|\n");
        for (int r = 0; r < repeats; r++) {
            md.append(String.format(Locale.ROOT, "| %d | %.4f | %.2f | %.4f | %.2f |%n", seed + r,
                    runs.get(0).get(r).metrics().getAuc(), runs.get(0).get(r).seconds(),
                    runs.get(1).get(r).metrics().getAuc(), runs.get(1).get(r).seconds()));
        }
        md.append(String.format(Locale.ROOT, "| mean | **%.4f** | | **%.4f** | |%n%n", treeMean, logisticMean));
        md.append("Training time is the whole TrainPredictor call seen from the client: reading the users from "
                + "profile-service, features, 5-fold cross-validation, the final fit and storing the model; the "
                + "first call after a start includes JIT warm-up.\n\n");
        md.append(String.format(Locale.ROOT, "## Cross-validated metrics (seed %d)%n%n", seed));
        md.append(Predictors.metricsTable(models, Arrays.asList(TREE_PEER, LOGISTIC_PEER))).append('\n');
        for (Predictors.Trained trained : models) {
            md.append("## Feature importances: ").append(trained.name()).append(" (model ")
                    .append(trained.response().getModelId()).append(")\n\n");
            md.append(Predictors.importances(trained)).append('\n');
        }
        md.append("## ROC curves\n\nPooled out-of-fold probabilities, as returned by the service:\n\n")
                .append("![ROC curves](").append(rocChart.getFileName()).append(")\n");
        Path report = outDir.resolve("report.md");
        Files.writeString(report, md.toString());
        out.printf(Locale.ROOT, "mean over %d seeds: tree AUC %.4f (target %.3f): %s; logistic AUC %.4f (target "
                + "%.3f): %s%n", repeats, treeMean, TREE_PEER.auc(), treePass ? "pass" : "FAIL", logisticMean,
                LOGISTIC_PEER.auc(), logisticPass ? "pass" : "FAIL");
        out.println("report written to " + report);
        out.println(new JsonLine()
                .put("eval", "churn")
                .put("data", "telco")
                .put("customers", customers)
                .put("churn_rate", customers == 0 ? Double.NaN : (double) churners / customers, 4)
                .put("seed", seed)
                .put("folds", FOLDS)
                .put("repeats", repeats)
                .put("tree", Predictors.json(tree).put("mean_auc", treeMean, 4)
                        .put("min_warm_train_s", minWarmSeconds(runs.get(0)), 3)
                        .put("target_auc", TREE_PEER.auc()).put("pass", treePass))
                .put("logistic", Predictors.json(logistic).put("mean_auc", logisticMean, 4)
                        .put("min_warm_train_s", minWarmSeconds(runs.get(1)), 3)
                        .put("target_auc", LOGISTIC_PEER.auc()).put("pass", logisticPass))
                .put("report", report.toString()));
        out.flush();
        return ExitCodes.OK;
    }

    private static double meanAuc(List<Predictors.Trained> runs) {
        return runs.stream().mapToDouble(t -> t.metrics().getAuc()).average().orElse(Double.NaN);
    }

    /** The fastest training after the first (which may include the service's JIT warm-up). */
    private static double minWarmSeconds(List<Predictors.Trained> runs) {
        return runs.stream().skip(runs.size() > 1 ? 1 : 0).mapToDouble(Predictors.Trained::seconds).min()
                .orElse(Double.NaN);
    }

    private String fileName() {
        Path name = csv.getFileName();
        return name == null ? csv.toString() : name.toString();
    }
}
