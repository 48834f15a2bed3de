package dev.persona.cli.segments;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.FeatureScaling;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InstantOption;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.SegmentConnection;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code persona segments build}: BuildSegmentation, progress on stderr, then the segmentation. */
@Command(name = "build",
        description = {"Builds a segmentation of the tenant's customers (BuildSegmentation).",
                "K-Means (k-means++ seeding, the best of --n-init restarts), hierarchical (Ward) or RFM scores, on "
                + "the features measured at --as-of. With --k 0 (the default) the service tries every k in "
                + "[--k-min, --k-max] and keeps the best by silhouette. Progress goes to stderr; the segmentation "
                + "(figures, k selection, segments with their centroids in the features' units) to stdout."})
public final class SegmentsBuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--algorithm", paramLabel = "<algorithm>", defaultValue = "kmeans",
            converter = SegmentNames.AlgorithmConverter.class, completionCandidates = SegmentNames.Algorithms.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); rfm ignores k, features, n-init "
                    + "and scaling.")
    Algorithm algorithm;

    @Option(names = "--k", paramLabel = "<k>", defaultValue = "0",
            description = "Segments, 0 to 100; 0 chooses k by silhouette (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--k-min", paramLabel = "<k>", defaultValue = "0",
            description = "Smallest k tried with --k 0, 2 to 100; 0 means 2 (default: ${DEFAULT-VALUE}).")
    int kMin;

    @Option(names = "--k-max", paramLabel = "<k>", defaultValue = "0",
            description = "Largest k tried with --k 0, up to 100; 0 means 10 (default: ${DEFAULT-VALUE}).")
    int kMax;

    @Option(names = "--features", paramLabel = "<name>", split = ",",
            description = "Feature names, comma-separated (recency_days, frequency, monetary, avg_amount, "
                    + "tenure_days, purchases_90d, purchases_180d, events, mean_rating, attribute:<name>); "
                    + "default recency_days,frequency,monetary.")
    List<String> features;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "0",
            description = "Seed of the seeding and of the silhouette sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--n-init", paramLabel = "<n>", defaultValue = "0",
            description = "K-Means restarts, 1 to 1,000; 0 means 10 (default: ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--max-iterations", paramLabel = "<n>", defaultValue = "0",
            description = "K-Means iterations per restart at most, 1 to 10,000; 0 means 300 "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--scaling", paramLabel = "<scaling>", defaultValue = "log1p-zscore",
            converter = SegmentNames.ScalingConverter.class, completionCandidates = SegmentNames.Scalings.class,
            description = "Feature transform: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FeatureScaling scaling;

    @Option(names = "--as-of", paramLabel = "<time>", converter = InstantOption.Converter.class,
            description = "Clock of the features, " + InstantOption.FORMATS + "; default one day after the latest "
                    + "event of the tenant's log.")
    Timestamp asOf;

    @Override
    public Integer call() {
        BuildSegmentationRequest request = request();
        PrintWriter out = spec.commandLine().getOut();
        SegmentationBuild.Built built;
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            built = SegmentationBuild.run(segments, request, StatusLine.on(spec.commandLine().getErr()));
        }
        SegmentationPrinter.print(built.segmentation(), out);
        out.printf(Locale.ROOT, "built in %.2f s%n", built.seconds());
        return ExitCodes.OK;
    }

    BuildSegmentationRequest request() {
        if (k < 0 || k > 100 || kMin < 0 || kMin > 100 || kMax < 0 || kMax > 100) {
            throw CliException.usage("--k, --k-min and --k-max must be 0 to 100");
        }
        if (kMin > 0 && kMax > 0 && kMax < kMin) {
            throw CliException.usage("--k-max must be at least --k-min, got " + kMax + " < " + kMin);
        }
        if (nInit < 0 || maxIterations < 0) {
            throw CliException.usage("--n-init and --max-iterations must be 0 or more");
        }
        List<String> names = features == null ? List.of() : features.stream().map(String::trim).toList();
        if (names.stream().anyMatch(String::isEmpty)) {
            throw CliException.usage("--features has an empty name");
        }
        if (new HashSet<>(names).size() < names.size()) {
            throw CliException.usage("--features names a feature twice: " + String.join(",", names));
        }
        BuildSegmentationRequest.Builder request = BuildSegmentationRequest.newBuilder()
                .setAlgorithm(algorithm)
                .setK(k)
                .setKMin(kMin)
                .setKMax(kMax)
                .addAllFeatures(names)
                .setSeed(seed)
                .setNInit(nInit)
                .setMaxIterations(maxIterations)
                .setScaling(scaling);
        if (asOf != null) {
            request.setAsOf(asOf);
        }
        return request.build();
    }
}
