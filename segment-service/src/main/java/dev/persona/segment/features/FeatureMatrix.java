package dev.persona.segment.features;

import dev.persona.segment.features.FeatureScaler.ScaledColumn;
import dev.persona.segment.features.FeatureScaler.Scaling;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The scaled vectors a segmentation clusters, made from a {@link FeatureTable}: users lacking any feature are
 * left out ({@link #skippedUserIds()}); a categorical attribute becomes one 0/1 column per level present; every
 * column is scaled by the request's {@link Scaling}; a column whose scaled values do not vary is dropped and
 * reported ({@link #dropped()}), since it cannot separate anybody.
 *
 * <p>Instances are immutable to callers: accessors return copies or unmodifiable lists.
 */
public final class FeatureMatrix {

    /**
     * A column left out of the matrix.
     *
     * @param name the column's name
     * @param reason why, for example "constant: 1.0 for every user"
     */
    public record DroppedFeature(String name, String reason) {
    }

    /**
     * A categorical attribute with more distinct values than this is left out (an id, a free text, a contact detail):
     * its one-hot columns would grow with the users and be named after single people's values.
     */
    public static final int MAX_LEVELS = 100;

    private final List<String> userIds;
    private final List<String> skippedUserIds;
    private final List<String> excludedUserIds;
    private final double[][] raw;     // [row][column]
    private final double[][] scaled;  // [row][column]
    private final FeatureScaler scaler;
    private final List<DroppedFeature> dropped;

    private FeatureMatrix(List<String> userIds, List<String> skippedUserIds, List<String> excludedUserIds,
                          double[][] raw, double[][] scaled, FeatureScaler scaler, List<DroppedFeature> dropped) {
        this.userIds = List.copyOf(userIds);
        this.skippedUserIds = List.copyOf(skippedUserIds);
        this.excludedUserIds = List.copyOf(excludedUserIds);
        this.raw = raw;
        this.scaled = scaled;
        this.scaler = scaler;
        this.dropped = List.copyOf(dropped);
    }

    /** Builds the matrix of a table with a scaling. */
    public static FeatureMatrix of(FeatureTable table, Scaling scaling) {
        List<FeatureTable.Column> columns = table.columns();
        List<Integer> complete = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            boolean all = true;
            for (FeatureTable.Column c : columns) {
                all &= c.present(i);
            }
            if (all) {
                complete.add(i);
                ids.add(table.userIds().get(i));
            } else {
                skipped.add(table.userIds().get(i));
            }
        }
        int n = complete.size();
        List<DroppedFeature> dropped = new ArrayList<>();
        // Candidate columns: (name, feature, level, raw values of the complete rows).
        List<String> names = new ArrayList<>();
        List<String> features = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (FeatureTable.Column c : columns) {
            if (c.categorical()) {
                TreeSet<String> present = new TreeSet<>();
                complete.forEach(i -> present.add(c.text()[i]));
                if (present.size() > MAX_LEVELS) {
                    // An id, a free text or a contact detail: n×n columns, and each named after one person's value.
                    dropped.add(new DroppedFeature(c.name(), present.size() + " distinct values, more than the "
                            + MAX_LEVELS + " a categorical feature may have"));
                    continue;
                }
                for (String level : present) {
                    double[] v = new double[n];
                    for (int r = 0; r < n; r++) {
                        v[r] = level.equals(c.text()[complete.get(r)]) ? 1 : 0;
                    }
                    names.add(c.name() + "=" + level);
                    features.add(c.name());
                    levels.add(level);
                    values.add(v);
                }
            } else {
                double[] v = new double[n];
                for (int r = 0; r < n; r++) {
                    v[r] = c.numeric()[complete.get(r)];
                }
                names.add(c.name());
                features.add(c.name());
                levels.add(null);
                values.add(v);
            }
        }
        List<ScaledColumn> kept = new ArrayList<>();
        List<double[]> keptRaw = new ArrayList<>();
        FeatureScaler probe = new FeatureScaler(scaling, List.of());
        for (int j = 0; j < names.size(); j++) {
            double[] v = values.get(j);
            double mean = 0;
            for (double x : v) {
                mean += probe.pre(x);
            }
            mean = n == 0 ? 0 : mean / n;
            double var = 0;
            for (double x : v) {
                double d = probe.pre(x) - mean;
                var += d * d;
            }
            double std = n == 0 ? 0 : Math.sqrt(var / n);
            if (std <= 1e-12 * Math.max(1, Math.abs(mean))) {
                if (n > 0) {
                    dropped.add(new DroppedFeature(names.get(j), "constant: " + v[0] + " for every user"));
                }
                continue;
            }
            boolean z = scaling != Scaling.NONE;
            kept.add(new ScaledColumn(names.get(j), features.get(j), levels.get(j), z ? mean : 0, z ? std : 1));
            keptRaw.add(v);
        }
        FeatureScaler scaler = new FeatureScaler(scaling, kept);
        int d = kept.size();
        double[][] raw = new double[n][d];
        double[][] scaled = new double[n][d];
        for (int j = 0; j < d; j++) {
            double[] v = keptRaw.get(j);
            for (int r = 0; r < n; r++) {
                raw[r][j] = v[r];
                scaled[r][j] = scaler.scale(j, v[r]);
            }
        }
        return new FeatureMatrix(ids, skipped, table.excludedUserIds(), raw, scaled, scaler, dropped);
    }

    /** Number of users (rows). */
    public int rows() {
        return userIds.size();
    }

    /** Number of kept columns. */
    public int columns() {
        return scaler.dimension();
    }

    /** The user of each row. */
    public List<String> userIds() {
        return userIds;
    }

    /** Users left out because they lacked a feature. */
    public List<String> skippedUserIds() {
        return skippedUserIds;
    }

    /** Users left out because their consent is denied. */
    public List<String> excludedUserIds() {
        return excludedUserIds;
    }

    /** The kept column names, in order. */
    public List<String> featureNames() {
        return scaler.names();
    }

    /** The column of a name, or −1. */
    public int indexOf(String name) {
        return featureNames().indexOf(name);
    }

    /** The scaling of the kept columns. */
    public FeatureScaler scaler() {
        return scaler;
    }

    /** Columns left out, with the reason. */
    public List<DroppedFeature> dropped() {
        return dropped;
    }

    /** Raw value of row i, column j. */
    public double raw(int i, int j) {
        return raw[i][j];
    }

    /** Scaled value of row i, column j. */
    public double scaled(int i, int j) {
        return scaled[i][j];
    }

    /** The scaled values as a fresh n×d row-major array. */
    public double[][] toRowMajor() {
        double[][] out = new double[scaled.length][];
        for (int i = 0; i < scaled.length; i++) {
            out[i] = scaled[i].clone();
        }
        return out;
    }

    /** Mean of raw column j. */
    public double rawMean(int j) {
        double s = 0;
        for (double[] row : raw) {
            s += row[j];
        }
        return raw.length == 0 ? 0 : s / raw.length;
    }

    /** Population standard deviation of raw column j. */
    public double rawStd(int j) {
        double m = rawMean(j);
        double s = 0;
        for (double[] row : raw) {
            s += (row[j] - m) * (row[j] - m);
        }
        return raw.length == 0 ? 0 : Math.sqrt(s / raw.length);
    }

    /** Mean raw vector of the given rows: a segment's centroid in original units. */
    public double[] rawMeanOf(int[] rows) {
        double[] out = new double[columns()];
        for (int i : rows) {
            for (int j = 0; j < out.length; j++) {
                out[j] += raw[i][j];
            }
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = rows.length == 0 ? 0 : out[j] / rows.length;
        }
        return out;
    }
}
