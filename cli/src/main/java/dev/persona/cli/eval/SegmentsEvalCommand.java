package dev.persona.cli.eval;

import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.KCandidate;
import dev.persona.api.v1.Segment;
import dev.persona.api.v1.Segmentation;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.bench.JsonLine;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.SegmentConnection;
import dev.persona.cli.segments.SegmentationBuild;
import dev.persona.cli.segments.SegmentationPrinter;
import dev.persona.cli.segments.SegmentsMembersCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona eval segments <transactions csv>}: K-Means on RFM against scikit-learn, through segment-service. */
@Command(name = "segments",
        description = {"Evaluates customer segmentation (RFM, K-Means) through segment-service.",
                "Assumes the file was already imported into the tenant with persona import transactions; it imports "
                + "nothing. Per customer R = days from the last purchase to the day after the file's last date, F = "
                + "transactions, M = sum of amounts; log1p then z-score (the service's defaults). Builds K-Means with "
                + "k = 4..8 (n_init 10, --seed) and compares SSE and silhouette with scikit-learn's figures (pass: "
                + "SSE at most the reference, silhouette within 0.005 or higher); builds one k again to check it is "
                + "reproduced exactly; chooses k over [2, 10]; builds RFM scores. Writes report.md and PNG charts "
                + "(SSE and silhouette against k; customers on the first two principal components of the scaled RFM, "
                + "coloured by segment) into --out; the last line of output is JSON."})
public final class SegmentsEvalCommand implements Callable<Integer> {

