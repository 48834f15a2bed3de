package dev.persona.segment.classifier;

import dev.persona.segment.features.FeatureTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a predictor turns the raw columns of a {@link FeatureTable} into a {@link Dataset}, fixed at training so that a
 * user scored later gets exactly the columns the model was fitted on.
 *
 * <ul>
 *   <li>A numeric column stays numeric (missing stays NaN, filled by the model with the training mean). For logistic
 *       regression the count and amount features are taken as log1p(max(0, x)): the heavy-tailed built-ins (counts,
 *       amounts, durations), and a numeric attribute that looks like one on the training rows: never negative, more
 *       than two distinct values and a sample skewness above {@value #SKEWED} (the usual rule of thumb), such as a
 *       customer's total charges. Trees see every value as it is (a monotone transform changes no split).</li>
 *   <li>A categorical attribute becomes a categorical feature whose levels are the values seen on the training rows,
 *       in lexicographic order; a missing value, or a value never seen in training, has no level
 *       ({@link Dataset#NO_LEVEL}).</li>
 *   <li>A column the scoring table lacks counts as missing, except a category affinity, which is then 0 (the user has
 *       no event in that category).</li>
 * </ul>
 */
public final class PredictorSchema {

    /** Skewness above which a non-negative numeric attribute is a count or an amount (log1p for regressions). */
    public static final double SKEWED = 0.75;

    /** Prefix of category-affinity columns. */
    static final String AFFINITY_PREFIX = "affinity:category=";

    /**
     * One input feature.
     *
     * @param name        the feature name, as in the table
     * @param categorical whether it is categorical
     * @param log1p       whether the model sees log1p(max(0, x)) (numeric only)
     * @param integral    whether every training value was a whole number (numeric only), for wording thresholds
     * @param levels      the levels of a categorical feature (empty for a numeric one)
     */
    public record Input(String name, boolean categorical, boolean log1p, boolean integral, List<String> levels) {
        public Input {
            levels = List.copyOf(levels);
        }
    }

    private final List<Input> inputs;
    private final List<Map<String, Integer>> levelIndex;

    public PredictorSchema(List<Input> inputs) {
        this.inputs = List.copyOf(inputs);
        this.levelIndex = new ArrayList<>();
        for (Input in : this.inputs) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < in.levels().size(); i++) {
                index.put(in.levels().get(i), i);
            }
            levelIndex.add(index);
        }
    }

    /**
     * The schema of a table's columns, measured on {@code rows}.
     *
     * @param logistic whether the model is a logistic regression (log1p of the heavy-tailed built-ins)
     */
    public static PredictorSchema of(FeatureTable table, int[] rows, boolean logistic) {
        List<Input> inputs = new ArrayList<>();
        for (FeatureTable.Column c : table.columns()) {
            if (c.categorical()) {
                inputs.add(new Input(c.name(), true, false, false, levels(c, rows)));
            } else {
                boolean integral = true;
                for (int r : rows) {
                    double x = c.numeric()[r];
                    if (!Double.isNaN(x) && x != Math.rint(x)) {
                        integral = false;
                        break;
                    }
                }
                boolean log = logistic && (c.builtin() != null ? c.builtin().heavyTailed()
                        : !c.name().startsWith(AFFINITY_PREFIX) && countLike(c.numeric(), rows));
                inputs.add(new Input(c.name(), false, log, integral, List.of()));
            }
        }
        return new PredictorSchema(inputs);
    }

    /**
     * Whether the values on {@code rows} look like a count or an amount: none negative, more than two distinct and a
     * sample skewness (population moments) above {@value #SKEWED}.
     */
    static boolean countLike(double[] x, int[] rows) {
        double sum = 0;
        int m = 0;
        double first = Double.NaN;
        boolean third = false;
        double second = Double.NaN;
        for (int r : rows) {
            double v = x[r];
            if (Double.isNaN(v)) {
                continue;
            }
            if (v < 0) {
                return false;
            }
            if (Double.isNaN(first)) {
                first = v;
            } else if (v != first && Double.isNaN(second)) {
                second = v;
            } else if (v != first && v != second) {
                third = true;
            }
            sum += v;
            m++;
        }
        if (!third) {
            return false;
        }
        double mean = sum / m;
        double m2 = 0;
        double m3 = 0;
        for (int r : rows) {
            double v = x[r];
            if (!Double.isNaN(v)) {
                double d = v - mean;
                m2 += d * d;
                m3 += d * d * d;
            }
        }
        m2 /= m;
        m3 /= m;
        return m2 > 0 && m3 / Math.pow(m2, 1.5) > SKEWED;
    }

    /** The distinct values of a categorical column on {@code rows}, in lexicographic order. */
    public static List<String> levels(FeatureTable.Column c, int[] rows) {
        TreeSet<String> seen = new TreeSet<>();
        for (int r : rows) {
            if (c.text()[r] != null) {
                seen.add(c.text()[r]);
            }
        }
        return List.copyOf(seen);
    }

    public List<Input> inputs() {
        return inputs;
    }

    /** The input of that name, or −1. */
    public int indexOf(String name) {
        for (int j = 0; j < inputs.size(); j++) {
            if (inputs.get(j).name().equals(name)) {
                return j;
            }
        }
        return -1;
    }

    /** The dataset of {@code rows} of {@code table} with {@code label[i]} for {@code rows[i]}. */
    public Dataset dataset(FeatureTable table, int[] rows, boolean[] label) {
        Dataset.Builder b = Dataset.builder(label).imputation(Dataset.Imputation.MEAN);
        for (int j = 0; j < inputs.size(); j++) {
            Input in = inputs.get(j);
            FeatureTable.Column c = table.column(in.name());
            if (in.categorical()) {
                int[] codes = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    String v = c == null || c.text() == null ? null : c.text()[rows[i]];
                    Integer code = v == null ? null : levelIndex.get(j).get(v);
                    codes[i] = code == null ? Dataset.NO_LEVEL : code;
                }
                b.categoricalOrNone(in.name(), codes, in.levels().toArray(new String[0]));
            } else {
                double[] x = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    double v = original(in, c, rows[i]);
                    x[i] = in.log1p() && !Double.isNaN(v) ? Math.log1p(Math.max(0, v)) : v;
                }
                b.numeric(in.name(), x);
            }
        }
        return b.build();
    }

    /** The value of numeric input {@code j} for a table row in original units, NaN when missing. */
    public double original(int j, FeatureTable table, int row) {
        Input in = inputs.get(j);
        if (in.categorical()) {
            throw new IllegalArgumentException("input '" + in.name() + "' is categorical");
        }
        return original(in, table.column(in.name()), row);
    }

    /** The level of categorical input {@code j} for a table row, or null when it has none the model knows. */
    public String level(int j, FeatureTable table, int row) {
        Input in = inputs.get(j);
        FeatureTable.Column c = table.column(in.name());
        String v = c == null || c.text() == null ? null : c.text()[row];
        return v != null && levelIndex.get(j).containsKey(v) ? v : null;
    }

    /** A value the model sees (log1p applied) back in original units. */
    public double toOriginal(int j, double modelValue) {
        return inputs.get(j).log1p() ? Math.expm1(modelValue) : modelValue;
    }

    private static double original(Input in, FeatureTable.Column c, int row) {
        if (c == null) {
            return in.name().startsWith(AFFINITY_PREFIX) ? 0 : Double.NaN;
        }
        if (c.numeric() != null) {
            return c.numeric()[row];
        }
        String text = c.text()[row];
        Double d = text == null ? null : FeatureTable.parseNumber(text);
        return d == null ? Double.NaN : d;
    }
}
