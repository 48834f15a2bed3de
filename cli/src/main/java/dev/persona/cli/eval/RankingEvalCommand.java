package dev.persona.cli.eval;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.Entity;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.Metric;
import dev.persona.api.v1.ModelType;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.Recommendation;
import dev.persona.api.v1.Strategy;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.api.v1.TrainResult;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.ProgressMeter;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.grpc.RecommendConnection;
import dev.persona.cli.grpc.SimilarityConnection;
import dev.persona.cli.imports.SummaryPrinter;
import dev.persona.cli.imports.UploadResult;
import dev.persona.cli.imports.Uploader;
import dev.persona.cli.io.RecordSource;
import dev.persona.cli.models.ModelTrainings;
import dev.persona.cli.neighbors.NeighborBuild;
import dev.persona.cli.recommend.KOption;
import dev.persona.cli.recommend.StrategyNames;
import dev.persona.cli.recommend.StrategyTally;
import dev.persona.core.metrics.RankingMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona eval ranking <ml-100k dir>}: the ml-100k top-k ranking protocol through the running services. */
@Command(name = "ranking",
        description = {"Evaluates top-k recommendations on ml-100k through the running services.",
                "For each of --seeds seeds from --first-seed: splits each user's ratings 80/20 at random (seeded), "
                + "imports the users, the items and the train pairs (one VIEW event each) into a fresh tenant "
                + "eval-ranking-<seed>-<epochmillis>, builds item and user neighbour lists (cosine, binary, k = 50) and "
                + "the trained models the strategies need (EASE for ease, implicit ALS for matrix-factorization), "
                + "then asks Recommend of every user with a test rating of 4 or more, per strategy, and scores the "
                + "lists: P@k, R@k, NDCG@k, HR@k and coverage, with the strategies that actually served them. "
                + "Writes a Markdown report with published figures beside; the last line of output is JSON."})
public final class RankingEvalCommand implements Callable<Integer> {

    /** Test ratings at least this are relevant. */
    static final double RELEVANT_RATING = 4;
    /** The neighbour lists every seed builds. */
    static final int NEIGHBORS_K = 50;
    private static final int MAX_SEEDS = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    KOption k;

    @Parameters(paramLabel = "<dir>", description = "The ml-100k directory: u.user, u.item, u.data (u.genre optional).")
    Path dir;

