package dev.persona.cli.eval;

import dev.persona.api.v1.KCandidate;
import dev.persona.api.v1.Segment;
import dev.persona.api.v1.Segmentation;
import dev.persona.cli.bench.JsonLine;
import dev.persona.cli.segments.SegmentationPrinter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outcome of {@code persona eval segments}: a Markdown report and a JSON line. */
final class SegmentsReport {

    private final Path csv;
    private final RetailData data;
    private final LocalDate reference;
    private final RetailData.Rfm rfm;
    private final long seed;
    private final List<SegmentsEvalCommand.KResult> results;
    private final SegmentsEvalCommand.Reproduction reproduction;
    private final Segmentation auto;
    private final Segmentation rfmScores;
    private final Pca pca;
    private final Map<String, String> segmentOf;
    private final String sweepChart;
    private final String pcaChart;

    SegmentsReport(Path csv, RetailData data, LocalDate reference, RetailData.Rfm rfm, long seed,
            List<SegmentsEvalCommand.KResult> results, SegmentsEvalCommand.Reproduction reproduction,
            Segmentation auto, Segmentation rfmScores, Pca pca, Map<String, String> segmentOf, String sweepChart,
            String pcaChart) {
        this.csv = csv;
        this.data = data;
        this.reference = reference;
        this.rfm = rfm;
        this.seed = seed;
        this.results = List.copyOf(results);
        this.reproduction = reproduction;
        this.auto = auto;
        this.rfmScores = rfmScores;
        this.pca = pca;
        this.segmentOf = segmentOf;
        this.sweepChart = sweepChart;
        this.pcaChart = pcaChart;
    }

