package dev.persona.cli.bench;

import dev.persona.api.v1.Interaction;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.Strategy;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.ConnectionSettings;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.grpc.RecommendConnection;
import dev.persona.cli.recommend.KOption;
import dev.persona.cli.recommend.StrategyNames;
import dev.persona.cli.recommend.StrategyTally;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code persona bench recommend}: latency and throughput of Recommend per strategy and concurrency. All callers
 * share one channel: gRPC multiplexes the calls over its HTTP/2 connection.
 */
@Command(name = "recommend",
        description = {"Times Recommend per strategy under concurrent load.",
                "Reads the distinct users of the tenant's log (ExportInteractions of profile-service), then for each "
                + "of --strategies and each of --concurrency makes --calls Recommend calls for users drawn at random "
                + "with --seed (the same users for every run), after --warmup untimed ones: p50, p90, p99 and max in "
                + "milliseconds, requests/s, and how many lists each strategy actually produced, so that fallbacks "
                + "show. The tenant's data stays as it is."})
public final class RecommendBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    KOption k;

    @Option(names = "--strategies", paramLabel = "<strategy>", split = ",",
            defaultValue = "popular,trending,item-knn,user-knn,content,hybrid,auto",
            converter = StrategyNames.Converter.class, completionCandidates = StrategyNames.All.class,
            description = "Strategies to time, comma-separated, each at most once: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Strategy> strategies;

    @Option(names = "--calls", paramLabel = "<n>", defaultValue = "5000",
            description = "Timed calls per strategy and concurrency (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--warmup", paramLabel = "<n>", defaultValue = "500",
            description = "Untimed calls first, per strategy and concurrency (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--concurrency", paramLabel = "<n>", split = ",", defaultValue = "1,16",
            description = "Client threads making the calls, comma-separated levels (default: ${DEFAULT-VALUE}).")
    List<Integer> concurrency;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the random choice of users (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--service-pid", paramLabel = "<pid>",
            description = "recommend-service's pid, for its peak RSS "
                    + "(default: read from .persona/run/recommend-service.pid).")
    Long servicePid;

    /** One strategy at one concurrency: the timed calls, the strategies that served them, cold starts, empties. */
    private record Run(Strategy strategy, int threads, ConcurrentCalls.Run calls, Latency latency,
            StrategyTally used, long coldStarts, long emptyLists) {

        JsonLine json() {
            return latency.addTo(new JsonLine()
                    .put("strategy", StrategyNames.of(strategy))
                    .put("concurrency", threads))
                    .put("requests_per_second", calls.callsPerSecond())
                    .put("strategy_used", used.byName())
                    .put("cold_starts", coldStarts)
                    .put("empty_lists", emptyLists);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        int listSize = k.k();
        if (calls < 1 || warmup < 0) {
            throw CliException.usage("--calls must be 1 or more, --warmup 0 or more");
        }
        List<Strategy> timed = StrategyNames.distinct("--strategies", strategies);
        for (int threads : concurrency) {
            if (threads < 1 || threads > ConcurrentCalls.MAX_THREADS) {
                throw CliException.usage("--concurrency must be 1 to " + ConcurrentCalls.MAX_THREADS + ", got "
                        + threads);
            }
        }
        ConnectionSettings profileSettings = connection.settings();
        ConnectionSettings recommendSettings = connection.recommendSettings();
        String tenant = profileSettings.tenant();
        PrintWriter out = spec.commandLine().getOut();
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        out.println("tenant " + tenant);
        InteractionExport.DistinctIds users;
        try (ProfileConnection profiles = ProfileConnection.open(profileSettings)) {
            users = InteractionExport.distinct(profiles, status, Interaction::getUserId);
        }
        out.printf(Locale.ROOT, "users: %,d distinct in %,d interactions (exported in %.2f s)%n", users.ids().size(),
                users.export().rows(), users.export().seconds());
        out.flush();
        List<Run> runs = new ArrayList<>();
        try (RecommendConnection recommend = RecommendConnection.open(recommendSettings)) {
            for (Strategy strategy : timed) {
                for (int threads : concurrency) {
                    Run run = run(recommend, users, strategy, listSize, threads);
                    out.printf(Locale.ROOT, "%s, %,d calls from %d threads after %,d warm-up: %s, %,.0f requests/s; "
                            + "served by %s (%,d cold starts, %,d empty lists)%n", StrategyNames.of(strategy), calls,
                            threads, warmup, run.latency().describe(),
                            run.calls().callsPerSecond(), run.used().describe(), run.coldStarts(), run.emptyLists());
                    out.flush();
                    runs.add(run);
                }
            }
        }
        PeakRss.Reading peakRss = PeakRss.Reading.of(RecommendConnection.SERVICE, servicePid);
        out.println(peakRss.describe());
        out.println(new JsonLine()
                .put("bench", "recommend")
                .put("tenant", tenant)
                .put("users", users.ids().size())
                .put("k", listSize)
                .put("calls", calls)
                .put("warmup", warmup)
                .put("seed", seed)
                .put("runs", runs.stream().map(Run::json).toList())
                .put("recommend_service_peak_rss_mb", peakRss.megabytes()));
        return ExitCodes.OK;
    }

    /** --warmup untimed calls, then --calls timed ones, for users drawn with --seed afresh (the same every run). */
    private Run run(RecommendConnection recommend, InteractionExport.DistinctIds users, Strategy strategy,
            int listSize, int threads) throws InterruptedException {
        Random random = new Random(seed);
        String[] warmupUsers = users.draw(warmup, random);
        String[] timedUsers = users.draw(calls, random);
        ConcurrentCalls.run(warmup, threads, i -> recommend.unary().recommend(request(warmupUsers[i], listSize,
                strategy)));
        StrategyTally used = new StrategyTally();
        LongAdder coldStarts = new LongAdder();
        LongAdder emptyLists = new LongAdder();
        ConcurrentCalls.Run timed = ConcurrentCalls.run(calls, threads, i -> {
            RecommendResponse response = recommend.unary().recommend(request(timedUsers[i], listSize, strategy));
            used.add(response.getStrategyUsed());
            if (response.getColdStart()) {
                coldStarts.increment();
            }
            if (response.getRecommendationsCount() == 0) {
                emptyLists.increment();
            }
        });
        return new Run(strategy, threads, timed, Latency.of(timed.nanos()), used, coldStarts.sum(),
                emptyLists.sum());
    }

    private static RecommendRequest request(String userId, int k, Strategy strategy) {
        return RecommendRequest.newBuilder().setUserId(userId).setK(k).setStrategy(strategy).build();
    }
}