    @Option(names = "--seeds", paramLabel = "<n>", defaultValue = "5",
            description = "Splits to evaluate, 1 to " + MAX_SEEDS + " (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--first-seed", paramLabel = "<seed>", defaultValue = "1",
            description = "Seed of the first split; the next ones follow (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(names = "--strategies", paramLabel = "<strategy>", split = ",",
            defaultValue = "popular,item-knn,user-knn,content,hybrid",
            converter = StrategyNames.Converter.class, completionCandidates = StrategyNames.All.class,
            description = "Strategies to evaluate, comma-separated, each at most once: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Strategy> strategies;

    @Option(names = "--ease-lambda", paramLabel = "<λ>", defaultValue = "500",
            description = "L2 penalty of the EASE model trained when ease is evaluated (default: ${DEFAULT-VALUE}).")
    double easeLambda;

    @Option(names = "--als-factors", paramLabel = "<n>", defaultValue = "64",
            description = "Factors of the implicit ALS model trained when matrix-factorization is evaluated "
                    + "(default: ${DEFAULT-VALUE}).")
    int alsFactors;

    @Option(names = "--als-iterations", paramLabel = "<n>", defaultValue = "15",
            description = "Sweeps of that model (default: ${DEFAULT-VALUE}).")
    int alsIterations;

    @Option(names = "--als-regularization", paramLabel = "<λ>", defaultValue = "0",
            description = "Its L2 penalty; 0 means the service's default (default: ${DEFAULT-VALUE}).")
    double alsRegularization;

    @Option(names = "--als-alpha", paramLabel = "<α>", defaultValue = "0",
            description = "Its confidence scale; 0 means the service's default (default: ${DEFAULT-VALUE}).")
    double alsAlpha;

    @Option(names = "--report", paramLabel = "<file>", defaultValue = "target/eval-ranking.md",
            description = "Where to write the Markdown report (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() throws IOException, InterruptedException {
        int listSize = k.k();
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw CliException.usage("--seeds must be 1 to " + MAX_SEEDS + ", got " + seeds);
        }
        List<Strategy> evaluated = StrategyNames.distinct("--strategies", strategies);
        if (connection.explicitTenant().isPresent()) {
            throw CliException.usage("eval ranking runs each seed in a fresh tenant; --tenant does not apply");
        }
        PrintWriter out = spec.commandLine().getOut();
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        RankingData data = RankingData.read(dir, status);
        out.printf(Locale.ROOT, "%s: %,d users, %,d items, %,d ratings%n", dir, data.users().size(),
                data.items().size(), data.ratings().size());
        out.flush();
        List<SeedResult> results = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            results.add(evaluate(seed, data, evaluated, listSize, out, status));
        }
        Path dirName = dir.toAbsolutePath().normalize().getFileName();
        RankingReport outcome = new RankingReport(dirName == null ? dir.toString() : dirName.toString(), data,
                listSize, evaluated, results);
        Path parent = report.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String chartName = report.getFileName().toString().replaceFirst("\\.md$", "") + ".png";
        outcome.chart(report.resolveSibling(chartName));
        Files.writeString(report, outcome.markdown() + "\n## Chart\n\n![NDCG by strategy](" + chartName + ")\n");
        out.printf(Locale.ROOT, "mean over %d seed%s:%n", seeds, seeds == 1 ? "" : "s");
        outcome.summary().print(out);
        out.println("report written to " + report);
        out.println(outcome.json(report.toString()));
        return ExitCodes.OK;
    }

    /** One seed: split, import into a fresh tenant, build the neighbour lists, ask and score every strategy. */
    private SeedResult evaluate(long seed, RankingData data, List<Strategy> evaluated, int listSize, PrintWriter out,
            StatusLine status) throws IOException, InterruptedException {
        RatingSplit split = RatingSplit.of(data.ratings(), seed);
        SortedMap<Integer, Set<Integer>> relevant = split.relevant(RELEVANT_RATING);
        String tenant = "eval-ranking-" + seed + "-" + System.currentTimeMillis();
        out.printf(Locale.ROOT, "seed %d: tenant %s, %,d train pairs, %,d test ratings, %,d users evaluated%n", seed,
                tenant, split.train().size(), split.test().size(), relevant.size());
        out.flush();
        Map<Strategy, RankingMetrics> metrics = new EnumMap<>(Strategy.class);
        Map<Strategy, StrategyTally> used = new EnumMap<>(Strategy.class);
        for (Strategy strategy : evaluated) {
            metrics.put(strategy, new RankingMetrics(listSize));
            used.put(strategy, new StrategyTally());
        }
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings().withTenant(tenant));
                SimilarityConnection similarity = SimilarityConnection.open(
                        connection.similaritySettings().withTenant(tenant));
                RecommendConnection recommend = RecommendConnection.open(
                        connection.recommendSettings().withTenant(tenant))) {
            profiles.registerTenant();
            importTrain(profiles, data, split, seed, out, status);
            for (Entity entity : List.of(Entity.ENTITY_ITEM, Entity.ENTITY_USER)) {
                out.println(NeighborBuild.run(similarity, neighborsRequest(entity), status).summary());
                out.flush();
            }
            for (TrainModelRequest training : trainings(evaluated)) {
                TrainResult result = ModelTrainings.run(recommend, training, status);
                out.printf(Locale.ROOT, "trained %s in %,d ms%n", result.getModelVersion(), result.getElapsedMs());
                out.flush();
            }
            ProgressMeter progress = ProgressMeter.start("seed " + seed + " recommend", "calls", status);
            long total = (long) relevant.size() * evaluated.size();
            long done = 0;
            for (Map.Entry<Integer, Set<Integer>> user : relevant.entrySet()) {
                Set<String> relevantItems = user.getValue().stream().map(String::valueOf)
                        .collect(Collectors.toSet());
                for (Strategy strategy : evaluated) {
                    RecommendResponse response = recommend.unary().recommend(RecommendRequest.newBuilder()
                            .setUserId(Integer.toString(user.getKey()))
                            .setK(listSize)
                            .setStrategy(strategy)
                            .build());
                    metrics.get(strategy).add(response.getRecommendationsList().stream()
                            .map(Recommendation::getItemId).toList(), relevantItems);
                    used.get(strategy).add(response.getStrategyUsed());
                    done++;
                    progress.update(done, done, total);
                }
            }
            progress.finish();
        }
        Map<Strategy, RankingScores> scores = new EnumMap<>(Strategy.class);
        for (Strategy strategy : evaluated) {
            RankingScores figures = RankingScores.of(metrics.get(strategy), data.items().size());
            scores.put(strategy, figures);
            out.printf(Locale.ROOT, "seed %d %s: P@%d %.4f, R@%d %.4f, NDCG@%d %.4f, HR@%d %.4f, coverage %.4f; "
                    + "served by %s%n", seed, StrategyNames.of(strategy), listSize, figures.precision(), listSize,
                    figures.recall(), listSize, figures.ndcg(), listSize, figures.hitRate(), figures.coverage(),
                    used.get(strategy).describe());
        }
        out.flush();
        return new SeedResult(seed, tenant, split.train().size(), split.test().size(), relevant.size(), scores,
                used);
    }

    /** The users, the items, then the train pairs as VIEW events; a rejected event would break the protocol. */
    private static void importTrain(ProfileConnection profiles, RankingData data, RatingSplit split, long seed,
            PrintWriter out, StatusLine status) throws IOException, InterruptedException {
        Uploader uploader = new Uploader(profiles, status);
        SummaryPrinter.print(out, uploader.users("u.user", RecordSource.of(data.users())));
        SummaryPrinter.print(out, uploader.items("u.item", RecordSource.of(data.items())));
        List<Event> events = split.train().stream().map(rating -> trainEvent(rating, seed)).toList();
        UploadResult train = uploader.events("train pairs", RecordSource.of(events));
        SummaryPrinter.print(out, train);
        if (train.summary().getRejected() > 0) {
            throw CliException.failure("profile-service rejected " + train.summary().getRejected()
                    + " train events of seed " + seed + ": the evaluation would not follow the protocol");
        }
    }

    /** A train pair as one VIEW event: binary, every pair weighs the same; its id is unique per seed. */
    static Event trainEvent(Rating rating, long seed) {
        return Event.newBuilder()
                .setEventId("eval-" + seed + "-" + rating.user() + "-" + rating.item())
                .setUserId(Integer.toString(rating.user()))
                .setItemId(Integer.toString(rating.item()))
                .setType(EventType.EVENT_TYPE_VIEW)
                .setOccurredAt(Timestamps.fromSeconds(rating.seconds()))
                .build();
    }

    /** The models the evaluated strategies need: EASE for ease, implicit ALS for matrix factorisation. */
    List<TrainModelRequest> trainings(List<Strategy> evaluated) {
        List<TrainModelRequest> out = new ArrayList<>();
        if (evaluated.contains(Strategy.STRATEGY_EASE)) {
            out.add(TrainModelRequest.newBuilder().setModelType(ModelType.MODEL_TYPE_EASE)
                    .setRegularization(easeLambda).build());
        }
        if (evaluated.contains(Strategy.STRATEGY_MATRIX_FACTORIZATION)) {
            out.add(TrainModelRequest.newBuilder().setModelType(ModelType.MODEL_TYPE_ALS_IMPLICIT)
                    .setFactors(alsFactors).setIterations(alsIterations).setRegularization(alsRegularization)
                    .setAlpha(alsAlpha).build());
        }
        return out;
    }

    static BuildNeighborsRequest neighborsRequest(Entity entity) {
        return BuildNeighborsRequest.newBuilder()
                .setEntity(entity)
                .setMetric(Metric.METRIC_COSINE)
                .setBinary(true)
                .setK(NEIGHBORS_K)
                .build();
    }
}