    long passed() {
        return results.stream().filter(SegmentsEvalCommand.KResult::pass).count();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Customer segmentation: ").append(fileName()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%,d transactions of %,d customers, %s to %s. Per customer: R = days "
                + "from the last purchase to %s (the day after the last date), F = transactions, M = sum of amounts; "
                + "log1p, then z-score (population standard deviation). Built through segment-service on the data "
                + "imported into the tenant with `persona import transactions`; K-Means with k-means++ seeding, "
                + "n_init %d, seed %d.%n%n", data.transactions(), data.customers(), data.firstDate(),
                data.lastDate(), reference, SegmentsEvalCommand.N_INIT, seed));
        Segmentation any = results.isEmpty() ? auto : results.get(0).segmentation();
        if (any.getUsers() != rfm.customers().size()) {
            md.append(String.format(Locale.ROOT, "**Note:** the segmentation holds %,d users (%,d skipped) but the "
                    + "file %,d customers: was the file imported into this tenant, and only it?%n%n",
                    any.getUsers(), any.getUsersSkipped(), rfm.customers().size()));
        }
        md.append("## K-Means against scikit-learn\n\n");
        md.append(String.format(Locale.ROOT, "Pass: SSE at most the reference × (1 + %.0e), and silhouette within "
                + "%.3f of the reference or higher. %d of %d pass.%n%n", SegmentsEvalCommand.SSE_TOLERANCE,
                SegmentsEvalCommand.SILHOUETTE_TOLERANCE, passed(), results.size()));
        List<List<String>> rows = new ArrayList<>();
        for (SegmentsEvalCommand.KResult r : results) {
            rows.add(List.of(Integer.toString(r.k()), fixed(r.segmentation().getSse(), 2), fixed(r.referenceSse(), 2),
                    fixed(r.segmentation().getSilhouette(), 4), fixed(r.referenceSilhouette(), 4),
                    r.pass() ? "pass" : "**fail**", fixed(r.seconds(), 2), r.segmentation().getSegmentationId()));
        }
        md.append(Markdown.table(List.of("k", "SSE", "reference SSE", "silhouette", "reference silhouette", "result",
                "build (s)", "segmentation"), rows, true, true, true, true, true, false, true, false)).append('\n');
        md.append("## Reproducibility\n\n").append(reproduction.describe()).append(".\n\n");
        md.append("## Automatic k\n\n");
        md.append(String.format(Locale.ROOT, "k = 0 over [%d, %d]: the service chose k = %d (%s), segmentation %s.%n%n",
                SegmentsEvalCommand.AUTO_K_MIN, SegmentsEvalCommand.AUTO_K_MAX, auto.getKSelection().getChosenK(),
                auto.getKSelection().getMethod(), auto.getSegmentationId()));
        List<List<String>> candidates = new ArrayList<>();
        for (KCandidate c : auto.getKSelection().getCandidatesList()) {
            candidates.add(List.of(Integer.toString(c.getK()), fixed(c.getSse(), 2), fixed(c.getSilhouette(), 4),
                    c.getK() == auto.getKSelection().getChosenK() ? "chosen" : ""));
        }
        md.append(Markdown.table(List.of("k", "SSE", "silhouette", ""), candidates, true, true, true, false))
                .append('\n');
        md.append(segmentTable(auto)).append('\n');
        md.append("## RFM scores\n\n");
        md.append(String.format(Locale.ROOT, "Segmentation %s: quintile scores of recency, frequency and monetary "
                + "value, named segments; %,d users.%n%n", rfmScores.getSegmentationId(), rfmScores.getUsers()));
        md.append(segmentTable(rfmScores)).append('\n');
        md.append("## Charts\n\n");
        md.append("SSE and silhouette against k, ours and the reference:\n\n![SSE and silhouette against k](")
                .append(sweepChart).append(")\n\n");
        md.append(String.format(Locale.ROOT, "Customers on the first two principal components of the scaled RFM "
                + "(computed here from the file: %.1f %% and %.1f %% of the variance), coloured by their segment in "
                + "%s (membership from ListSegmentMembers; %,d of %,d customers found in it):%n%n",
                100 * pca.explained(0), 100 * pca.explained(1), auto.getSegmentationId(), assigned(),
                rfm.customers().size()));
        md.append("![Customers on the first two principal components](").append(pcaChart).append(")\n");
        return md.toString();
    }

    private long assigned() {
        return rfm.customers().stream().filter(segmentOf::containsKey).count();
    }

    private static String segmentTable(Segmentation s) {
        List<String> features = SegmentationPrinter.centroidNames(s);
        List<String> headers = new ArrayList<>(List.of("segment", "label", "size"));
        headers.addAll(features);
        headers.add("description");
        List<List<String>> rows = new ArrayList<>();
        for (Segment segment : s.getSegmentsList()) {
            List<String> row = new ArrayList<>(List.of(segment.getSegmentId(), segment.getLabel(),
                    String.format(Locale.ROOT, "%,d", segment.getSize())));
            for (String feature : features) {
                Double value = segment.getCentroidMap().get(feature);
                row.add(value == null ? "-" : SegmentationPrinter.number(value));
            }
            row.add(segment.getDescription());
            rows.add(row);
        }
        boolean[] right = new boolean[headers.size()];
        for (int i = 2; i < headers.size() - 1; i++) {
            right[i] = true;
        }
        return Markdown.table(headers, rows, right);
    }

    String json(String reportPath) {
        List<JsonLine> ks = results.stream().map(SegmentsEvalCommand::kJson).toList();
        return new JsonLine()
                .put("eval", "segments")
                .put("file", fileName())
                .put("transactions", data.transactions())
                .put("customers", data.customers())
                .put("users", results.isEmpty() ? auto.getUsers() : results.get(0).segmentation().getUsers())
                .put("seed", seed)
                .put("n_init", SegmentsEvalCommand.N_INIT)
                .put("k", ks)
                .put("passed", passed())
                .put("all_pass", passed() == results.size())
                .put("repeat_k", reproduction.k())
                .put("repeat_identical", reproduction.identical())
                .put("chosen_k", auto.getKSelection().getChosenK())
                .put("chosen_sse", auto.getSse(), 2)
                .put("chosen_silhouette", auto.getSilhouette(), 4)
                .put("rfm_segments", rfmScores.getSegmentsCount())
                .put("pca_explained_1", pca.explained(0), 4)
                .put("pca_explained_2", pca.explained(1), 4)
                .put("report", reportPath)
                .toString();
    }

    private String fileName() {
        Path name = csv.getFileName();
        return name == null ? csv.toString() : name.toString();
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
