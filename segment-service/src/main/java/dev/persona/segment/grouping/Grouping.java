package dev.persona.segment.grouping;

import dev.persona.segment.describe.SegmentDescriber;
import dev.persona.segment.describe.SegmentDescription;
import dev.persona.segment.features.FeatureMatrix;
import dev.persona.segment.features.FeatureTable;
import dev.persona.segment.grouping.Grouped.Candidate;
import dev.persona.segment.grouping.Grouped.Placement;
import dev.persona.segment.grouping.Grouped.Segment;
import dev.persona.segment.grouping.GroupingParams.Method;
import dev.persona.segment.hierarchy.Ward;
import dev.persona.segment.hierarchy.WardResult;
import dev.persona.segment.kmeans.KMeans;
import dev.persona.segment.kmeans.KMeansParams;
import dev.persona.segment.kmeans.KMeansResult;
import dev.persona.segment.kmeans.MiniBatchKMeans;
import dev.persona.segment.kmeans.Points;
import dev.persona.segment.kmeans.Silhouette;
import dev.persona.segment.rfm.RfmScores;
import dev.persona.segment.rfm.RfmSegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups users: K-Means (mini-batch above a size), Ward linkage, or RFM scores; with k given or chosen by the
 * highest mean silhouette over [kMin, kMax] (ties go to the smaller k); then names and describes the segments.
 * Deterministic for a seed. Plain Java: the service feeds it features and stores what it returns.
 */
public final class Grouping {

    /** How the chosen k is explained in results. */
    public static final String METHOD = "highest mean silhouette; ties go to the smaller k";

    /** Told how far the work is: phase, units done, units in the phase (0 unknown), loss (0 when none). */
    public interface Progress {
        void report(String phase, long done, long total, double loss);
    }

    private Grouping() {
    }

    /**
     * Clusters the rows of a feature matrix (K-Means or Ward).
     *
     * @throws IllegalArgumentException when there are fewer rows than segments asked for (message says so)
     */
    public static Grouped cluster(FeatureMatrix features, GroupingParams params, Progress progress) {
        if (params.method() == Method.RFM_SCORES) {
            throw new IllegalArgumentException("RFM scores are grouped by rfm(), not cluster()");
        }
        int n = features.rows();
        int d = features.columns();
        int needed = params.automaticK() ? params.kMin() : params.k();
        if (n < needed) {
            throw new IllegalArgumentException(n + " users have every feature, fewer than the " + needed
                    + " segments asked for; lower k (or k_min) or choose features more users have");
        }
        double[][] rows = features.toRowMajor();
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        Points points = Points.of(flat, n, d);
        Silhouette silhouette = new Silhouette(params.threads(), Silhouette.DEFAULT_MAX_EXACT, params.seed());
        String note = "";
        WardResult ward = null;
        if (params.method() == Method.HIERARCHICAL) {
            progress.report("cluster", 0, 1, 0);
            ward = new Ward(params.wardExactMax(), params.seed()).fit(rows);
            if (ward.sampled()) {
                note = "Ward linkage on a seeded sample of " + params.wardExactMax() + " of " + n
                        + " users; the others joined the nearest sample cluster";
            }
            progress.report("cluster", 1, 1, 0);
        }
        int[] labels;
        int k;
        List<Candidate> candidates = new ArrayList<>();
        double bestSilhouette;
        if (params.automaticK()) {
            int kMax = Math.min(params.kMax(), n - 1);
            int[] bestLabels = null;
            bestSilhouette = Double.NEGATIVE_INFINITY;
            int bestK = 0;
            for (int kk = params.kMin(); kk <= Math.max(kMax, params.kMin()); kk++) {
                String phase = "cluster k=" + kk;
                int[] l = labels(points, ward, kk, params, phase, progress);
                double sse = sse(points, l, scaledCentroids(points, l, kk));
                progress.report("silhouette", 0, 1, 0);
                double s = silhouette.mean(points, l, kk);
                progress.report("silhouette", 1, 1, 0);
                candidates.add(new Candidate(kk, sse, s));
                if (s > bestSilhouette) {
                    bestSilhouette = s;
                    bestLabels = l;
                    bestK = kk;
                }
            }
            labels = bestLabels;
            k = bestK;
        } else {
            k = params.k();
            labels = labels(points, ward, k, params, "cluster", progress);
            progress.report("silhouette", 0, 1, 0);
            bestSilhouette = k >= 2 ? silhouette.mean(points, labels, k) : 0;
            progress.report("silhouette", 1, 1, 0);
        }
        double[][] centroids = scaledCentroids(points, labels, k);
        double sse = sse(points, labels, centroids);
        return finish(features, labels, k, centroids, sse, bestSilhouette, candidates, note, params.method());
    }

