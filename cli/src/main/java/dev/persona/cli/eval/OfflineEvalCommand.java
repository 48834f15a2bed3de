package dev.persona.cli.eval;

import dev.persona.api.v1.EvaluateOfflineRequest;
import dev.persona.api.v1.EvaluateOfflineResponse;
import dev.persona.api.v1.EvaluationReport;
import dev.persona.api.v1.Strategy;
import dev.persona.api.v1.StrategyEvaluation;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.PhaseProgress;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.grpc.RecommendConnection;
import dev.persona.cli.recommend.StrategyNames;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code persona eval offline}: EvaluateOffline on the tenant's own log, progress on stderr, a table on stdout. */
@Command(name = "offline",
        description = {"Evaluates strategies offline on the tenant's own log (EvaluateOffline): recommend-service "
                + "holds out part of each user's items, trains each strategy on the rest in isolation (serving "
                + "models and neighbour lists are not touched) and scores its lists and rating predictions.",
                "Prints one row per strategy: P@k, R@k, NDCG@k, HR@k, MAP@k, coverage, popularity bias, and RMSE "
                + "and MAE where the strategy predicts ratings."})
public final class OfflineEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--strategies", paramLabel = "<strategy>", split = ",",
            converter = StrategyNames.Converter.class, completionCandidates = StrategyNames.All.class,
            description = "Strategies to evaluate, comma-separated, each at most once: ${COMPLETION-CANDIDATES}; "
                    + "none means every strategy (auto only when named).")
    List<Strategy> strategies;

    @Option(names = "--k", paramLabel = "<n>", defaultValue = "0", description = "Cut-off of the ranking metrics: "
            + "1 to 1,000; 0 means 10.")
    int k;

    @Option(names = "--test-fraction", paramLabel = "<f>", defaultValue = "0",
            description = "Share of each user's items held out, strictly between 0 and 1; 0 means 0.2.")
    double testFraction;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "0",
            description = "Seed of the split and of every model trained.")
    long seed;

    @Option(names = "--relevance-threshold", paramLabel = "<r>", defaultValue = "0",
            description = "A held-out rating is relevant from this value; other events always are; 0 means every "
                    + "held-out interaction is relevant.")
    double relevanceThreshold;

    @Override
    public Integer call() {
        EvaluateOfflineRequest.Builder request = EvaluateOfflineRequest.newBuilder().setK(k)
                .setTestFraction(testFraction).setSeed(seed).setRelevanceThreshold(relevanceThreshold);
        if (strategies != null) {
            request.addAllStrategies(StrategyNames.distinct("--strategies", strategies));
        }
        EvaluationReport report;
        try (RecommendConnection recommend = RecommendConnection.open(connection.recommendSettings())) {
            report = PhaseProgress.follow(recommend.serverStreaming().evaluateOffline(request.build()),
                    StatusLine.on(spec.commandLine().getErr()),
                    (EvaluateOfflineResponse r) -> r.hasProgress() ? r.getProgress() : null,
                    r -> r.hasReport() ? r.getReport() : null)
                    .orElseThrow(() -> CliException.failure(RecommendConnection.SERVICE
                            + " ended the evaluation without a report"));
        }
        print(report, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    static void print(EvaluationReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "%,d users evaluated at k = %d; %,d interactions trained on, %,d held out "
                        + "(fraction %.2f, seed %d, relevance threshold %s); %,d active items; %,d ms%n",
                r.getUsersEvaluated(), r.getK(), r.getTrainInteractions(), r.getTestInteractions(),
                r.getTestFraction(), r.getSeed(), number(r.getRelevanceThreshold()), r.getCatalogItems(),
                r.getElapsedMs());
        TextTable table = new TextTable("strategy", "P@k", "R@k", "NDCG@k", "HR@k", "MAP@k", "coverage",
                "pop-bias", "RMSE", "MAE", "users", "ratings", "ms").alignRight(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        for (StrategyEvaluation s : r.getStrategiesList()) {
            boolean ratings = s.getHasRatingMetrics();
            table.row(StrategyNames.of(s.getStrategy()), f(s.getPrecisionAtK()), f(s.getRecallAtK()),
                    f(s.getNdcgAtK()), f(s.getHitRateAtK()), f(s.getMapAtK()), f(s.getCoverage()),
                    f(s.getPopularityBias()), ratings ? f(s.getRmse()) : "", ratings ? f(s.getMae()) : "",
                    s.getUsersEvaluated(), ratings ? String.valueOf(s.getRatingsEvaluated()) : "", s.getElapsedMs());
        }
        table.print(out);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
