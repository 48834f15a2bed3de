package dev.persona.segment.features;

import java.util.Arrays;
import java.util.List;

/**
 * Customer features built by {@link FeatureBuilder}: one row per customer, one column per kept feature, each with
 * its raw value (original units, after imputation) and its transformed value (what clustering should see).
 *
 * <p>Each column has a {@link Transform}:
 * <ul>
 *   <li>{@link Transform#LOG1P_ZSCORE} (recency_days, frequency, monetary): {@code t = (slog1p(raw) − c) / s},
 *       with {@code slog1p(x) = sign(x)·log1p(|x|)} (equal to {@code log1p} for the usual non-negative values) and
 *       {@code c}, {@code s} the mean and population standard deviation of {@code slog1p(raw)};</li>
 *   <li>{@link Transform#ZSCORE} (numeric attributes): {@code t = (raw − c) / s}, population standard deviation;</li>
 *   <li>{@link Transform#NONE} (one-hot attribute levels, category affinities): {@code t = raw}, already in [0, 1];
 *       {@code c = 0}, {@code s = 1}.</li>
 * </ul>
 * {@link #center(int)} and {@link #scale(int)} are those {@code c} and {@code s};
 * {@link #rawMean(int)} and {@link #rawStd(int)} are the mean and population standard deviation of the raw column,
 * for describing segments in original units.
 *
 * <p>Instances are immutable to callers: array accessors return copies.
 */
public final class FeatureMatrix {

    /** How a raw column is turned into its transformed column. */
    public enum Transform { LOG1P_ZSCORE, ZSCORE, NONE }

    /**
     * A candidate feature that was left out of the matrix.
     *
     * @param name the feature name it would have had
     * @param reason why it was left out, for example "constant: 1.0 for every customer"
     */
    public record DroppedFeature(String name, String reason) {
    }

    private final List<String> userIds;
    private final List<String> names;
    private final Transform[] transforms;
    private final double[][] raw;          // [column][row]
    private final double[][] transformed;  // [column][row]
    private final double[] center;
    private final double[] scale;
    private final double[] rawMean;
    private final double[] rawStd;
    private final List<DroppedFeature> dropped;
    private final List<String> excludedUserIds;

    FeatureMatrix(List<String> userIds, List<String> names, Transform[] transforms, double[][] raw,
                  double[][] transformed, double[] center, double[] scale, double[] rawMean, double[] rawStd,
                  List<DroppedFeature> dropped, List<String> excludedUserIds) {
        this.userIds = List.copyOf(userIds);
        this.names = List.copyOf(names);
        this.transforms = transforms;
        this.raw = raw;
        this.transformed = transformed;
        this.center = center;
        this.scale = scale;
        this.rawMean = rawMean;
        this.rawStd = rawStd;
        this.dropped = List.copyOf(dropped);
        this.excludedUserIds = List.copyOf(excludedUserIds);
    }

    /** Number of customers (rows). */
    public int rows() {
        return userIds.size();
    }

    /** Number of kept features (columns). */
    public int columns() {
        return names.size();
    }

    /** The user id of each row, in input order of the customers (consent-denied customers left out). */
    public List<String> userIds() {
        return userIds;
    }

    /** The name of each column, for example {@code recency_days}, {@code attr:country=FR}. */
    public List<String> featureNames() {
        return names;
    }

    /** The column of a feature name, or −1 when it is not in the matrix. */
    public int indexOf(String featureName) {
        return names.indexOf(featureName);
    }

    /** The transform of column j. */
    public Transform transform(int j) {
        return transforms[j];
    }

    /** Raw value (original units, after imputation) of row i, column j. */
    public double raw(int i, int j) {
        return raw[j][i];
    }

    /** Transformed value of row i, column j. */
    public double transformed(int i, int j) {
        return transformed[j][i];
    }

    /** A copy of raw column j. */
    public double[] rawColumn(int j) {
        return raw[j].clone();
    }

    /** A copy of transformed column j. */
    public double[] transformedColumn(int j) {
        return transformed[j].clone();
    }

    /** The transformed values as a fresh n×d row-major array, for clustering. */
    public double[][] toRowMajor() {
        int n = rows();
        int d = columns();
        double[][] out = new double[n][d];
        for (int j = 0; j < d; j++) {
            double[] col = transformed[j];
            for (int i = 0; i < n; i++) {
                out[i][j] = col[i];
            }
        }
        return out;
    }

    /** The centring constant c of column j (see the class comment). */
    public double center(int j) {
        return center[j];
    }

    /** The scaling constant s of column j (see the class comment). */
    public double scale(int j) {
        return scale[j];
    }

    /** Mean of raw column j. */
    public double rawMean(int j) {
        return rawMean[j];
    }

    /** Population standard deviation of raw column j. */
    public double rawStd(int j) {
        return rawStd[j];
    }

    /** Features that were considered but left out, with the reason, in the order they were considered. */
    public List<DroppedFeature> dropped() {
        return dropped;
    }

    /** Customers left out because they denied consent, in input order. */
    public List<String> excludedUserIds() {
        return excludedUserIds;
    }

    /**
     * Maps a point in transformed space (a centroid, say) back to original units, column by column: inverse
     * z-score, then the inverse of {@code slog1p} ({@code sign(y)·expm1(|y|)}) for {@link Transform#LOG1P_ZSCORE}
     * columns. The inverse of a transformed row is its raw row, up to rounding.
     *
     * @throws IllegalArgumentException if the length is not {@link #columns()}
     */
    public double[] centroidInOriginalUnits(double[] transformedCentroid) {
        if (transformedCentroid == null || transformedCentroid.length != columns()) {
            throw new IllegalArgumentException("centroid must have " + columns() + " values, got "
                    + (transformedCentroid == null ? "null" : transformedCentroid.length));
        }
        double[] out = new double[columns()];
        for (int j = 0; j < out.length; j++) {
            double z = transformedCentroid[j] * scale[j] + center[j];
            out[j] = transforms[j] == Transform.LOG1P_ZSCORE ? signedExpm1(z) : z;
        }
        return out;
    }

    static double signedLog1p(double x) {
        return x >= 0 ? Math.log1p(x) : -Math.log1p(-x);
    }

    static double signedExpm1(double y) {
        return y >= 0 ? Math.expm1(y) : -Math.expm1(-y);
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows() + "x" + columns() + ", features=" + names + ", dropped="
                + dropped.size() + ", excluded=" + excludedUserIds.size() + ", transforms="
                + Arrays.toString(transforms) + "]";
    }
}
