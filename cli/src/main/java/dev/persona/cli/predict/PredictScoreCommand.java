package dev.persona.cli.predict;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.FeatureContribution;
import dev.persona.api.v1.PredictOutcomeRequest;
import dev.persona.api.v1.PredictOutcomeResponse;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InstantOption;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.grpc.SegmentConnection;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona predict score <model_id> <user_id>}: the predicted probability for one user (PredictOutcome). */
@Command(name = "score", description = {"Prints a predictor's probability for one user (PredictOutcome).",
        "With the explanation, the tree's decision path or the regression's largest contributions."})
public final class PredictScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<model_id>", description = "The predictor (from predict train).")
    String modelId;

    @Parameters(index = "1", paramLabel = "<user_id>", description = "The user.")
    String userId;

    @Option(names = "--as-of", paramLabel = "<time>", converter = InstantOption.Converter.class,
            description = "Clock of the event features, " + InstantOption.FORMATS + "; default one day after the "
                    + "latest event of the tenant's log.")
    Timestamp asOf;

    @Override
    public Integer call() {
        PredictOutcomeRequest.Builder request = PredictOutcomeRequest.newBuilder().setModelId(modelId)
                .setUserId(userId);
        if (asOf != null) {
            request.setAsOf(asOf);
        }
        PredictOutcomeResponse prediction;
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            prediction = segments.unary().predictOutcome(request.build());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "probability %.4f%n", prediction.getProbability());
        if (!prediction.getExplanation().isEmpty()) {
            out.println(prediction.getExplanation());
        }
        if (prediction.getDecisionPathCount() > 0) {
            out.println("decision path:");
            prediction.getDecisionPathList().forEach(step -> out.println("  " + step));
        }
        if (prediction.getContributionsCount() > 0) {
            TextTable table = new TextTable("feature", "value", "contribution").alignRight(1, 2);
            for (FeatureContribution c : prediction.getContributionsList()) {
                table.row(c.getFeature(), String.format(Locale.ROOT, "%.4f", c.getValue()),
                        c.getContribution() == 0 ? "-" : String.format(Locale.ROOT, "%+.4f", c.getContribution()));
            }
            table.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
