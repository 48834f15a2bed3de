package dev.persona.cli.eval;

import dev.persona.api.v1.FeatureImportance;
import dev.persona.api.v1.PredictorAlgorithm;
import dev.persona.api.v1.PredictorMetrics;
import dev.persona.api.v1.RocPoint;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.cli.bench.JsonLine;
import dev.persona.cli.grpc.SegmentConnection;
import dev.persona.cli.predict.PredictTrainCommand;
import dev.persona.cli.segments.SegmentNames;
import dev.persona.core.metrics.Roc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** What the churn evaluations share: the two models of the protocol, one timed training, report pieces. */
final class Predictors {

    static final int TOP_FEATURES = 10;

    /** Published figures for one model of one protocol; NaN where none. */
    record Peer(double auc, double aucStd, double logLoss, double accuracy, double f1) {
    }

    /** One trained model and how long the call took. */
    record Trained(PredictorAlgorithm algorithm, TrainPredictorResponse response, double seconds) {

        String name() {
            return SegmentNames.of(algorithm);
        }

        PredictorMetrics metrics() {
            return response.getMetrics();
        }
    }

    private Predictors() {
    }

    /** The decision tree of the protocols: max depth 5, at least 20 users per leaf. */
    static TrainPredictorRequest.Builder tree(TrainPredictorRequest.Builder request) {
        return request.setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_DECISION_TREE).setMaxDepth(5)
                .setMinLeaf(20);
    }

    /** The logistic regression of the protocols: L2 penalty 1.0 (scikit-learn's C = 1). */
    static TrainPredictorRequest.Builder logistic(TrainPredictorRequest.Builder request) {
        return request.setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION).setL2(1.0);
    }

    static Trained train(SegmentConnection segments, TrainPredictorRequest request) {
        long start = System.nanoTime();
        TrainPredictorResponse response = PredictTrainCommand.train(segments, request);
        return new Trained(request.getAlgorithm(), response, (System.nanoTime() - start) / 1e9);
    }

    /** The server's cross-validated ROC curve as a chart series. */
    static Charts.Series roc(String name, List<RocPoint> points) {
        return new Charts.Series(name, points.stream().mapToDouble(RocPoint::getFalsePositiveRate).toArray(),
                points.stream().mapToDouble(RocPoint::getTruePositiveRate).toArray());
    }

    /**
     * The ROC curve of {@code probability} against {@code label} (core's {@link Roc}, one point per distinct
     * probability) as a chart series; only the rates are charted, not the thresholds. Needs both classes.
     */
    static Charts.Series roc(String name, boolean[] label, double[] probability) {
        List<Roc.Point> points = Roc.curve(label, probability);
        return new Charts.Series(name, points.stream().mapToDouble(Roc.Point::falsePositiveRate).toArray(),
                points.stream().mapToDouble(Roc.Point::truePositiveRate).toArray());
    }

    /** The cross-validated metrics of the models side by side, with their peers' where there are any. */
    static String metricsTable(List<Trained> models, List<Peer> peers) {
        List<String> headers = new ArrayList<>(List.of("metric"));
        for (int i = 0; i < models.size(); i++) {
            headers.add(models.get(i).name());
            if (peers.get(i) != null) {
                headers.add(models.get(i).name() + " (peers)");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("AUC ± std", models, peers, m -> String.format(Locale.ROOT, "%.4f ± %.4f", m.getAuc(),
                m.getAucStd()), p -> Double.isNaN(p.auc()) ? "" : Double.isNaN(p.aucStd())
                ? String.format(Locale.ROOT, "%.3f", p.auc()) : String.format(Locale.ROOT, "%.3f ± %.3f", p.auc(),
                        p.aucStd())));
        rows.add(row("log loss", models, peers, m -> fixed(m.getLogLoss()), p -> peer(p.logLoss())));
        rows.add(row("accuracy", models, peers, m -> fixed(m.getAccuracy()), p -> peer(p.accuracy())));
        rows.add(row("precision", models, peers, m -> fixed(m.getPrecision()), p -> ""));
        rows.add(row("recall", models, peers, m -> fixed(m.getRecall()), p -> ""));
        rows.add(row("F1", models, peers, m -> fixed(m.getF1()), p -> peer(p.f1())));
        rows.add(row("users (n)", models, peers, m -> String.format(Locale.ROOT, "%,d", m.getN()), p -> ""));
        rows.add(row("positive rate", models, peers, m -> fixed(m.getPositiveRate()), p -> ""));
        rows.add(row("folds", models, peers, m -> Integer.toString(m.getFolds()), p -> ""));
        List<String> time = new ArrayList<>(List.of("training call (s)"));
        for (int i = 0; i < models.size(); i++) {
            time.add(String.format(Locale.ROOT, "%.2f", models.get(i).seconds()));
            if (peers.get(i) != null) {
                time.add("");
            }
        }
        rows.add(time);
        boolean[] right = new boolean[headers.size()];
        Arrays.fill(right, 1, right.length, true);
        return Markdown.table(headers, rows, right);
    }

    private static List<String> row(String name, List<Trained> models, List<Peer> peers,
            Function<PredictorMetrics, String> ours, Function<Peer, String> theirs) {
        List<String> row = new ArrayList<>(List.of(name));
        for (int i = 0; i < models.size(); i++) {
            row.add(ours.apply(models.get(i).metrics()));
            if (peers.get(i) != null) {
                row.add(theirs.apply(peers.get(i)));
            }
        }
        return row;
    }

    /** The most important features of one model. */
    static String importances(Trained trained) {
        List<List<String>> rows = new ArrayList<>();
        for (FeatureImportance f : trained.response().getFeatureImportancesList().stream().limit(TOP_FEATURES)
                .toList()) {
            rows.add(List.of(f.getFeature(), fixed(f.getImportance()), f.getCoefficient() == 0 ? "-"
                    : String.format(Locale.ROOT, "%+.4f", f.getCoefficient())));
        }
        return Markdown.table(List.of("feature", "importance", "coefficient"), rows, false, true, true);
    }

    /** The cross-validated figures as JSON. */
    static JsonLine json(Trained trained) {
        PredictorMetrics m = trained.metrics();
        return new JsonLine()
                .put("model_id", trained.response().getModelId())
                .put("auc", m.getAuc(), 4)
                .put("auc_std", m.getAucStd(), 4)
                .put("log_loss", m.getLogLoss(), 4)
                .put("accuracy", m.getAccuracy(), 4)
                .put("precision", m.getPrecision(), 4)
                .put("recall", m.getRecall(), 4)
                .put("f1", m.getF1(), 4)
                .put("n", m.getN())
                .put("positive_rate", m.getPositiveRate(), 4)
                .put("train_s", trained.seconds());
    }

    static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String peer(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}
