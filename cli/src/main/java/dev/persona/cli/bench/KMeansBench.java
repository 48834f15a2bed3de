package dev.persona.cli.bench;

import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.Segmentation;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.SegmentConnection;
import dev.persona.cli.segments.SegmentNames;
import dev.persona.cli.segments.SegmentationBuild;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code persona bench kmeans}: end-to-end time of BuildSegmentation on the tenant's data. */
@Command(name = "kmeans",
        description = {"Times BuildSegmentation end to end on the data already imported into the tenant.",
                "Builds --runs segmentations with the same request (by default K-Means choosing k by silhouette over "
                + "[--k-min, --k-max], the service's default restarts) and times each call from here, loading, "
                + "clustering, silhouette and storing included. The first run is reported apart as the cold one; "
                + "min and median are over the others (over the only one when --runs is 1). Each run stores a "
                + "segmentation in the tenant. The last line of output is JSON."})
public final class KMeansBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--runs", paramLabel = "<n>", defaultValue = "5",
            description = "Builds to time, 1 to 1,000 (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--algorithm", paramLabel = "<algorithm>", defaultValue = "kmeans",
            converter = SegmentNames.AlgorithmConverter.class, completionCandidates = SegmentNames.Algorithms.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Algorithm algorithm;

    @Option(names = "--k", paramLabel = "<k>", defaultValue = "0",
            description = "Segments; 0 chooses k over [--k-min, --k-max] (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--k-min", paramLabel = "<k>", defaultValue = "2",
            description = "Smallest k tried (default: ${DEFAULT-VALUE}).")
    int kMin;

    @Option(names = "--k-max", paramLabel = "<k>", defaultValue = "10",
            description = "Largest k tried (default: ${DEFAULT-VALUE}).")
    int kMax;

    @Option(names = "--n-init", paramLabel = "<n>", defaultValue = "0",
            description = "K-Means restarts; 0 is the service's default, 10 (default: ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "0",
            description = "Seed of every build (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (runs < 1 || runs > 1_000) {
            throw CliException.usage("--runs must be 1 to 1000, got " + runs);
        }
        if (k < 0 || k > 100 || kMin < 2 || kMax > 100 || kMax < kMin || nInit < 0) {
            throw CliException.usage("--k must be 0 to 100, --k-min 2 or more, --k-max --k-min to 100, "
                    + "--n-init 0 or more");
        }
        BuildSegmentationRequest request = BuildSegmentationRequest.newBuilder()
                .setAlgorithm(algorithm)
                .setK(k)
                .setKMin(kMin)
                .setKMax(kMax)
                .setNInit(nInit)
                .setSeed(seed)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        double[] seconds = new double[runs];
        Segmentation last = null;
        String tenant;
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            tenant = segments.settings().tenant();
            out.println("tenant " + tenant);
            out.flush();
            for (int run = 0; run < runs; run++) {
                SegmentationBuild.Built built = SegmentationBuild.run(segments, request, status);
                seconds[run] = built.seconds();
                last = built.segmentation();
                out.printf(Locale.ROOT, "run %d/%d%s: %.3f s, %s, %,d users, k %d, sse %.4f, silhouette %.4f%n",
                        run + 1, runs, run == 0 ? " (cold)" : "", seconds[run], last.getSegmentationId(),
                        last.getUsers(), last.getSegmentsCount(), last.getSse(), last.getSilhouette());
                out.flush();
            }
        }
        double[] warm = runs == 1 ? seconds : Arrays.copyOfRange(seconds, 1, runs);
        double min = Arrays.stream(warm).min().orElseThrow();
        double median = median(warm);
        out.printf(Locale.ROOT, "%s on %,d users (%,d skipped), k %d%s: cold %.3f s; over %d warm run%s min %.3f s, "
                + "median %.3f s%n", SegmentNames.of(last.getAlgorithm()), last.getUsers(), last.getUsersSkipped(),
                last.getSegmentsCount(), k == 0 ? " chosen over [" + kMin + ", " + kMax + "]" : "", seconds[0],
                warm.length, warm.length == 1 ? "" : "s", min, median);
        out.println(new JsonLine()
                .put("bench", "kmeans")
                .put("tenant", tenant)
                .put("algorithm", SegmentNames.of(last.getAlgorithm()))
                .put("users", last.getUsers())
                .put("users_skipped", last.getUsersSkipped())
                .put("k", last.getSegmentsCount())
                .put("k_min", k == 0 ? kMin : k)
                .put("k_max", k == 0 ? kMax : k)
                .put("n_init", last.getNInit())
                .put("runs", runs)
                .put("cold_s", seconds[0])
                .put("min_s", min)
                .put("median_s", median)
                .put("sse", last.getSse(), 4)
                .put("silhouette", last.getSilhouette(), 4));
        out.flush();
        return ExitCodes.OK;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
