package dev.persona.segment.classifier;

import dev.persona.core.metrics.ClassificationMetrics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A binary classification tree grown by information gain, with optional reduced-error pruning.
 *
 * <p><b>Splits.</b> A node with labels of which a fraction p is positive has entropy
 * H = −p log₂ p − (1−p) log₂(1−p) (0 log 0 = 0). A split into children L and R has
 * gain = H(parent) − (n_L/n) H(L) − (n_R/n) H(R). Every candidate is evaluated:
 * <ul>
 *   <li>numeric feature: x ≤ t vs x &gt; t for every midpoint t between consecutive distinct sorted values of the
 *       node's rows (missing values are replaced by the training median first);</li>
 *   <li>categorical feature: one level against the rest, level = v vs level ≠ v, for every level v (a value with
 *       no level, {@link Dataset#NO_LEVEL}, is never equal to v).</li>
 * </ul>
 * The split with the largest gain wins; ties keep the earliest candidate in feature order, then ascending
 * threshold (numeric) or level code (categorical), so the tree is fully deterministic. A node becomes a leaf when
 * it is pure, sits at depth {@code maxDepth}, or its best split has gain 0 or below {@code minGain}; a split is only
 * a candidate when both children keep at least {@code minLeaf} training rows.
 *
 * <p><b>Leaves</b> predict the Laplace-smoothed probability (k + 1) / (n + 2) of k positives among n training rows.
 *
 * <p><b>Pruning</b> ({@link #prune}): reduced-error pruning, bottom-up. After its children are pruned, an internal
 * node is replaced by a leaf (with its own training counts) when the number of <em>misclassified validation rows</em>
 * (threshold 0.5) reaching it does not increase, i.e. leaf errors ≤ subtree errors; ties prune, so a subtree no
 * validation row reaches is pruned.
 *
 * <p><b>Importances</b>: for each feature, the sum over the internal nodes splitting on it of
 * (n_node / n_root) · gain, normalised to sum 1 (all 0 when the tree is a single leaf).
 */
public final class DecisionTree implements Classifier {

    /**
     * How to grow a tree.
     *
     * @param maxDepth the root is at depth 0; nodes at this depth are leaves (at least 0)
     * @param minLeaf  the minimum number of training rows in each child of a split (at least 1)
     * @param minGain  a split needs at least this information gain, in bits (≥ 0); gain 0 never splits
     */
    public record Params(int maxDepth, int minLeaf, double minGain) {
        public Params {
            if (maxDepth < 0) {
                throw new IllegalArgumentException("maxDepth must be at least 0, got " + maxDepth);
            }
            if (minLeaf < 1) {
                throw new IllegalArgumentException("minLeaf must be at least 1, got " + minLeaf);
            }
            if (!(minGain >= 0) || Double.isInfinite(minGain)) {
                throw new IllegalArgumentException("minGain must be a finite number ≥ 0, got " + minGain);
            }
        }
    }

    /** A node; a leaf when {@code feature < 0}. Left is x ≤ threshold or level = level. */
    private record Node(int feature, double threshold, int level, double gain, int n, int positives, Node left,
                        Node right) {
        boolean leaf() {
            return feature < 0;
        }

        double probability() {
            return (positives + 1.0) / (n + 2.0);
        }

        static Node leaf(int n, int positives) {
            return new Node(-1, Double.NaN, -1, 0, n, positives, null, null);
        }
    }

    private final String[] names;
    private final Dataset.Kind[] kinds;
    private final double[] medians;
    private final Node root;

    private DecisionTree(String[] names, Dataset.Kind[] kinds, double[] medians, Node root) {
        this.names = names;
        this.kinds = kinds;
        this.medians = medians;
        this.root = root;
    }

    /** Entropy in bits of a node with {@code positives} positives among {@code n} rows (0 for n = 0). */
    public static double entropy(int positives, int n) {
        if (n <= 0 || positives <= 0 || positives >= n) {
            return 0;
        }
        double p = (double) positives / n;
        return -(p * log2(p) + (1 - p) * log2(1 - p));
    }

    /** Information gain of splitting (positives, n) into a left child (leftPositives, leftN) and the rest. */
    public static double gain(int positives, int n, int leftPositives, int leftN) {
        int rightN = n - leftN;
        int rightPositives = positives - leftPositives;
        return entropy(positives, n) - (double) leftN / n * entropy(leftPositives, leftN)
                - (double) rightN / n * entropy(rightPositives, rightN);
    }

    /** Grows a tree on {@code trainRows} (no pruning). */
    public static DecisionTree fit(Dataset data, int[] trainRows, Params params) {
        if (data == null || params == null) {
            throw new IllegalArgumentException("data and params are required");
        }
        data.checkRows(trainRows, "trainRows");
        int p = data.features();
        String[] names = new String[p];
        Dataset.Kind[] kinds = new Dataset.Kind[p];
        for (int j = 0; j < p; j++) {
            names[j] = data.name(j);
            kinds[j] = data.kind(j);
        }
        double[] medians = data.medians(trainRows);
        // imputed numeric columns, so split search never sees NaN
        double[][] columns = new double[p][];
        for (int j = 0; j < p; j++) {
            if (kinds[j] == Dataset.Kind.NUMERIC) {
                double[] raw = data.numeric(j);
                double[] c = new double[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    c[i] = Double.isNaN(raw[i]) ? medians[j] : raw[i];
                }
                columns[j] = c;
            }
        }
        Grower g = new Grower(data, columns, params);
        return new DecisionTree(names, kinds, medians, g.grow(trainRows.clone(), 0));
    }

    /** Grows on {@code growRows}, then prunes on {@code validationRows}. */
    public static DecisionTree fit(Dataset data, int[] growRows, int[] validationRows, Params params) {
        return fit(data, growRows, params).prune(data, validationRows);
    }

    /** A factory that grows unpruned trees, e.g. for {@link CrossValidation}. */
    public static ModelFactory factory(Params params) {
        return (data, train) -> fit(data, train, params);
    }

    /**
     * A factory that holds out one of {@code k} stratified folds (seeded) of the training rows for pruning and grows
     * on the rest.
     */
    public static ModelFactory prunedFactory(Params params, int k, long seed) {
        return (data, train) -> {
            boolean[] y = new boolean[train.length];
            for (int i = 0; i < train.length; i++) {
                y[i] = data.label(train[i]);
            }
            int[] heldOut = CrossValidation.stratifiedFolds(y, k, seed)[0];
            boolean[] isValidation = new boolean[train.length];
            for (int i : heldOut) {
                isValidation[i] = true;
            }
            int[] grow = new int[train.length - heldOut.length];
            int[] validation = new int[heldOut.length];
            for (int i = 0, a = 0, b = 0; i < train.length; i++) {
                if (isValidation[i]) {
                    validation[b++] = train[i];
                } else {
                    grow[a++] = train[i];
                }
            }
            return fit(data, grow, validation, params);
        };
    }

    /**
     * One node of a tree in a flat, serialisable form (pre-order, the root first).
     *
     * @param feature   the feature split on, or −1 for a leaf
     * @param threshold numeric split: left when x ≤ threshold; NaN otherwise
     * @param level     categorical split: left when the level code equals it; −1 otherwise
     * @param gain      the split's information gain in bits (0 for a leaf)
     * @param n         training rows reaching the node
     * @param positives positive training rows among them
     * @param left      index of the left child in the node list, −1 for a leaf
     * @param right     index of the right child, −1 for a leaf
     */
    public record NodeState(int feature, double threshold, int level, double gain, int n, int positives, int left,
                            int right) {
    }

    /**
     * Everything a fitted tree is: the features it was fitted on, their fill values for missing numbers (NaN for
     * categorical features) and its nodes, see {@link NodeState}.
     */
    public record State(List<String> names, List<Dataset.Kind> kinds, double[] fills, List<NodeState> nodes) {
    }

    /** The tree as plain data, for storage; {@link #of(State)} rebuilds it. */
    public State state() {
        List<NodeState> nodes = new ArrayList<>();
        flatten(root, nodes);
        return new State(List.of(names), List.of(kinds), medians.clone(), List.copyOf(nodes));
    }

    private static int flatten(Node node, List<NodeState> out) {
        int at = out.size();
        out.add(null);
        int left = -1;
        int right = -1;
        if (!node.leaf()) {
            left = flatten(node.left(), out);
            right = flatten(node.right(), out);
        }
        out.set(at, new NodeState(node.feature(), node.threshold(), node.level(), node.gain(), node.n(),
                node.positives(), left, right));
        return at;
    }

    /** Rebuilds a tree from {@link #state()}. */
    public static DecisionTree of(State state) {
        int p = state.names().size();
        if (state.kinds().size() != p || state.fills().length != p || state.nodes().isEmpty()) {
            throw new IllegalArgumentException("a tree state needs one kind and one fill value per feature and a root");
        }
        return new DecisionTree(state.names().toArray(new String[0]), state.kinds().toArray(new Dataset.Kind[0]),
                state.fills().clone(), unflatten(state.nodes(), 0, p, 0));
    }

    private static Node unflatten(List<NodeState> nodes, int at, int features, int depth) {
        if (at < 0 || at >= nodes.size() || depth > 1_000) {
            throw new IllegalArgumentException("a tree state refers to node " + at + " of " + nodes.size());
        }
        NodeState s = nodes.get(at);
        if (s.feature() < 0) {
            return Node.leaf(s.n(), s.positives());
        }
        if (s.feature() >= features) {
            throw new IllegalArgumentException("a tree state splits on feature " + s.feature() + " of " + features);
        }
        return new Node(s.feature(), s.threshold(), s.level(), s.gain(), s.n(), s.positives(),
                unflatten(nodes, s.left(), features, depth + 1), unflatten(nodes, s.right(), features, depth + 1));
    }

    /**
     * One condition on the path of a prediction.
     *
     * @param feature   the feature tested
     * @param threshold numeric test x ≤ threshold (NaN for a categorical test)
     * @param level     categorical test level = level (−1 for a numeric test)
     * @param left      whether the row satisfied the test (x ≤ threshold, or level = level)
     * @param value     the row's numeric value after filling a missing one (NaN for a categorical test)
     */
    public record Step(int feature, double threshold, int level, boolean left, double value) {
    }

    /**
     * The path of one prediction: the conditions from the root and the leaf reached.
     *
     * @param steps       the tests, root first
     * @param n           training rows in the leaf
     * @param positives   positives among them
     * @param probability the leaf's (Laplace-smoothed) probability
     */
    public record Path(List<Step> steps, int n, int positives, double probability) {
    }

    /** The path of row {@code row} from the root to its leaf. */
    public Path path(Dataset data, int row) {
        checkShape(data);
        if (row < 0 || row >= data.rows()) {
            throw new IllegalArgumentException("row " + row + " outside 0.." + (data.rows() - 1));
        }
        List<Step> steps = new ArrayList<>();
        Node node = root;
        while (!node.leaf()) {
            int j = node.feature();
            boolean left = goesLeft(node, data, row);
            double value = Double.NaN;
            if (kinds[j] == Dataset.Kind.NUMERIC) {
                double x = data.numeric(j)[row];
                value = Double.isNaN(x) ? medians[j] : x;
            }
            steps.add(new Step(j, node.threshold(), node.level(), left, value));
            node = left ? node.left() : node.right();
        }
        return new Path(List.copyOf(steps), node.n(), node.positives(), node.probability());
    }

    /** Reduced-error pruning on {@code validationRows}, see the class comment; returns a new tree. */
    public DecisionTree prune(Dataset data, int[] validationRows) {
        checkShape(data);
        data.checkRows(validationRows, "validationRows");
        return new DecisionTree(names, kinds, medians, prune(root, data, validationRows.clone()));
    }

    private Node prune(Node node, Dataset data, int[] rows) {
        if (node.leaf()) {
            return node;
        }
        int[][] parts = partition(node, data, rows);
        Node left = prune(node.left(), data, parts[0]);
        Node right = prune(node.right(), data, parts[1]);
        Node kept = new Node(node.feature(), node.threshold(), node.level(), node.gain(), node.n(),
                node.positives(), left, right);
        Node leaf = Node.leaf(node.n(), node.positives());
        return errors(leaf, data, rows) <= errors(kept, data, rows) ? leaf : kept;
    }

    private int errors(Node node, Dataset data, int[] rows) {
        int e = 0;
        for (int r : rows) {
            boolean predicted = leafOf(node, data, r).probability() >= ClassificationMetrics.THRESHOLD;
            if (predicted != data.label(r)) {
                e++;
            }
        }
        return e;
    }

    private int[][] partition(Node node, Dataset data, int[] rows) {
        int[] left = new int[rows.length];
        int[] right = new int[rows.length];
        int a = 0, b = 0;
        for (int r : rows) {
            if (goesLeft(node, data, r)) {
                left[a++] = r;
            } else {
                right[b++] = r;
            }
        }
        return new int[][] {Arrays.copyOf(left, a), Arrays.copyOf(right, b)};
    }

    private boolean goesLeft(Node node, Dataset data, int row) {
        int j = node.feature();
        if (kinds[j] == Dataset.Kind.NUMERIC) {
            double x = data.numeric(j)[row];
            return (Double.isNaN(x) ? medians[j] : x) <= node.threshold();
        }
        return data.codes(j)[row] == node.level();
    }

    private Node leafOf(Node node, Dataset data, int row) {
        while (!node.leaf()) {
            node = goesLeft(node, data, row) ? node.left() : node.right();
        }
        return node;
    }

    @Override
    public double predictProbability(Dataset data, int row) {
        checkShape(data);
        return leafOf(root, data, row).probability();
    }

    /** Importance of each feature (in feature order), see the class comment; sums to 1 unless the tree is a leaf. */
    public double[] featureImportances() {
        double[] imp = new double[names.length];
        addImportance(root, imp);
        double total = 0;
        for (double v : imp) {
            total += v;
        }
        if (total > 0) {
            for (int j = 0; j < imp.length; j++) {
                imp[j] /= total;
            }
        }
        return imp;
    }

    private void addImportance(Node node, double[] imp) {
        if (node.leaf()) {
            return;
        }
        imp[node.feature()] += (double) node.n() / root.n() * node.gain();
        addImportance(node.left(), imp);
        addImportance(node.right(), imp);
    }

    /** The number of leaves. */
    public int leaves() {
        return leaves(root);
    }

    private static int leaves(Node node) {
        return node.leaf() ? 1 : leaves(node.left()) + leaves(node.right());
    }

    /** The depth of the deepest leaf (0 for a single leaf). */
    public int depth() {
        return depth(root);
    }

    private static int depth(Node node) {
        return node.leaf() ? 0 : 1 + Math.max(depth(node.left()), depth(node.right()));
    }

    /**
     * The path of one prediction in words, e.g. {@code "contract is Month-to-month and tenure ≤ 5.5 → 68 % churn"}:
     * the conditions from the root, joined by "and" ("is"/"is not" for a category, "≤"/"&gt;" and the threshold
     * with at most 6 significant digits, trailing zeros dropped, for a number), then the leaf probability rounded
     * to a whole percentage and {@code positiveClass}. A tree that is a single leaf gives
     * {@code "every row → 50 % churn"}. A missing numeric value follows the path of the training median.
     */
    public String explain(Dataset data, int row, String positiveClass) {
        checkShape(data);
        if (row < 0 || row >= data.rows()) {
            throw new IllegalArgumentException("row " + row + " outside 0.." + (data.rows() - 1));
        }
        List<String> conditions = new ArrayList<>();
        Node node = root;
        while (!node.leaf()) {
            int j = node.feature();
            boolean left = goesLeft(node, data, row);
            if (kinds[j] == Dataset.Kind.NUMERIC) {
                conditions.add(names[j] + (left ? " ≤ " : " > ") + compact(node.threshold()));
            } else {
                conditions.add(names[j] + (left ? " is " : " is not ") + data.levels(j)[node.level()]);
            }
            node = left ? node.left() : node.right();
        }
        String path = conditions.isEmpty() ? "every row" : String.join(" and ", conditions);
        return path + " → " + Math.round(node.probability() * 100) + " % " + positiveClass;
    }

    /** {@code x} with at most 6 significant digits (never dropping integer digits), no trailing zeros. */
    static String compact(double x) {
        BigDecimal d = new BigDecimal(x);
        int integerDigits = Math.max(1, d.precision() - d.scale());
        String s = d.round(new MathContext(Math.max(6, integerDigits))).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private void checkShape(Dataset data) {
        if (data == null || data.features() != names.length) {
            throw new IllegalArgumentException("data must have the " + names.length + " features the tree was fitted on");
        }
        for (int j = 0; j < names.length; j++) {
            if (!names[j].equals(data.name(j)) || kinds[j] != data.kind(j)) {
                throw new IllegalArgumentException("feature " + j + " must be " + kinds[j] + " '" + names[j] + "'");
            }
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Recursive growth over index arrays. */
    private static final class Grower {
        private final Dataset data;
        private final double[][] columns;
        private final Params params;

        private final int[][] ranks;
        private final long[] keys;

        Grower(Dataset data, double[][] columns, Params params) {
            this.data = data;
            this.columns = columns;
            this.params = params;
            this.keys = new long[data.rows()];
            // per numeric column, the rank of each row's value among the distinct values (equal values, equal rank)
            this.ranks = new int[columns.length][];
            for (int j = 0; j < columns.length; j++) {
                if (columns[j] != null) {
                    double[] values = new double[columns[j].length];
                    for (int r = 0; r < values.length; r++) {
                        values[r] = columns[j][r] + 0.0; // −0 and 0 are one value
                    }
                    double[] distinct = values.clone();
                    Arrays.sort(distinct);
                    int m = 0;
                    for (int i = 0; i < distinct.length; i++) {
                        if (i == 0 || distinct[i] != distinct[m - 1]) {
                            distinct[m++] = distinct[i];
                        }
                    }
                    int[] rank = new int[columns[j].length];
                    for (int r = 0; r < rank.length; r++) {
                        rank[r] = Arrays.binarySearch(distinct, 0, m, values[r]);
                    }
                    ranks[j] = rank;
                }
            }
        }

        Node grow(int[] rows, int depth) {
            int n = rows.length;
            int pos = data.positives(rows);
            if (depth >= params.maxDepth() || pos == 0 || pos == n || n < 2 * params.minLeaf()) {
                return Node.leaf(n, pos);
            }
            int bestFeature = -1;
            double bestGain = 0;
            double bestThreshold = Double.NaN;
            int bestLevel = -1;
            for (int j = 0; j < columns.length; j++) {
                if (columns[j] != null) {
                    double[] col = columns[j];
                    int[] rank = ranks[j];
                    // rows by value (ties by row): each key is the value's rank, then the row
                    int lowest = Integer.MAX_VALUE;
                    int highest = Integer.MIN_VALUE;
                    for (int i = 0; i < n; i++) {
                        keys[i] = (long) rank[rows[i]] << 32 | rows[i];
                        lowest = Math.min(lowest, rank[rows[i]]);
                        highest = Math.max(highest, rank[rows[i]]);
                    }
                    if (lowest == highest) {
                        continue; // constant on this node: no split
                    }
                    Arrays.sort(keys, 0, n);
                    int[] order = new int[n];
                    for (int i = 0; i < n; i++) {
                        order[i] = (int) keys[i];
                    }
                    int leftPos = 0;
                    for (int i = 0; i < n - 1; i++) {
                        if (data.label(order[i])) {
                            leftPos++;
                        }
                        int leftN = i + 1;
                        double lo = col[order[i]];
                        double hi = col[order[i + 1]];
                        if (lo == hi || leftN < params.minLeaf() || n - leftN < params.minLeaf()) {
                            continue;
                        }
                        double g = gain(pos, n, leftPos, leftN);
                        if (g > bestGain) {
                            double t = lo + (hi - lo) / 2;
                            bestFeature = j;
                            bestGain = g;
                            bestThreshold = t >= hi ? lo : t;
                            bestLevel = -1;
                        }
                    }
                } else {
                    int[] codes = data.codes(j);
                    int levels = data.levels(j).length;
                    int[] count = new int[levels];
                    int[] positive = new int[levels];
                    for (int r : rows) {
                        int c = codes[r];
                        if (c < 0) {
                            continue; // no level: in the rest of every one-vs-rest split
                        }
                        count[c]++;
                        if (data.label(r)) {
                            positive[c]++;
                        }
                    }
                    for (int v = 0; v < levels; v++) {
                        if (count[v] < params.minLeaf() || n - count[v] < params.minLeaf()) {
                            continue;
                        }
                        double g = gain(pos, n, positive[v], count[v]);
                        if (g > bestGain) {
                            bestFeature = j;
                            bestGain = g;
                            bestThreshold = Double.NaN;
                            bestLevel = v;
                        }
                    }
                }
            }
            if (bestFeature < 0 || bestGain < params.minGain()) {
                return Node.leaf(n, pos);
            }
            int[] left = new int[n];
            int[] right = new int[n];
            int a = 0, b = 0;
            for (int r : rows) {
                boolean goesLeft = bestLevel >= 0 ? data.codes(bestFeature)[r] == bestLevel
                        : columns[bestFeature][r] <= bestThreshold;
                if (goesLeft) {
                    left[a++] = r;
                } else {
                    right[b++] = r;
                }
            }
            return new Node(bestFeature, bestThreshold, bestLevel, bestGain, n, pos,
                    grow(Arrays.copyOf(left, a), depth + 1), grow(Arrays.copyOf(right, b), depth + 1));
        }
    }
}
