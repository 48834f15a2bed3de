package dev.persona.cli.predict;

import dev.persona.api.v1.FeatureImportance;
import dev.persona.api.v1.PredictorMetrics;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.cli.InstantOption;
import dev.persona.cli.console.TextTable;
import java.io.PrintWriter;
import java.util.Locale;

/** A trained predictor: its id, the cross-validated metrics, the most important features. */
public final class PredictorPrinter {

    private PredictorPrinter() {
    }

    public static void print(TrainPredictorResponse trained, int topFeatures, PrintWriter out) {
        out.printf("model %s, trained at %s, cutoff %s%n", trained.getModelId(),
                InstantOption.format(trained.getTrainedAt()), InstantOption.format(trained.getCutoff()));
        metrics(trained.getMetrics()).print(out);
        importances(trained, topFeatures).print(out);
    }

    /** The cross-validated metrics, one per row. */
    public static TextTable metrics(PredictorMetrics m) {
        return new TextTable("metric", "value").alignRight(1)
                .row("auc", String.format(Locale.ROOT, "%.4f ± %.4f", m.getAuc(), m.getAucStd()))
                .row("log loss", decimal(m.getLogLoss()))
                .row("accuracy", decimal(m.getAccuracy()))
                .row("precision", decimal(m.getPrecision()))
                .row("recall", decimal(m.getRecall()))
                .row("f1", decimal(m.getF1()))
                .row("users", String.format(Locale.ROOT, "%,d", m.getN()))
                .row("positive rate", decimal(m.getPositiveRate()))
                .row("folds", m.getFolds());
    }

    /** The first {@code top} features, most important first. */
    public static TextTable importances(TrainPredictorResponse trained, int top) {
        TextTable table = new TextTable("feature", "importance", "coefficient").alignRight(1, 2);
        trained.getFeatureImportancesList().stream().limit(top).forEach(f -> table.row(f.getFeature(),
                decimal(f.getImportance()), coefficient(f)));
        return table;
    }

    static String coefficient(FeatureImportance feature) {
        return feature.getCoefficient() == 0 ? "-" : String.format(Locale.ROOT, "%+.4f", feature.getCoefficient());
    }

    public static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
