package dev.persona.segment.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.segment.features.FeatureTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A fitted predictor as stored and applied: the {@link PredictorSchema} that turns a user's raw features into model
 * inputs and the fitted {@link DecisionTree} or {@link LogisticRegression}, with its explanations, its feature
 * importances and its JSON form ({@link #toJson()}, {@link #fromJson(JsonNode)}: a Jackson tree written and read field
 * by field, no reflection):
 * <pre>{@code
 * {"format": 1, "algorithm": "DECISION_TREE" | "LOGISTIC_REGRESSION",
 *  "inputs": [{"name": "recency_days", "categorical": false, "log1p": true, "integral": false, "levels": []},
 *             {"name": "attribute:Contract", "categorical": true, ..., "levels": ["Month-to-month", ...]}, ...],
 *  "tree": {"fills": [mean per input, null for categorical],
 *           "nodes": [{"feature", "threshold" (null for a category), "level", "gain", "n", "positives",
 *                      "left", "right"}, ...]}                        (pre-order; leaves have feature −1)
 *  "logistic": {"fills": [...], "firstColumn": [...], "columns": ["(intercept)", "frequency",
 *               "attribute:Contract=Month-to-month", ...], "mean": [...], "sd": [...], "beta": [...] (standardised),
 *               "iterations", "converged", "logLikelihood"}}
 * }</pre>
 * Fill values, means and standard deviations are in the units the model sees (after log1p where an input has it).
 */
public final class PredictorModel {

    /** JSON format version written by {@link #toJson()}. */
    public static final int FORMAT = 1;

    /** How many contributions a regression's explanation lists. */
    public static final int TOP_CONTRIBUTIONS = 5;

    /** The model family. */
    public enum Algorithm { DECISION_TREE, LOGISTIC_REGRESSION }

    /**
     * Fitting parameters.
     *
     * @param maxDepth tree depth at most
     * @param minLeaf  fewest training rows per leaf
     * @param l2       the regression's L2 penalty λ
     * @param prune    trees only: grow on 80 % of the training rows, prune on the other 20 % (stratified)
     * @param seed     seed of that split
     */
    public record Params(int maxDepth, int minLeaf, double l2, boolean prune, long seed) {

        /** Without pruning. */
        public Params(int maxDepth, int minLeaf, double l2) {
            this(maxDepth, minLeaf, l2, false, 0);
        }
    }

    /**
     * How the positive outcome is said: a noun ("churn", "a purchase") and what a positive user did ("churned").
     */
    public record Outcome(String noun, String past) {
    }

    /**
     * One feature's importance: share of the model's total, and the signed coefficient on the scaled feature (0 for
     * trees).
     */
    public record Importance(String feature, double importance, double coefficient) {
    }

    /** One feature's share of a prediction: the user's value in original units and its log-odds contribution. */
    public record Contribution(String feature, double value, double contribution) {
    }

    /**
     * A prediction with its explanation.
     *
     * @param probability   P(positive outcome)
     * @param text          the explanation in words
     * @param decisionPath  the tree's conditions from the root (empty for a regression)
     * @param contributions the tree's path features with the user's values, or the regression's largest contributions
     */
    public record Explanation(double probability, String text, List<String> decisionPath,
                              List<Contribution> contributions) {
    }

    private final Algorithm algorithm;
    private final PredictorSchema schema;
    private final DecisionTree tree;
    private final LogisticRegression logistic;

    private PredictorModel(Algorithm algorithm, PredictorSchema schema, DecisionTree tree,
                           LogisticRegression logistic) {
        this.algorithm = algorithm;
        this.schema = schema;
        this.tree = tree;
        this.logistic = logistic;
    }

    /** A factory fitting the algorithm's kernel, for cross-validation. */
    public static ModelFactory factory(Algorithm algorithm, Params params) {
        return switch (algorithm) {
            case DECISION_TREE -> params.prune()
                    ? DecisionTree.prunedFactory(new DecisionTree.Params(params.maxDepth(), params.minLeaf(), 0), 5,
                            params.seed())
                    : DecisionTree.factory(new DecisionTree.Params(params.maxDepth(), params.minLeaf(), 0));
            case LOGISTIC_REGRESSION -> LogisticRegression.factory(params.l2());
        };
    }

    /** Fits the final model on {@code rows} of a dataset made by {@code schema}. */
    public static PredictorModel fit(Algorithm algorithm, Params params, PredictorSchema schema, Dataset data,
                                     int[] rows) {
        Classifier c = factory(algorithm, params).fit(data, rows);
        return algorithm == Algorithm.DECISION_TREE ? new PredictorModel(algorithm, schema, (DecisionTree) c, null)
                : new PredictorModel(algorithm, schema, null, (LogisticRegression) c);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public PredictorSchema schema() {
        return schema;
    }

    /** Whether scoring needs the items' categories (category-affinity inputs). */
    public boolean needsCategories() {
        return schema.inputs().stream().anyMatch(in -> in.name().startsWith(PredictorSchema.AFFINITY_PREFIX));
    }

    /** Whether scoring reads user attributes. */
    public boolean needsAttributes() {
        return schema.inputs().stream().anyMatch(in -> in.name().startsWith("attribute:"));
    }

    /** P(positive) for each of {@code rows} of a table. */
    public double[] probabilities(FeatureTable table, int[] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        Dataset data = schema.dataset(table, rows, new boolean[rows.length]);
        Classifier c = classifier();
        double[] p = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            p[i] = c.predictProbability(data, i);
        }
        return p;
    }

    private Classifier classifier() {
        return tree != null ? tree : logistic;
    }

    /** Importances, most important first (ties in feature order), see the .proto's FeatureImportance. */
    public List<Importance> importances() {
        List<Importance> out = new ArrayList<>();
        if (tree != null) {
            double[] imp = tree.featureImportances();
            for (int j = 0; j < imp.length; j++) {
                out.add(new Importance(schema.inputs().get(j).name(), imp[j], 0));
            }
        } else {
            double[] beta = logistic.standardisedCoefficients();
            String[] columns = logistic.columnNames();
            double total = 0;
            for (int c = 1; c < beta.length; c++) {
                total += Math.abs(beta[c]);
            }
            for (int c = 1; c < beta.length; c++) {
                out.add(new Importance(columns[c], total > 0 ? Math.abs(beta[c]) / total : 0, beta[c]));
            }
        }
        List<Importance> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingDouble((Importance i) -> -i.importance()));
        return List.copyOf(sorted);
    }

    /** The prediction for row {@code row} of {@code table}, explained. */
    public Explanation explain(FeatureTable table, int row, Outcome outcome) {
        Dataset data = schema.dataset(table, new int[] {row}, new boolean[1]);
        return tree != null ? explainTree(data, table, row, outcome) : explainRegression(data, table, row, outcome);
    }

    private Explanation explainTree(Dataset data, FeatureTable table, int row, Outcome outcome) {
        DecisionTree.Path path = tree.path(data, 0);
        List<String> words = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        List<Contribution> contributions = new ArrayList<>();
        for (DecisionTree.Step s : path.steps()) {
            PredictorSchema.Input in = schema.inputs().get(s.feature());
            if (in.categorical()) {
                String level = in.levels().get(s.level());
                words.add(Wording.categorical(in.name(), level, s.left()));
                conditions.add(in.name() + (s.left() ? " = " : " != ") + level);
                contributions.add(new Contribution(in.name() + "=" + level, s.left() ? 1 : 0, 0));
            } else {
                words.add(Wording.numeric(in.name(), s.threshold(), in.integral(), s.left()));
                conditions.add(in.name() + (s.left() ? " <= " : " > ") + DecisionTree.compact(s.threshold()));
                double raw = schema.original(s.feature(), table, row);
                contributions.add(new Contribution(in.name(), Double.isNaN(raw) ? s.value() : raw, 0));
            }
        }
        double share = path.n() == 0 ? path.probability() : (double) path.positives() / path.n();
        String counts = " (" + path.positives() + " of " + path.n() + ")";
        String text = words.isEmpty() ? "Across all customers: " + Wording.percent(share) + " " + outcome.past() + counts
                : Wording.capitalise(String.join(" and ", words)) + ": " + Wording.percent(share) + " of such customers "
                + outcome.past() + counts;
        return new Explanation(path.probability(), text, List.copyOf(conditions), dedupe(contributions));
    }

    private static List<Contribution> dedupe(List<Contribution> in) {
        List<Contribution> out = new ArrayList<>();
        for (Contribution c : in) {
            if (out.stream().noneMatch(o -> o.feature().equals(c.feature()))) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    private Explanation explainRegression(Dataset data, FeatureTable table, int row, Outcome outcome) {
        double p = logistic.predictProbability(data, 0);
        List<LogisticRegression.Contribution> top = logistic.explain(data, 0,
                Math.min(TOP_CONTRIBUTIONS, schema.inputs().size()));
        List<Contribution> contributions = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (LogisticRegression.Contribution c : top) {
            if (c.contribution() == 0) {
                continue; // a constant column moves nothing
            }
            int j = schema.indexOf(c.feature());
            PredictorSchema.Input in = schema.inputs().get(j);
            String said;
            if (in.categorical()) {
                String level = schema.level(j, table, row);
                contributions.add(new Contribution(level == null ? in.name() : in.name() + "=" + level,
                        level == null ? 0 : 1, c.contribution()));
                said = level == null ? Wording.display(in.name()) + " not known"
                        : Wording.display(in.name()) + " is " + level;
            } else {
                double raw = schema.original(j, table, row);
                if (Double.isNaN(raw)) {
                    raw = schema.toOriginal(j, fill(j));
                }
                contributions.add(new Contribution(in.name(), raw, c.contribution()));
                said = Wording.display(in.name()) + " = " + Wording.number(raw);
            }
            if (words.size() < 3) {
                words.add(said + (c.contribution() > 0 ? " (raises it)" : " (lowers it)"));
            }
        }
        String text = Wording.percent(p) + " chance of " + outcome.noun()
                + (words.isEmpty() ? "; no feature moves it from the average" : "; the strongest factors: "
                + String.join(", ", words));
        return new Explanation(p, text, List.of(), List.copyOf(contributions));
    }

    /** The model's fill value of numeric input j (in model units). */
    private double fill(int j) {
        return logistic.state().fills()[j];
    }

    // ---------------------------------------------------------------- JSON

    /** The model as a JSON tree. Non-finite numbers are written as null. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("algorithm", algorithm.name());
        ArrayNode inputs = root.putArray("inputs");
        for (PredictorSchema.Input in : schema.inputs()) {
            ObjectNode o = inputs.addObject();
            o.put("name", in.name());
            o.put("categorical", in.categorical());
            o.put("log1p", in.log1p());
            o.put("integral", in.integral());
            ArrayNode levels = o.putArray("levels");
            in.levels().forEach(levels::add);
        }
        if (tree != null) {
            DecisionTree.State s = tree.state();
            ObjectNode t = root.putObject("tree");
            doubles(t.putArray("fills"), s.fills());
            ArrayNode nodes = t.putArray("nodes");
            for (DecisionTree.NodeState n : s.nodes()) {
                ObjectNode o = nodes.addObject();
                o.put("feature", n.feature());
                number(o, "threshold", n.threshold());
                o.put("level", n.level());
                o.put("gain", n.gain());
                o.put("n", n.n());
                o.put("positives", n.positives());
                o.put("left", n.left());
                o.put("right", n.right());
            }
        } else {
            LogisticRegression.State s = logistic.state();
            ObjectNode l = root.putObject("logistic");
            doubles(l.putArray("fills"), s.fills());
            ints(l.putArray("firstColumn"), s.firstColumn());
            ArrayNode columns = l.putArray("columns");
            s.columnNames().forEach(columns::add);
            doubles(l.putArray("mean"), s.mean());
            doubles(l.putArray("sd"), s.sd());
            doubles(l.putArray("beta"), s.beta());
            l.put("iterations", s.iterations());
            l.put("converged", s.converged());
            number(l, "logLikelihood", s.logLikelihood());
        }
        return root;
    }

    /** Reads {@link #toJson()}. */
    public static PredictorModel fromJson(JsonNode root) {
        if (root == null || root.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("not a stored predictor of format " + FORMAT);
        }
        Algorithm algorithm = Algorithm.valueOf(root.path("algorithm").asText());
        List<PredictorSchema.Input> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Dataset.Kind> kinds = new ArrayList<>();
        for (JsonNode o : root.path("inputs")) {
            List<String> levels = new ArrayList<>();
            o.path("levels").forEach(v -> levels.add(v.asText()));
            PredictorSchema.Input in = new PredictorSchema.Input(o.path("name").asText(),
                    o.path("categorical").asBoolean(), o.path("log1p").asBoolean(), o.path("integral").asBoolean(),
                    levels);
            inputs.add(in);
            names.add(in.name());
            kinds.add(in.categorical() ? Dataset.Kind.CATEGORICAL : Dataset.Kind.NUMERIC);
        }
        PredictorSchema schema = new PredictorSchema(inputs);
        if (algorithm == Algorithm.DECISION_TREE) {
            JsonNode t = root.path("tree");
            List<DecisionTree.NodeState> nodes = new ArrayList<>();
            for (JsonNode o : t.path("nodes")) {
                nodes.add(new DecisionTree.NodeState(o.path("feature").asInt(), number(o.path("threshold")),
                        o.path("level").asInt(), o.path("gain").asDouble(), o.path("n").asInt(),
                        o.path("positives").asInt(), o.path("left").asInt(), o.path("right").asInt()));
            }
            DecisionTree tree = DecisionTree.of(new DecisionTree.State(names, kinds, doubles(t.path("fills")), nodes));
            return new PredictorModel(algorithm, schema, tree, null);
        }
        JsonNode l = root.path("logistic");
        List<String> columns = new ArrayList<>();
        l.path("columns").forEach(v -> columns.add(v.asText()));
        int[] first = new int[l.path("firstColumn").size()];
        for (int i = 0; i < first.length; i++) {
            first[i] = l.path("firstColumn").get(i).asInt();
        }
        LogisticRegression lr = LogisticRegression.of(new LogisticRegression.State(names, kinds, first, columns,
                doubles(l.path("fills")), doubles(l.path("mean")), doubles(l.path("sd")), doubles(l.path("beta")),
                l.path("iterations").asInt(), l.path("converged").asBoolean(), number(l.path("logLikelihood"))));
        return new PredictorModel(algorithm, schema, null, lr);
    }

    private static void number(ObjectNode o, String field, double x) {
        if (Double.isFinite(x)) {
            o.put(field, x);
        } else {
            o.putNull(field);
        }
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? Double.NaN : n.asDouble();
    }

    private static void doubles(ArrayNode a, double[] v) {
        for (double x : v) {
            if (Double.isFinite(x)) {
                a.add(x);
            } else {
                a.addNull();
            }
        }
    }

    private static void ints(ArrayNode a, int[] v) {
        for (int x : v) {
            a.add(x);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(a.get(i));
        }
        return v;
    }
}
