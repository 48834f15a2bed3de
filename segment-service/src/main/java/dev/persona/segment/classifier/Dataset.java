package dev.persona.segment.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of named features and a binary label, column-oriented in primitive arrays.
 *
 * <p>Each feature is either
 * <ul>
 *   <li><b>numeric</b>: a {@code double[]} column where {@code NaN} means missing. Models replace a missing value
 *       with the median (or, for a dataset built with {@link Imputation#MEAN}, the mean) of the non-missing values
 *       of that feature over their <em>training</em> rows ({@link #fillValue(int, int[])}; 0 when every training
 *       value is missing), so nothing leaks from held-out rows;</li>
 *   <li><b>categorical</b>: an {@code int[]} of codes into a list of level names. A missing value ({@code null})
 *       is not imputed: it becomes its own level {@value #MISSING}, so "missing" can itself be predictive; or,
 *       for a feature added with {@link Builder#categoricalOrNone}, the code {@value #NO_LEVEL}: no level at all
 *       (equal to none in a tree's level test, no indicator set in a one-hot design).</li>
 * </ul>
 * The label is binary: {@code true} (or 1) is the positive class. Subsets of rows (training rows, folds,
 * validation rows) are plain {@code int[]} arrays of row indices; {@link #allRows()} is every row.
 *
 * <p>Instances are immutable to callers: accessors hand out the internal arrays, which must not be modified.
 */
public final class Dataset {

    /** The level name that stands for a missing categorical value. */
    public static final String MISSING = "(missing)";

    /** The code of a categorical value that has no level (see {@link Builder#categoricalOrNone}). */
    public static final int NO_LEVEL = -1;

    /** What kind of values a feature holds. */
    public enum Kind { NUMERIC, CATEGORICAL }

    /** How models fill a missing numeric value: the training median or the training mean. */
    public enum Imputation { MEDIAN, MEAN }

    private final int rows;
    private final String[] names;
    private final Kind[] kinds;
    private final double[][] numeric;
    private final int[][] codes;
    private final String[][] levels;
    private final boolean[] label;
    private final Imputation imputation;

    private Dataset(int rows, String[] names, Kind[] kinds, double[][] numeric, int[][] codes, String[][] levels,
                    boolean[] label, Imputation imputation) {
        this.imputation = imputation;
        this.rows = rows;
        this.names = names;
        this.kinds = kinds;
        this.numeric = numeric;
        this.codes = codes;
        this.levels = levels;
        this.label = label;
    }

    /** A builder for a dataset with a label of the given length. */
    public static Builder builder(boolean[] label) {
        if (label == null || label.length == 0) {
            throw new IllegalArgumentException("label must have at least one row");
        }
        return new Builder(label.clone());
    }

    /** A builder for a dataset with a 0/1 label. */
    public static Builder builder(int[] label) {
        if (label == null || label.length == 0) {
            throw new IllegalArgumentException("label must have at least one row");
        }
        boolean[] b = new boolean[label.length];
        for (int i = 0; i < label.length; i++) {
            if (label[i] != 0 && label[i] != 1) {
                throw new IllegalArgumentException("label must be 0 or 1, got " + label[i] + " at row " + i);
            }
            b[i] = label[i] == 1;
        }
        return new Builder(b);
    }

    /** Adds features column by column. */
    public static final class Builder {
        private final boolean[] label;
        private final List<String> names = new ArrayList<>();
        private final List<Kind> kinds = new ArrayList<>();
        private final List<double[]> numeric = new ArrayList<>();
        private final List<int[]> codes = new ArrayList<>();
        private final List<String[]> levels = new ArrayList<>();
        private Imputation imputation = Imputation.MEDIAN;

        private Builder(boolean[] label) {
            this.label = label;
        }

        /** How models fill missing numeric values; {@link Imputation#MEDIAN} unless set. */
        public Builder imputation(Imputation how) {
            if (how == null) {
                throw new IllegalArgumentException("imputation is required");
            }
            this.imputation = how;
            return this;
        }

        /**
         * A categorical feature from codes into {@code levelNames}, where {@value Dataset#NO_LEVEL} marks a value with
         * no level (missing, or a level the model never saw): kept as {@value Dataset#NO_LEVEL}, not made a level.
         */
        public Builder categoricalOrNone(String name, int[] levelCodes, String[] levelNames) {
            checkName(name, levelCodes == null ? -1 : levelCodes.length);
            if (levelNames == null) {
                throw new IllegalArgumentException("feature '" + name + "' needs level names");
            }
            for (int i = 0; i < levelCodes.length; i++) {
                if (levelCodes[i] < NO_LEVEL || levelCodes[i] >= levelNames.length) {
                    throw new IllegalArgumentException("feature '" + name + "' has code " + levelCodes[i] + " at row "
                            + i + " outside -1.." + (levelNames.length - 1));
                }
            }
            names.add(name);
            kinds.add(Kind.CATEGORICAL);
            numeric.add(null);
            codes.add(levelCodes.clone());
            levels.add(levelNames.clone());
            return this;
        }

        private void checkName(String name, int length) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("feature name is required");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("duplicate feature name '" + name + "'");
            }
            if (length != label.length) {
                throw new IllegalArgumentException("feature '" + name + "' has " + length + " values but the label has "
                        + label.length + " rows");
            }
        }

        /** A numeric feature; {@code NaN} marks a missing value. Infinite values are rejected. */
        public Builder numeric(String name, double[] values) {
            checkName(name, values == null ? -1 : values.length);
            for (int i = 0; i < values.length; i++) {
                if (Double.isInfinite(values[i])) {
                    throw new IllegalArgumentException("feature '" + name + "' has an infinite value at row " + i);
                }
            }
            names.add(name);
            kinds.add(Kind.NUMERIC);
            numeric.add(values.clone());
            codes.add(null);
            levels.add(null);
            return this;
        }

        /**
         * A categorical feature from level names; {@code null} marks a missing value and becomes the level
         * {@value Dataset#MISSING}. Levels are numbered in order of first appearance.
         */
        public Builder categorical(String name, String[] values) {
            checkName(name, values == null ? -1 : values.length);
            Map<String, Integer> index = new LinkedHashMap<>();
            int[] c = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                String v = values[i] == null ? MISSING : values[i];
                c[i] = index.computeIfAbsent(v, k -> index.size());
            }
            names.add(name);
            kinds.add(Kind.CATEGORICAL);
            numeric.add(null);
            codes.add(c);
            levels.add(index.keySet().toArray(new String[0]));
            return this;
        }

        /**
         * A categorical feature from codes into {@code levelNames}; a code of −1 marks a missing value and becomes
         * the level {@value Dataset#MISSING} (appended to the levels if not already among them).
         */
        public Builder categorical(String name, int[] levelCodes, String[] levelNames) {
            checkName(name, levelCodes == null ? -1 : levelCodes.length);
            if (levelNames == null) {
                throw new IllegalArgumentException("feature '" + name + "' needs level names");
            }
            String[] lv = levelNames.clone();
            int missing = Arrays.asList(lv).indexOf(MISSING);
            int[] c = levelCodes.clone();
            for (int i = 0; i < c.length; i++) {
                if (c[i] == -1) {
                    if (missing < 0) {
                        lv = Arrays.copyOf(lv, lv.length + 1);
                        missing = lv.length - 1;
                        lv[missing] = MISSING;
                    }
                    c[i] = missing;
                } else if (c[i] < 0 || c[i] >= levelNames.length) {
                    throw new IllegalArgumentException("feature '" + name + "' has code " + c[i] + " at row " + i
                            + " outside 0.." + (levelNames.length - 1));
                }
            }
            names.add(name);
            kinds.add(Kind.CATEGORICAL);
            numeric.add(null);
            codes.add(c);
            levels.add(lv);
            return this;
        }

        public Dataset build() {
            return new Dataset(label.length, names.toArray(new String[0]), kinds.toArray(new Kind[0]),
                    numeric.toArray(new double[0][]), codes.toArray(new int[0][]), levels.toArray(new String[0][]),
                    label, imputation);
        }
    }

    public int rows() {
        return rows;
    }

    public int features() {
        return names.length;
    }

    public String name(int feature) {
        return names[check(feature)];
    }

    /** The index of the feature called {@code name}. */
    public int feature(String name) {
        for (int j = 0; j < names.length; j++) {
            if (names[j].equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException("no feature named '" + name + "'");
    }

    public Kind kind(int feature) {
        return kinds[check(feature)];
    }

    /** The raw column of a numeric feature ({@code NaN} = missing). */
    public double[] numeric(int feature) {
        if (kind(feature) != Kind.NUMERIC) {
            throw new IllegalArgumentException("feature '" + names[feature] + "' is not numeric");
        }
        return numeric[feature];
    }

    /** The level codes of a categorical feature ({@value #NO_LEVEL}: no level, see {@link Builder#categoricalOrNone}). */
    public int[] codes(int feature) {
        if (kind(feature) != Kind.CATEGORICAL) {
            throw new IllegalArgumentException("feature '" + names[feature] + "' is not categorical");
        }
        return codes[feature];
    }

    /** The level names of a categorical feature, indexed by code. */
    public String[] levels(int feature) {
        codes(feature);
        return levels[feature];
    }

    public boolean label(int row) {
        return label[row];
    }

    public boolean[] labels() {
        return label;
    }

    /** 0, 1, …, rows − 1. */
    public int[] allRows() {
        int[] r = new int[rows];
        for (int i = 0; i < rows; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The number of positive labels among {@code subset}. */
    public int positives(int[] subset) {
        int k = 0;
        for (int r : subset) {
            if (label[r]) {
                k++;
            }
        }
        return k;
    }

    /**
     * The median of the non-missing values of a numeric feature over {@code subset} (mean of the two middle values
     * for an even count); 0 when all are missing.
     */
    public double median(int feature, int[] subset) {
        double[] col = numeric(feature);
        double[] v = new double[subset.length];
        int m = 0;
        for (int r : subset) {
            if (!Double.isNaN(col[r])) {
                v[m++] = col[r];
            }
        }
        if (m == 0) {
            return 0;
        }
        Arrays.sort(v, 0, m);
        return (m & 1) == 1 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
    }

    /** The mean of the non-missing values of a numeric feature over {@code subset}; 0 when all are missing. */
    public double mean(int feature, int[] subset) {
        double[] col = numeric(feature);
        double sum = 0;
        int m = 0;
        for (int r : subset) {
            if (!Double.isNaN(col[r])) {
                sum += col[r];
                m++;
            }
        }
        return m == 0 ? 0 : sum / m;
    }

    /** How missing numeric values are filled. */
    public Imputation imputation() {
        return imputation;
    }

    /** The value that fills a missing value of a numeric feature: its median or mean over {@code subset}. */
    public double fillValue(int feature, int[] subset) {
        return imputation == Imputation.MEAN ? mean(feature, subset) : median(feature, subset);
    }

    /** Training fill values of every feature (NaN for categorical features), see {@link #fillValue(int, int[])}. */
    double[] medians(int[] subset) {
        double[] med = new double[names.length];
        for (int j = 0; j < names.length; j++) {
            med[j] = kinds[j] == Kind.NUMERIC ? fillValue(j, subset) : Double.NaN;
        }
        return med;
    }

    /** Checks that {@code subset} holds valid row indices. */
    void checkRows(int[] subset, String what) {
        if (subset == null || subset.length == 0) {
            throw new IllegalArgumentException(what + " must hold at least one row");
        }
        for (int r : subset) {
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException(what + " has row " + r + " outside 0.." + (rows - 1));
            }
        }
    }

    private int check(int feature) {
        if (feature < 0 || feature >= names.length) {
            throw new IllegalArgumentException("feature " + feature + " outside 0.." + (names.length - 1));
        }
        return feature;
    }
}
