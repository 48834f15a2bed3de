package dev.persona.cli.bench;

import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.BuildResult;
import dev.persona.api.v1.Entity;
import dev.persona.api.v1.Interaction;
import dev.persona.api.v1.Metric;
import dev.persona.api.v1.Neighbor;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.ConnectionSettings;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.grpc.SimilarityConnection;
import dev.persona.cli.neighbors.BuildOptions;
import dev.persona.cli.neighbors.NeighborBuild;
import dev.persona.cli.neighbors.NeighborList;
import dev.persona.cli.neighbors.NeighborNames;
import java.io.PrintWriter;
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
 * {@code persona bench neighbors}: build time of the neighbour lists, then latency and throughput of reading them.
 * All callers share one channel: gRPC multiplexes the calls over its HTTP/2 connection.
 */
@Command(name = "neighbors",
        description = {"Times BuildNeighbors, then GetSimilarItems (or GetSimilarUsers) under concurrent load.",
                "Builds the neighbour lists of the tenant's log --builds times and reports each build's time, as "
                + "measured here and by the service, and their median. Then reads the distinct ids of the log "
                + "(ExportInteractions of profile-service) and makes --calls GetSimilarItems (GetSimilarUsers for "
                + "--entity user) calls of ids drawn at random, from --concurrency threads, after --warmup untimed "
                + "ones: p50, p90, p99 and max in milliseconds, and requests/s. The tenant's data stays as it is."})