    static final int[] KS = {4, 5, 6, 7, 8};
    /** scikit-learn KMeans(n_init=10) on the same features, per k of {@link #KS}. */
    static final double[] REFERENCE_SSE = {6575.95, 5423.98, 4708.85, 4114.94, 3716.71};
    static final double[] REFERENCE_SILHOUETTE = {0.3151, 0.3174, 0.3020, 0.3117, 0.2991};
    static final double SSE_TOLERANCE = 1e-6;
    static final double SILHOUETTE_TOLERANCE = 0.005;
    static final int N_INIT = 10;
    static final int AUTO_K_MIN = 2;
    static final int AUTO_K_MAX = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "<csv>", description = "The transactions file (Retail_Data_Transactions.csv), as "
            + "imported.")
    Path csv;

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "target/eval-segments",
            description = "Where to write report.md and the charts (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
            description = "Seed of every build (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--repeat-k", paramLabel = "<k>", defaultValue = "5",
            description = "The k built a second time to check the result is reproduced (default: ${DEFAULT-VALUE}).")
    int repeatK;

    /** One K-Means build with an explicit k, next to the reference. */
    record KResult(int k, Segmentation segmentation, double seconds, double referenceSse,
            double referenceSilhouette) {

        boolean ssePass() {
            return segmentation.getSse() <= referenceSse * (1 + SSE_TOLERANCE);
        }

        boolean silhouettePass() {
            return Math.abs(segmentation.getSilhouette() - referenceSilhouette) <= SILHOUETTE_TOLERANCE
                    || segmentation.getSilhouette() > referenceSilhouette;
        }

        boolean pass() {
            return ssePass() && silhouettePass();
        }
    }

    @Override
    public Integer call() throws IOException {
        if (repeatK < 2 || repeatK > 100) {
            throw CliException.usage("--repeat-k must be 2 to 100, got " + repeatK);
        }
        PrintWriter out = spec.commandLine().getOut();
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        RetailData data = RetailData.read(csv, status);
        LocalDate reference = data.lastDate().plusDays(1);
        RetailData.Rfm rfm = data.rfm(reference);
        out.printf(Locale.ROOT, "%s: %,d transactions of %,d customers, %s to %s; RFM as of %s%n", csv,
                data.transactions(), data.customers(), data.firstDate(), data.lastDate(), reference);
        out.flush();

        List<KResult> results = new ArrayList<>();
        SegmentationBuild.Built repeat;
        SegmentationBuild.Built auto;
        SegmentationBuild.Built rfmScores;
        Map<String, String> segmentOf = new HashMap<>();
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            for (int i = 0; i < KS.length; i++) {
                SegmentationBuild.Built built = SegmentationBuild.run(segments, kMeans(KS[i]), status);
                KResult result = new KResult(KS[i], built.segmentation(), built.seconds(), REFERENCE_SSE[i],
                        REFERENCE_SILHOUETTE[i]);
                results.add(result);
                out.printf(Locale.ROOT, "k %d: sse %.2f (reference %.2f), silhouette %.4f (reference %.4f): %s, "
                        + "%,d users, %.2f s%n", result.k(), built.segmentation().getSse(), result.referenceSse(),
                        built.segmentation().getSilhouette(), result.referenceSilhouette(),
                        result.pass() ? "pass" : "FAIL", built.segmentation().getUsers(), built.seconds());
                out.flush();
            }
            repeat = SegmentationBuild.run(segments, kMeans(repeatK), status);
            auto = SegmentationBuild.run(segments, BuildSegmentationRequest.newBuilder()
                    .setAlgorithm(Algorithm.ALGORITHM_KMEANS).setK(0).setKMin(AUTO_K_MIN).setKMax(AUTO_K_MAX)
                    .setNInit(N_INIT).setSeed(seed).build(), status);
            out.printf(Locale.ROOT, "automatic k over [%d, %d]: %d (%s)%n", AUTO_K_MIN, AUTO_K_MAX,
                    auto.segmentation().getKSelection().getChosenK(), auto.segmentation().getSegmentationId());
            for (Segment segment : auto.segmentation().getSegmentsList()) {
                for (String user : SegmentsMembersCommand.members(segments,
                        auto.segmentation().getSegmentationId(), segment.getSegmentId())) {
                    segmentOf.put(user, segment.getSegmentId());
                }
            }
            rfmScores = SegmentationBuild.run(segments, BuildSegmentationRequest.newBuilder()
                    .setAlgorithm(Algorithm.ALGORITHM_RFM_SCORES).setSeed(seed).build(), status);
            out.printf(Locale.ROOT, "RFM scores: %d segments (%s)%n", rfmScores.segmentation().getSegmentsCount(),
                    rfmScores.segmentation().getSegmentationId());
            out.flush();
        }
        Segmentation first = results.stream().filter(r -> r.k() == repeatK).map(KResult::segmentation).findFirst()
                .orElse(null);
        Reproduction reproduction = new Reproduction(repeatK, first, repeat.segmentation());
        out.println(reproduction.describe());

        Files.createDirectories(outDir);
        Path sweepChart = outDir.resolve("k-sweep.png");
        Charts.kSweep(sweepChart, "K-Means on log1p-z-scored RFM: SSE and silhouette against k",
                sweepSse(results, auto.segmentation()), sweepSilhouette(results, auto.segmentation()));
        double[][] scaled = RetailData.log1pZscore(rfm.rows());
        Pca pca = Pca.fit(scaled);
        Path pcaChart = outDir.resolve("pca-segments.png");
        Charts.scatter(pcaChart, String.format(Locale.ROOT, "Customers on the first two principal components, "
                + "by segment (automatic k = %d)", auto.segmentation().getSegmentsCount()),
                String.format(Locale.ROOT, "PC1 (%.1f %% of variance)", 100 * pca.explained(0)),
                String.format(Locale.ROOT, "PC2 (%.1f %% of variance)", 100 * pca.explained(1)),
                projected(rfm, scaled, pca, auto.segmentation(), segmentOf));

        SegmentsReport report = new SegmentsReport(csv, data, reference, rfm, seed, results, reproduction,
                auto.segmentation(), rfmScores.segmentation(), pca, segmentOf, sweepChart.getFileName().toString(),
                pcaChart.getFileName().toString());
        Path reportFile = outDir.resolve("report.md");
        Files.writeString(reportFile, report.markdown());
        long passed = results.stream().filter(KResult::pass).count();
        out.printf(Locale.ROOT, "%d of %d k pass; reproduction %s; chosen k %d%n", passed, results.size(),
                reproduction.identical() ? "identical" : "DIFFERENT", auto.segmentation().getKSelection()
                        .getChosenK());
        out.println("report written to " + reportFile);
        out.println(report.json(reportFile.toString()));
        out.flush();
        return ExitCodes.OK;
    }

    private BuildSegmentationRequest kMeans(int k) {
        return BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_KMEANS).setK(k)
                .setNInit(N_INIT).setSeed(seed).build();
    }

    /** The second build of one k against the first: same SSE and the same segment sizes. */
    record Reproduction(int k, Segmentation first, Segmentation second) {

        boolean identical() {
            return first != null && first.getSse() == second.getSse() && sizes(first).equals(sizes(second))
                    && first.getSilhouette() == second.getSilhouette();
        }

        static Map<String, Long> sizes(Segmentation s) {
            Map<String, Long> sizes = new LinkedHashMap<>();
            s.getSegmentsList().forEach(segment -> sizes.put(segment.getSegmentId(), segment.getSize()));
            return sizes;
        }

        String describe() {
            if (first == null) {
                return String.format(Locale.ROOT, "k %d built once more: sse %.6f, sizes %s", k, second.getSse(),
                        sizes(second).values());
            }
            return String.format(Locale.ROOT, "k %d built twice with seed %d: sse %.6f and %.6f, sizes %s and %s: %s",
                    k, second.getSeed(), first.getSse(), second.getSse(), sizes(first).values(),
                    sizes(second).values(), identical() ? "identical" : "DIFFERENT");
        }
    }

    private static List<Charts.Series> sweepSse(List<KResult> results, Segmentation auto) {
        List<Charts.Series> series = new ArrayList<>();
        series.add(new Charts.Series("SSE (ours)", ks(results), results.stream()
                .mapToDouble(r -> r.segmentation().getSse()).toArray()));
        series.add(new Charts.Series("SSE (scikit-learn reference)", ks(results), results.stream()
                .mapToDouble(KResult::referenceSse).toArray()));
        List<KCandidate> candidates = auto.getKSelection().getCandidatesList();
        if (!candidates.isEmpty()) {
            series.add(new Charts.Series("SSE (automatic-k candidates)",
                    candidates.stream().mapToDouble(KCandidate::getK).toArray(),
                    candidates.stream().mapToDouble(KCandidate::getSse).toArray()));
        }
        return series;
    }

    private static List<Charts.Series> sweepSilhouette(List<KResult> results, Segmentation auto) {
        List<Charts.Series> series = new ArrayList<>();
        series.add(new Charts.Series("silhouette (ours)", ks(results), results.stream()
                .mapToDouble(r -> r.segmentation().getSilhouette()).toArray()));
        series.add(new Charts.Series("silhouette (scikit-learn reference)", ks(results), results.stream()
                .mapToDouble(KResult::referenceSilhouette).toArray()));
        List<KCandidate> candidates = auto.getKSelection().getCandidatesList();
        if (!candidates.isEmpty()) {
            series.add(new Charts.Series("silhouette (automatic-k candidates)",
                    candidates.stream().mapToDouble(KCandidate::getK).toArray(),
                    candidates.stream().mapToDouble(KCandidate::getSilhouette).toArray()));
        }
        return series;
    }

    private static double[] ks(List<KResult> results) {
        return results.stream().mapToDouble(KResult::k).toArray();
    }

    /** The customers' first two principal coordinates, grouped by their segment (labelled "id: label"). */
    static Map<String, double[][]> projected(RetailData.Rfm rfm, double[][] scaled, Pca pca, Segmentation s,
            Map<String, String> segmentOf) {
        Map<String, String> names = new LinkedHashMap<>();
        s.getSegmentsList().forEach(segment -> names.put(segment.getSegmentId(), segment.getSegmentId() + ": "
                + segment.getLabel()));
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        names.values().forEach(name -> points.put(name, new ArrayList<>()));
        String unassigned = "not in the segmentation";
        for (int i = 0; i < scaled.length; i++) {
            String segment = segmentOf.get(rfm.customers().get(i));
            String name = segment == null ? unassigned : names.getOrDefault(segment, segment);
            points.computeIfAbsent(name, n -> new ArrayList<>()).add(pca.project(scaled[i], 2));
        }
        Map<String, double[][]> groups = new LinkedHashMap<>();
        points.forEach((name, list) -> groups.put(name, new double[][] {
            list.stream().mapToDouble(p -> p[0]).toArray(), list.stream().mapToDouble(p -> p[1]).toArray()}));
        return groups;
    }

    static String centroidNumber(double value) {
        return SegmentationPrinter.number(value);
    }

    static JsonLine kJson(KResult r) {
        return new JsonLine().put("k", r.k()).put("sse", r.segmentation().getSse(), 2)
                .put("ref_sse", r.referenceSse(), 2).put("silhouette", r.segmentation().getSilhouette(), 4)
                .put("ref_silhouette", r.referenceSilhouette(), 4).put("seconds", r.seconds())
                .put("pass", r.pass());
    }
}
