package dev.persona.cli.eval;

import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InstantOption;
import dev.persona.cli.audience.AudienceCommand;
import dev.persona.cli.bench.JsonLine;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.SegmentConnection;
import dev.persona.core.metrics.ClassificationMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona eval churn retail <csv>}: churn of retail customers, trained on the past, tested out of time. */
@Command(name = "retail",
        description = {"Evaluates churn prediction on retail transactions, out of time.",
                "Assumes the file was already imported into the tenant with persona import transactions; it imports "
                + "nothing. Trains churn predictors (cutoff 2014-09-16, horizon 90 days; features recency_days, "
                + "frequency, monetary, avg_amount, tenure_days, purchases_90d, purchases_180d): a decision tree "
                + "(max depth 5, min leaf 20) and a logistic regression (L2 1.0). Then scores every user as of the "
                + "test cutoff 2014-12-16 (SelectAudience) and labels them from the file: among customers with a "
                + "purchase before the test cutoff, churned when they made none in the 90 days from it. Reports the "
                + "test AUC (by ranks, ties averaged), log loss and churn rate, next to published figures, and the "
                + "cross-validated metrics of the training. Writes report.md and roc-retail.png into --out; the last "
                + "line is JSON."})
public final class ChurnRetailEvalCommand implements Callable<Integer> {