public final class NeighborsBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    BuildOptions build;

    @Option(names = "--entity", paramLabel = "<entity>", defaultValue = "item",
            converter = NeighborNames.EntityConverter.class, completionCandidates = NeighborNames.Entities.class,
            description = "Neighbours of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Entity entity;

    @Option(names = "--threads", paramLabel = "<n>", defaultValue = "2",
            description = "Worker threads of each build; 0 leaves it to the service (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--builds", paramLabel = "<n>", defaultValue = "3",
            description = "Builds to time (default: ${DEFAULT-VALUE}).")
    int builds;

    @Option(names = "--calls", paramLabel = "<n>", defaultValue = "20000",
            description = "Timed reads (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--concurrency", paramLabel = "<n>", defaultValue = "8",
            description = "Client threads making the reads (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--warmup", paramLabel = "<n>", defaultValue = "2000",
            description = "Untimed reads first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--query-k", paramLabel = "<k>", defaultValue = "10",
            description = "Neighbours asked for by each read (default: ${DEFAULT-VALUE}).")
    int queryK;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the random choice of ids (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--service-pid", paramLabel = "<pid>",
            description = "similarity-service's pid, for its peak RSS "
                    + "(default: read from .persona/run/similarity-service.pid).")
    Long servicePid;

    @Override
    public Integer call() throws InterruptedException {
        if (builds < 1 || calls < 1 || warmup < 0 || concurrency < 1 || concurrency > ConcurrentCalls.MAX_THREADS) {
            throw CliException.usage("--builds and --calls must be 1 or more, --warmup 0 or more, --concurrency 1 to "
                    + ConcurrentCalls.MAX_THREADS);
        }
        if (queryK < 1 || queryK > BuildOptions.MAX_K) {
            throw CliException.usage("--query-k must be 1 to " + BuildOptions.MAX_K + ", got " + queryK);
        }
        BuildNeighborsRequest request = build.request(entity, threads);
        ConnectionSettings profileSettings = connection.settings();
        ConnectionSettings similaritySettings = connection.similaritySettings();
        String tenant = profileSettings.tenant();
        PrintWriter out = spec.commandLine().getOut();
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        out.println("tenant " + tenant);
        Builds timed;
        InteractionExport.DistinctIds ids;
        Reads reads;
        double topOneSum;
        try (SimilarityConnection similarity = SimilarityConnection.open(similaritySettings);
                ProfileConnection profiles = ProfileConnection.open(profileSettings)) {
            timed = build(similarity, request, out, status);
            ids = distinctIds(profiles, out, status);
            reads = read(similarity, ids);
            topOneSum = topOneSum(similarity, ids);
        }
        BuildResult last = timed.last().result();
        Percentiles buildTimes = Percentiles.of(timed.millis());
        Percentiles serverBuildTimes = Percentiles.of(timed.serverMillis());
        Latency latency = Latency.of(reads.run().nanos());
        double requestsPerSecond = reads.run().callsPerSecond();
        PeakRss.Reading peakRss = PeakRss.Reading.of(SimilarityConnection.SERVICE, servicePid);

        out.printf(Locale.ROOT, "builds: median %.3f s (%.3f s by the service)%n", buildTimes.at(50) / 1e3,
                serverBuildTimes.at(50) / 1e3);
        out.printf(Locale.ROOT, "%s, %,d calls from %d threads after %,d warm-up: %s, %,.0f requests/s "
                + "(%,d empty lists)%n", entity == Entity.ENTITY_USER ? "GetSimilarUsers" : "GetSimilarItems", calls,
                concurrency, warmup, latency.describe(), requestsPerSecond, reads.emptyLists());
        out.println(peakRss.describe());
        out.printf(Locale.ROOT, "sum over %,d %ss of the top-1 similarity: %.4f%n", ids.ids().size(),
                NeighborNames.of(entity), topOneSum);
        out.println(latency.addTo(new JsonLine()
                .put("bench", "neighbors")
                .put("tenant", tenant)
                .put("entity", NeighborNames.of(entity))
                .put("metric", NeighborNames.of(request.getMetric()))
                .put("k", request.getK())
                .put("threads", threads)
                .put("builds", builds)
                .put("generation", last.getGeneration())
                .put("entities", last.getEntities())
                .put("pairs", last.getPairs())
                .put("build_ms", timed.millis())
                .put("build_server_ms", timed.serverMillis())
                .put("build_median_ms", buildTimes.at(50))
                .put("build_server_median_ms", serverBuildTimes.at(50))
                .put("ids", ids.ids().size())
                .put("calls", calls)
                .put("concurrency", concurrency)
                .put("warmup", warmup)
                .put("query_k", queryK)
                .put("empty_lists", reads.emptyLists()))
                .put("requests_per_second", requestsPerSecond)
                .put("similarity_service_peak_rss_mb", peakRss.megabytes())
                .put("top1_sum", Math.round(topOneSum * 1e4) / 1e4));
        return ExitCodes.OK;
    }

    /** The builds' times in milliseconds, measured here and by the service, and the last build. */
    private record Builds(long[] millis, long[] serverMillis, NeighborBuild.Built last) {
    }

    /** The timed reads, and how many of them gave an empty list. */
    private record Reads(ConcurrentCalls.Run run, long emptyLists) {
    }

    private Builds build(SimilarityConnection similarity, BuildNeighborsRequest request, PrintWriter out,
            StatusLine status) {
        long[] millis = new long[builds];
        long[] serverMillis = new long[builds];
        NeighborBuild.Built built = null;
        for (int b = 0; b < builds; b++) {
            built = NeighborBuild.run(similarity, request, status);
            millis[b] = built.elapsed().toMillis();
            serverMillis[b] = built.result().getElapsedMs();
            out.printf(Locale.ROOT, "build %d/%d: %s%n", b + 1, builds, built.summary());
            out.flush();
        }
        return new Builds(millis, serverMillis, built);
    }

    /** The distinct ids of the entity in the log, in the order of their first interaction. */
    private InteractionExport.DistinctIds distinctIds(ProfileConnection profiles, PrintWriter out,
            StatusLine status) {
        InteractionExport.DistinctIds distinct = InteractionExport.distinct(profiles, status,
                entity == Entity.ENTITY_USER ? Interaction::getUserId : Interaction::getItemId);
        out.printf(Locale.ROOT, "ids: %,d distinct %ss in %,d interactions (exported in %.2f s)%n",
                distinct.ids().size(), NeighborNames.of(entity), distinct.export().rows(),
                distinct.export().seconds());
        out.flush();
        return distinct;
    }

    /** --warmup untimed reads, then --calls timed ones, of ids drawn at random with --seed. */
    private Reads read(SimilarityConnection similarity, InteractionExport.DistinctIds ids)
            throws InterruptedException {
        Metric metric = build.scoring().metric();
        Random random = new Random(seed);
        String[] warmupIds = ids.draw(warmup, random);
        String[] timedIds = ids.draw(calls, random);
        ConcurrentCalls.run(warmup, concurrency,
                i -> NeighborList.fetch(similarity.unary(), entity, warmupIds[i], queryK, metric));
        LongAdder empty = new LongAdder();
        ConcurrentCalls.Run run = ConcurrentCalls.run(calls, concurrency, i -> {
            if (NeighborList.fetch(similarity.unary(), entity, timedIds[i], queryK, metric).neighbors().isEmpty()) {
                empty.increment();
            }
        });
        return new Reads(run, empty.sum());
    }

    /**
     * The sum over every id of its best neighbour's score (0 for an empty list): one number that an independent
     * computation of the same lists can be checked against.
     */
    private double topOneSum(SimilarityConnection similarity, InteractionExport.DistinctIds ids) {
        Metric metric = build.scoring().metric();
        double sum = 0;
        for (String id : ids.ids()) {
            List<Neighbor> top = NeighborList.fetch(similarity.unary(), entity, id, 1, metric).neighbors();
            sum += top.isEmpty() ? 0 : top.get(0).getScore();
        }
        return sum;
    }
}
