package dev.persona.cli.models;

import dev.persona.api.v1.ListModelsRequest;
import dev.persona.api.v1.ModelInfo;
import dev.persona.api.v1.ModelType;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.api.v1.TrainResult;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InstantOption;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.grpc.RecommendConnection;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona models train|list}: trained recommendation models (TrainModel, ListModels). */
@Command(name = "models", description = "Trains and lists recommendation models (recommend-service).",
        subcommands = {ModelsCommand.Train.class, ModelsCommand.List.class})
public final class ModelsCommand {

    static ModelType type(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "als-explicit" -> ModelType.MODEL_TYPE_ALS_EXPLICIT;
            case "als-implicit" -> ModelType.MODEL_TYPE_ALS_IMPLICIT;
            case "ease" -> ModelType.MODEL_TYPE_EASE;
            default -> throw CliException.usage("model type must be als-explicit, als-implicit or ease, got " + name);
        };
    }

    static String name(ModelType type) {
        return switch (type) {
            case MODEL_TYPE_ALS_EXPLICIT -> "als-explicit";
            case MODEL_TYPE_ALS_IMPLICIT -> "als-implicit";
            case MODEL_TYPE_EASE -> "ease";
            default -> type.name();
        };
    }

    /** {@code persona models train <type>}. */
    @Command(name = "train", description = {"Trains a new model version (TrainModel), progress on stderr.",
            "Prints the new version, whether it serves, its training metrics and the time it took."})
    public static final class Train implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "<type>", description = "als-explicit, als-implicit or ease.")
        String type;

        @Option(names = "--factors", paramLabel = "<n>", defaultValue = "0",
                description = "Latent factors (ALS); 0 means 64.")
        int factors;

        @Option(names = "--iterations", paramLabel = "<n>", defaultValue = "0",
                description = "Sweeps (ALS); 0 means 15.")
        int iterations;

        @Option(names = "--regularization", paramLabel = "<λ>", defaultValue = "0",
                description = "L2 penalty; 0 means the default (0.1 for ALS, scaled by counts; 500 for EASE).")
        double regularization;

        @Option(names = "--alpha", paramLabel = "<α>", defaultValue = "0",
                description = "Confidence scale of implicit ALS; 0 means 40.")
        double alpha;

        @Option(names = "--seed", paramLabel = "<n>", defaultValue = "0", description = "Seed of the initial factors.")
        long seed;

        @Option(names = "--threads", paramLabel = "<n>", defaultValue = "0",
                description = "Worker threads; 0 means the service's default.")
        int threads;

        @Option(names = "--keep-serving", description = "Store the new version without making it serve.")
        boolean keepServing;

        @Override
        public Integer call() {
            TrainModelRequest request = TrainModelRequest.newBuilder().setModelType(type(type)).setFactors(factors)
                    .setIterations(iterations).setRegularization(regularization).setAlpha(alpha).setSeed(seed)
                    .setThreads(threads).setKeepServing(keepServing).build();
            TrainResult result;
            try (RecommendConnection recommend = RecommendConnection.open(connection.recommendSettings())) {
                result = ModelTrainings.run(recommend, request, StatusLine.on(spec.commandLine().getErr()));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "model %s (%s)%s, trained in %,d ms%n", result.getModelVersion(),
                    name(result.getModelType()), result.getServing() ? ", serving" : ", stored (not serving)",
                    result.getElapsedMs());
            new TreeMap<>(result.getTrainingMetricsMap()).forEach((k, v) ->
                    out.printf(Locale.ROOT, "%s %.6f%n", k, v));
            return ExitCodes.OK;
        }
    }

    /** {@code persona models list [<type>]}. */
    @Command(name = "list", description = "Lists the stored model versions, newest first (ListModels).")
    public static final class List implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "<type>", arity = "0..1", description = "Only this type: als-explicit, "
                + "als-implicit or ease.")
        String type;

        @Override
        public Integer call() {
            ListModelsRequest.Builder request = ListModelsRequest.newBuilder();
            if (type != null) {
                request.setModelType(type(type));
            }
            java.util.List<ModelInfo> models;
            try (RecommendConnection recommend = RecommendConnection.open(connection.recommendSettings())) {
                models = recommend.unary().listModels(request.build()).getModelsList();
            }
            TextTable table = new TextTable("version", "type", "serving", "trained", "factors", "iterations",
                    "regularization", "users", "items", "ms", "metrics").alignRight(4, 5, 6, 7, 8, 9);
            for (ModelInfo m : models) {
                StringBuilder metrics = new StringBuilder();
                for (Map.Entry<String, Double> e : new TreeMap<>(m.getTrainingMetricsMap()).entrySet()) {
                    metrics.append(metrics.length() == 0 ? "" : " ")
                            .append(String.format(Locale.ROOT, "%s=%.4f", e.getKey(), e.getValue()));
                }
                table.row(m.getModelVersion(), name(m.getModelType()), m.getServing() ? "yes" : "",
                        InstantOption.format(m.getTrainedAt()), m.getFactors(), m.getIterations(),
                        String.format(Locale.ROOT, "%g", m.getRegularization()), m.getUsers(), m.getItems(),
                        m.getElapsedMs(), metrics);
            }
            table.print(spec.commandLine().getOut());
            return ExitCodes.OK;
        }
    }
}
