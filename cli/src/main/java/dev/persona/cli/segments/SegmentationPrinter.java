package dev.persona.cli.segments;

import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.KCandidate;
import dev.persona.api.v1.Segment;
import dev.persona.api.v1.Segmentation;
import dev.persona.cli.InstantOption;
import dev.persona.cli.console.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A segmentation as a marketer reads it: the figures, the k selection when there was one, a table of segments. */
public final class SegmentationPrinter {

    private SegmentationPrinter() {
    }

    public static void print(Segmentation s, PrintWriter out) {
        out.printf(Locale.ROOT, "segmentation %s: %s, %d segments, %,d users (%,d skipped)%n", s.getSegmentationId(),
                SegmentNames.of(s.getAlgorithm()), s.getSegmentsCount(), s.getUsers(), s.getUsersSkipped());
        out.printf(Locale.ROOT, "features %s, scaling %s, seed %d, n_init %d, as of %s, created %s%n",
                String.join(",", s.getFeaturesList()), SegmentNames.of(s.getScaling()), s.getSeed(), s.getNInit(),
                InstantOption.format(s.getAsOf()), InstantOption.format(s.getCreatedAt()));
        if (s.getAlgorithm() != Algorithm.ALGORITHM_RFM_SCORES) {
            out.printf(Locale.ROOT, "sse %.4f, silhouette %.4f%n", s.getSse(), s.getSilhouette());
        }
        if (s.hasKSelection() && s.getKSelection().getCandidatesCount() > 0) {
            out.printf(Locale.ROOT, "k chosen automatically: %d (%s)%n", s.getKSelection().getChosenK(),
                    s.getKSelection().getMethod());
            TextTable candidates = new TextTable("k", "sse", "silhouette", "").alignRight(0, 1, 2);
            for (KCandidate candidate : s.getKSelection().getCandidatesList()) {
                candidates.row(candidate.getK(), String.format(Locale.ROOT, "%.4f", candidate.getSse()),
                        String.format(Locale.ROOT, "%.4f", candidate.getSilhouette()),
                        candidate.getK() == s.getKSelection().getChosenK() ? "chosen" : "");
            }
            candidates.print(out);
        }
        segments(s).print(out);
        out.flush();
    }

    /** One row per segment: id, label, size, the centroid per feature, the description. */
    public static TextTable segments(Segmentation s) {
        List<String> features = centroidNames(s);
        List<String> headers = new ArrayList<>(List.of("segment", "label", "size"));
        headers.addAll(features);
        headers.add("description");
        TextTable table = new TextTable(headers.toArray(String[]::new));
        int[] numeric = new int[features.size() + 1];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = 2 + i;
        }
        table.alignRight(numeric);
        for (Segment segment : s.getSegmentsList()) {
            table.row((Object[]) cells(segment, features).toArray(String[]::new));
        }
        return table;
    }

    static List<String> cells(Segment segment, List<String> features) {
        List<String> cells = new ArrayList<>(List.of(segment.getSegmentId(), segment.getLabel(),
                String.format(Locale.ROOT, "%,d", segment.getSize())));
        for (String feature : features) {
            Double value = segment.getCentroidMap().get(feature);
            cells.add(value == null ? "-" : number(value));
        }
        cells.add(segment.getDescription());
        return cells;
    }

    /** The segmentation's features in order, then any other centroid key (RFM scores name their own). */
    public static List<String> centroidNames(Segmentation s) {
        Set<String> names = new LinkedHashSet<>(s.getFeaturesList());
        s.getSegmentsList().stream().flatMap(segment -> segment.getCentroidMap().keySet().stream()).sorted()
                .forEach(names::add);
        return List.copyOf(names);
    }

    /** A centroid value: two decimals, thousands separated. */
    public static String number(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
