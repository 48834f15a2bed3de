package dev.persona.segment.features;

import java.util.List;

/**
 * How the raw features of a segmentation become the scaled vectors it clusters: one {@link ScaledColumn} per
 * column. Stored with a segmentation, so a user who was not in the build is placed with the same scaling.
 *
 * @param scaling the transform
 * @param columns the columns, in order
 */
public record FeatureScaler(Scaling scaling, List<ScaledColumn> columns) {

    /** The transform of every column before clustering. */
    public enum Scaling {
        /** log1p of each value (negatives clamped to 0 first), then z-scored with the population std. */
        LOG1P_ZSCORE,
        /** z-scored with the population std. */
        ZSCORE,
        /** Raw values. */
        NONE
    }

    /**
     * One column of the clustered space.
     *
     * @param name the column's name: the feature's, or {@code attribute:<name>=<level>} for a one-hot level
     * @param feature the feature of the {@link FeatureTable} it comes from
     * @param level the level of a one-hot column of a categorical attribute, else null
     * @param center subtracted after the log
     * @param scale divided by after centring (1 for {@link Scaling#NONE})
     */
    public record ScaledColumn(String name, String feature, String level, double center, double scale) {
    }

    public FeatureScaler {
        columns = List.copyOf(columns);
    }

    /** Number of columns. */
    public int dimension() {
        return columns.size();
    }

    /** The column names, in order. */
    public List<String> names() {
        return columns.stream().map(ScaledColumn::name).toList();
    }

    /** The transform before centring: log1p with negatives clamped to 0, or identity. */
    public double pre(double raw) {
        return scaling == Scaling.LOG1P_ZSCORE ? Math.log1p(Math.max(0, raw)) : raw;
    }

    /** The scaled value of column j for a raw value. */
    public double scale(int j, double raw) {
        ScaledColumn c = columns.get(j);
        return (pre(raw) - c.center()) / c.scale();
    }

    /** Back to original units (a centroid, say); the log's clamp at 0 makes negatives come back as 0. */
    public double original(int j, double scaled) {
        ScaledColumn c = columns.get(j);
        double pre = scaled * c.scale() + c.center();
        return scaling == Scaling.LOG1P_ZSCORE ? Math.expm1(pre) : pre;
    }

    /**
     * The raw vector of a row of a table in this scaler's columns, or null when the row lacks one of them. One-hot
     * columns are 1 when the attribute's value is the level, else 0.
     *
     * @throws IllegalArgumentException when the table lacks a column the scaler needs
     */
    public double[] raw(FeatureTable table, int row) {
        double[] out = new double[columns.size()];
        for (int j = 0; j < out.length; j++) {
            ScaledColumn c = columns.get(j);
            FeatureTable.Column col = table.column(c.feature());
            if (col == null) {
                if (c.feature().startsWith("affinity:category=")) {
                    continue; // a category the user never touched: share 0
                }
                return null;
            }
            if (!col.present(row)) {
                return null;
            }
            if (c.level() != null) {
                out[j] = c.level().equals(col.text()[row]) ? 1 : 0;
            } else if (col.numeric() != null) {
                out[j] = col.numeric()[row];
            } else {
                Double d = FeatureTable.parseNumber(col.text()[row]);
                if (d == null) {
                    return null;
                }
                out[j] = d;
            }
        }
        return out;
    }

    /** The scaled vector of a raw vector. */
    public double[] scale(double[] raw) {
        double[] out = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            out[j] = scale(j, raw[j]);
        }
        return out;
    }
}