    static final LocalDate TRAIN_CUTOFF = LocalDate.of(2014, 9, 16);
    static final LocalDate TEST_CUTOFF = LocalDate.of(2014, 12, 16);
    static final int HORIZON_DAYS = 90;
    static final List<String> FEATURES = List.of("recency_days", "frequency", "monetary", "avg_amount",
            "tenure_days", "purchases_90d", "purchases_180d");
    static final double TREE_PEER_AUC = 0.554;
    static final double LOGISTIC_PEER_AUC = 0.568;
    static final double TARGET_AUC = 0.57;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "<csv>", description = "The transactions file (Retail_Data_Transactions.csv), as "
            + "imported.")
    Path csv;

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "target/eval-churn",
            description = "Where to write report.md and roc-retail.png (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
            description = "Seed of the fold shuffle of the training (default: ${DEFAULT-VALUE}).")
    long seed;

    /**
     * One model scored on the test window, for the report: its probabilities next to the labels from the file, and
     * the test figures of them from core's {@link ClassificationMetrics}, computed once.
     *
     * @param label       per scored customer, whether they churned
     * @param probability per scored customer, the model's probability of churn
     * @param auc         the rank AUC (ties averaged), NaN without both classes
     * @param logLoss     the mean log loss, NaN when no customer was scored
     */
    record Tested(Predictors.Trained trained, boolean[] label, double[] probability, double auc, double logLoss,
            long unscored, long unlabelled, double peerAuc) {

        static Tested of(Predictors.Trained trained, boolean[] label, double[] probability, long unscored,
                long unlabelled, double peerAuc) {
            if (label.length == 0) {
                return new Tested(trained, label, probability, Double.NaN, Double.NaN, unscored, unlabelled,
                        peerAuc);
            }
            ClassificationMetrics metrics = ClassificationMetrics.of(label, probability);
            return new Tested(trained, label, probability, metrics.auc(), metrics.logLoss(), unscored, unlabelled,
                    peerAuc);
        }

        int size() {
            return label.length;
        }

        long positives() {
            long count = 0;
            for (boolean churned : label) {
                if (churned) {
                    count++;
                }
            }
            return count;
        }

        /** The churn rate among the scored customers; NaN when none was scored. */
        double positiveRate() {
            return size() == 0 ? Double.NaN : (double) positives() / size();
        }

        /** Whether the scored customers hold both classes: without them there is no ROC curve (nor an AUC). */
        boolean hasBothClasses() {
            long positives = positives();
            return positives > 0 && positives < size();
        }

        boolean pass() {
            return auc >= TARGET_AUC;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        RetailData data = RetailData.read(csv, status);
        Map<String, Boolean> labels = data.churnLabels(TEST_CUTOFF, HORIZON_DAYS);
        long churned = labels.values().stream().filter(Boolean::booleanValue).count();
        out.printf(Locale.ROOT, "%s: %,d transactions of %,d customers, %s to %s; %,d customers bought before %s, "
                + "%,d of them (%.4f) did not buy in the %d days from it%n", csv, data.transactions(),
                data.customers(), data.firstDate(), data.lastDate(), labels.size(), TEST_CUTOFF, churned,
                labels.isEmpty() ? 0 : (double) churned / labels.size(), HORIZON_DAYS);
        out.flush();
        TrainPredictorRequest.Builder base = TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_CHURN)
                .setCutoff(InstantOption.timestamp(TRAIN_CUTOFF.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .setHorizonDays(HORIZON_DAYS).addAllFeatures(FEATURES).setSeed(seed);
        List<Tested> tested = new ArrayList<>();
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            List<TrainPredictorRequest> requests = List.of(Predictors.tree(base.clone()).build(),
                    Predictors.logistic(base.clone()).build());
            double[] peers = {TREE_PEER_AUC, LOGISTIC_PEER_AUC};
            for (int i = 0; i < requests.size(); i++) {
                Predictors.Trained trained = Predictors.train(segments, requests.get(i));
                Tested test = test(segments, trained, labels, peers[i]);
                tested.add(test);
                out.printf(Locale.ROOT, "%s: model %s, cross-validated AUC %.4f ± %.4f (n %,d, trained in %.2f s); "
                        + "test AUC %.4f, log loss %.4f on %,d customers (%,d unscored)%n", trained.name(),
                        trained.response().getModelId(), trained.metrics().getAuc(), trained.metrics().getAucStd(),
                        trained.metrics().getN(), trained.seconds(), test.auc(), test.logLoss(), test.size(),
                        test.unscored());
                out.flush();
            }
        }
        Files.createDirectories(outDir);
        Path rocChart = outDir.resolve("roc-retail.png");
        List<Charts.Series> curves = new ArrayList<>();
        for (Tested t : tested) {
            // A model whose scored customers are all of one class has no curve to draw; its AUC reads NaN.
            if (t.hasBothClasses()) {
                curves.add(Predictors.roc(String.format(Locale.ROOT, "%s (test AUC %.3f)", t.trained().name(),
                        t.auc()), t.label(), t.probability()));
            }
        }
        Charts.roc(rocChart, "Retail churn: ROC on the test window (out of time)", curves);
        Path report = outDir.resolve("report.md");
        Files.writeString(report, markdown(data, labels, churned, tested, rocChart.getFileName().toString()));
        for (Tested t : tested) {
            out.printf(Locale.ROOT, "%s test AUC %.4f (peers %.3f, target %.2f): %s%n", t.trained().name(),
                    t.auc(), t.peerAuc(), TARGET_AUC, t.pass() ? "pass" : "FAIL");
        }
        out.println("report written to " + report);
        JsonLine json = new JsonLine()
                .put("eval", "churn")
                .put("data", "retail")
                .put("customers", data.customers())
                .put("train_cutoff", TRAIN_CUTOFF.toString())
                .put("test_cutoff", TEST_CUTOFF.toString())
                .put("horizon_days", HORIZON_DAYS)
                .put("test_customers", labels.size())
                .put("test_churn_rate", labels.isEmpty() ? Double.NaN : (double) churned / labels.size(), 4);
        for (Tested t : tested) {
            json.put(t.trained().name(), Predictors.json(t.trained())
                    .put("test_auc", t.auc(), 4)
                    .put("test_log_loss", t.logLoss(), 4)
                    .put("test_n", t.size())
                    .put("unscored", t.unscored())
                    .put("peer_auc", t.peerAuc())
                    .put("target_auc", TARGET_AUC)
                    .put("pass", t.pass()));
        }
        out.println(json.put("report", report.toString()));
        out.flush();
        return ExitCodes.OK;
    }

    /** Every user's probability as of the test cutoff, joined with the labels from the file. */
    private static Tested test(SegmentConnection segments, Predictors.Trained trained, Map<String, Boolean> labels,
            double peerAuc) {
        Map<String, Double> probabilities = new HashMap<>();
        AudienceCommand.select(segments, SelectAudienceRequest.newBuilder()
                .setModelId(trained.response().getModelId())
                .setAsOf(InstantOption.timestamp(TEST_CUTOFF.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .build(), member -> probabilities.put(member.getUserId(), member.getProbability()));
        List<Double> scores = new ArrayList<>();
        List<Boolean> truth = new ArrayList<>();
        long unscored = 0;
        for (Map.Entry<String, Boolean> label : labels.entrySet()) {
            Double p = probabilities.get(label.getKey());
            if (p == null) {
                unscored++;
            } else {
                scores.add(p);
                truth.add(label.getValue());
            }
        }
        long unlabelled = probabilities.keySet().stream().filter(user -> !labels.containsKey(user)).count();
        boolean[] truthArray = new boolean[truth.size()];
        for (int i = 0; i < truthArray.length; i++) {
            truthArray[i] = truth.get(i);
        }
        return Tested.of(trained, truthArray, scores.stream().mapToDouble(Double::doubleValue).toArray(), unscored,
                unlabelled, peerAuc);
    }

    private String markdown(RetailData data, Map<String, Boolean> labels, long churned, List<Tested> tested,
            String rocChart) {
        StringBuilder md = new StringBuilder();
        md.append("# Churn prediction: retail transactions, out of time\n\n");
        md.append(String.format(Locale.ROOT, "%s: %,d transactions of %,d customers, %s to %s, imported beforehand "
                + "with `persona import transactions`.%n%n", fileName(), data.transactions(), data.customers(),
                data.firstDate(), data.lastDate()));
        md.append(String.format(Locale.ROOT, "Protocol: churn predictors trained by the service with cutoff %s and "
                + "horizon %d days (churned: a purchase before the cutoff, none in the %d days from it), features "
                + "%s, stratified cross-validation shuffled with seed %d; decision tree max depth 5, min leaf 20; "
                + "logistic regression L2 1.0. Test: every user scored as of %s (SelectAudience, no segmentation); "
                + "labels computed here from the file: among the %,d customers with a purchase before %s, churned "
                + "when no purchase in [%s, %s), %,d of them (churn rate %.4f).%n%n", TRAIN_CUTOFF, HORIZON_DAYS,
                HORIZON_DAYS, String.join(", ", FEATURES), seed, TEST_CUTOFF, labels.size(), TEST_CUTOFF, TEST_CUTOFF,
                TEST_CUTOFF.plusDays(HORIZON_DAYS), churned, labels.isEmpty() ? 0 : (double) churned
                        / labels.size()));
        md.append("## Test window\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Tested t : tested) {
            rows.add(List.of(t.trained().name(), Predictors.fixed(t.auc()),
                    String.format(Locale.ROOT, "%.3f", t.peerAuc()), String.format(Locale.ROOT, "%.2f", TARGET_AUC),
                    t.pass() ? "pass" : "**fail**", Predictors.fixed(t.logLoss()),
                    Predictors.fixed(t.positiveRate()), String.format(Locale.ROOT, "%,d", t.size()),
                    String.format(Locale.ROOT, "%,d", t.unscored())));
        }
        md.append(Markdown.table(List.of("model", "test AUC", "peers", "target", "result", "log loss", "churn rate",
                "customers", "unscored"), rows, false, true, true, true, false, true, true, true, true)).append('\n');
        md.append("Customers without a probability (unscored: consent denied, or not in the tenant) are left out of "
                + "the figures; users scored without a label (no purchase before the test cutoff) are ignored: ");
        md.append(String.join(", ", tested.stream().map(t -> String.format(Locale.ROOT, "%,d for %s", t.unlabelled(),
                t.trained().name())).toList())).append(".\n\n");
        md.append("## Cross-validated on the training window (as returned by the service)\n\n");
        List<Predictors.Trained> models = tested.stream().map(Tested::trained).toList();
        md.append(Predictors.metricsTable(models, Arrays.asList(null, null))).append('\n');
        for (Predictors.Trained trained : models) {
            md.append("## Feature importances: ").append(trained.name()).append(" (model ")
                    .append(trained.response().getModelId()).append(")\n\n");
            md.append(Predictors.importances(trained)).append('\n');
        }
        md.append("## ROC on the test window\n\n![ROC curves on the test window](").append(rocChart).append(")\n");
        return md.toString();
    }

    private String fileName() {
        Path name = csv.getFileName();
        return name == null ? csv.toString() : name.toString();
    }
}