    private static int[] labels(Points points, WardResult ward, int k, GroupingParams params, String phase,
                                Progress progress) {
        if (ward != null) {
            return ward.cut(k);
        }
        progress.report(phase, 0, params.nInit(), 0);
        KMeansParams kp = new KMeansParams(k, params.seed(), params.nInit(), params.maxIterations(),
                GroupingParams.TOLERANCE);
        KMeansResult fit = points.n() > params.miniBatchAbove()
                ? new MiniBatchKMeans(GroupingParams.MINI_BATCH_SIZE, params.threads()).fit(points, kp)
                : new KMeans(params.threads()).fit(points, kp);
        progress.report(phase, params.nInit(), params.nInit(), fit.sse());
        return fit.assignment();
    }

    /** Mean scaled point of each cluster. */
    static double[][] scaledCentroids(Points points, int[] labels, int k) {
        int d = points.d();
        double[][] c = new double[k][d];
        int[] count = new int[k];
        for (int i = 0; i < labels.length; i++) {
            count[labels[i]]++;
            for (int j = 0; j < d; j++) {
                c[labels[i]][j] += points.get(i, j);
            }
        }
        for (int s = 0; s < k; s++) {
            for (int j = 0; j < d; j++) {
                c[s][j] = count[s] == 0 ? 0 : c[s][j] / count[s];
            }
        }
        return c;
    }

    /** Sum of squared distances of each point to its cluster's centroid. */
    static double sse(Points points, int[] labels, double[][] c) {
        double sse = 0;
        for (int i = 0; i < labels.length; i++) {
            sse += squared(points, i, c[labels[i]]);
        }
        return sse;
    }

    private static double squared(Points points, int i, double[] centre) {
        double s = 0;
        for (int j = 0; j < centre.length; j++) {
            double diff = points.get(i, j) - centre[j];
            s += diff * diff;
        }
        return s;
    }

    private static Grouped finish(FeatureMatrix features, int[] labels, int k, double[][] scaled, double sse,
                                  double silhouette, List<Candidate> candidates, String note, Method method) {
        int n = labels.length;
        int d = features.columns();
        double[][] rows = features.toRowMajor();
        int[][] members = membersOf(labels, k);
        // Order clusters by size descending, then by cluster index.
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (members[c].length > 0) {
                order.add(c);
            }
        }
        order.sort(Comparator.comparingInt((Integer c) -> -members[c].length).thenComparingInt(c -> c));
        List<String> names = features.featureNames();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = features.rawMean(j);
            std[j] = features.rawStd(j);
        }
        double[][] original = new double[order.size()][];
        for (int s = 0; s < order.size(); s++) {
            original[s] = features.rawMeanOf(members[order.get(s)]);
        }
        List<SegmentDescription> described = new SegmentDescriber(names.toArray(new String[0]), mean, std)
                .describe(original);
        List<Segment> segments = new ArrayList<>();
        double[][] placed = new double[order.size()][];
        List<String> ids = new ArrayList<>();
        int[] position = new int[k];
        for (int s = 0; s < order.size(); s++) {
            int c = order.get(s);
            position[c] = s;
            String id = "s" + (s + 1);
            ids.add(id);
            placed[s] = scaled[c];
            segments.add(new Segment(id, described.get(s).label(), described.get(s).description(),
                    members[c].length, centroidMap(names, original[s])));
        }
        int[] segmentOfRow = new int[n];
        double[] distance = new double[n];
        for (int i = 0; i < n; i++) {
            segmentOfRow[i] = position[labels[i]];
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = rows[i][j] - scaled[labels[i]][j];
                s += diff * diff;
            }
            distance[i] = Math.sqrt(s);
        }
        return new Grouped(method, names, segments, features.userIds(), segmentOfRow, distance, sse, silhouette,
                candidates, new Placement(features.scaler(), placed, ids, null, null), note);
    }

    private static int[][] membersOf(int[] labels, int k) {
        int[] count = new int[k];
        for (int l : labels) {
            count[l]++;
        }
        int[][] members = new int[k][];
        for (int c = 0; c < k; c++) {
            members[c] = new int[count[c]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < labels.length; i++) {
            members[labels[i]][fill[labels[i]]++] = i;
        }
        return members;
    }

    private static Map<String, Double> centroidMap(List<String> names, double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            out.put(names.get(j), values[j]);
        }
        return out;
    }

    /**
     * RFM scores: every user with a purchase gets quintile scores R, F, M and the named segment of (R, F).
     *
     * @param table a table with recency_days, frequency and monetary
     * @throws IllegalArgumentException when no user has a purchase
     */
    public static Grouped rfm(FeatureTable table, Progress progress) {
        double[] r = table.column("recency_days").numeric();
        double[] f = table.column("frequency").numeric();
        double[] m = table.column("monetary").numeric();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            if (!Double.isNaN(r[i])) {
                kept.add(i);
            }
        }
        int n = kept.size();
        if (n == 0) {
            throw new IllegalArgumentException("no user has a purchase before the clock: RFM scores need purchases");
        }
        progress.report("cluster", 0, 1, 0);
        double[] rr = new double[n];
        double[] ff = new double[n];
        double[] mm = new double[n];
        List<String> ids = new ArrayList<>();
        for (int x = 0; x < n; x++) {
            int i = kept.get(x);
            rr[x] = r[i];
            ff[x] = f[i];
            mm[x] = m[i];
            ids.add(table.userIds().get(i));
        }
        RfmScores scores = RfmScores.compute(rr, ff, mm);
        RfmSegment[] all = RfmSegment.values();
        int[] label = new int[n];
        for (int x = 0; x < n; x++) {
            label[x] = scores.segment(x).ordinal();
        }
        int[][] members = membersOf(label, all.length);
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < all.length; c++) {
            if (members[c].length > 0) {
                order.add(c);
            }
        }
        order.sort(Comparator.comparingInt((Integer c) -> -members[c].length).thenComparingInt(c -> c));
        List<String> names = List.of("recency_days", "frequency", "monetary");
        double[][] cols = {rr, ff, mm};
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int j = 0; j < 3; j++) {
            mean[j] = mean(cols[j]);
            std[j] = std(cols[j], mean[j]);
        }
        double[][] centroids = new double[order.size()][3];
        for (int s = 0; s < order.size(); s++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int i : members[order.get(s)]) {
                    sum += cols[j][i];
                }
                centroids[s][j] = sum / members[order.get(s)].length;
            }
        }
        List<SegmentDescription> described = new SegmentDescriber(names.toArray(new String[0]), mean, std)
                .describe(centroids);
        List<Segment> segments = new ArrayList<>();
        List<String> segmentIds = new ArrayList<>();
        int[] position = new int[all.length];
        for (int s = 0; s < order.size(); s++) {
            RfmSegment seg = all[order.get(s)];
            position[seg.ordinal()] = s;
            String id = slug(seg);
            segmentIds.add(id);
            segments.add(new Segment(id, seg.displayName(), described.get(s).description(),
                    members[order.get(s)].length, centroidMap(names, centroids[s])));
        }
        int[] segmentOfRow = new int[n];
        for (int x = 0; x < n; x++) {
            segmentOfRow[x] = position[label[x]];
        }
        progress.report("cluster", 1, 1, 0);
        Placement placement = new Placement(null, null, segmentIds, RfmScores.cuts(rr, true),
                RfmScores.cuts(ff, false));
        return new Grouped(Method.RFM_SCORES, names, segments, ids, segmentOfRow, new double[n], 0, 0, List.of(),
                placement, "");
    }

    /** The id of an RFM segment: its name in lower case, words joined by '_', apostrophes dropped. */
    public static String slug(RfmSegment segment) {
        return segment.displayName().toLowerCase(Locale.ROOT).replace("'", "").replace(' ', '_');
    }

    /** The RFM segment id of a user's recency and frequency against a placement's cut points. */
    public static String rfmSegmentOf(Placement placement, double recencyDays, double frequency) {
        int r = RfmScores.score(placement.recencyCuts(), recencyDays, true);
        int f = RfmScores.score(placement.frequencyCuts(), frequency, false);
        return slug(RfmSegment.of(r, f));
    }

    /** Index of the nearest scaled centroid to a scaled point, and the distance. */
    public static double[] nearest(Placement placement, double[] scaledPoint) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int s = 0; s < placement.centroids().length; s++) {
            double d = 0;
            for (int j = 0; j < scaledPoint.length; j++) {
                double diff = scaledPoint[j] - placement.centroids()[s][j];
                d += diff * diff;
            }
            if (d < bestD) {
                bestD = d;
                best = s;
            }
        }
        return new double[] {best, Math.sqrt(bestD)};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(double[] v, double m) {
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
