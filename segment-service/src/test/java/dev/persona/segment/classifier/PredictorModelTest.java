package dev.persona.segment.classifier;

import dev.persona.core.metrics.ClassificationMetrics;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.segment.features.Customer;
import dev.persona.segment.features.CustomerEvent;
import dev.persona.segment.features.FeatureSpec;
import dev.persona.segment.features.FeatureTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PredictorModelTest {

    static final long DAY = 86_400_000L;
    static final long CLOCK = 1_000 * DAY;
    static final PredictorModel.Params PARAMS = new PredictorModel.Params(4, 10, 1.0);
    static final PredictorModel.Outcome CHURN = new PredictorModel.Outcome("churn", "churned");

    /** 300 customers: contract (monthly churns), tenure (whole months; short churns), purchases, label "churn". */
    static List<Customer> customers() {
        Random random = new Random(5);
        List<Customer> out = new ArrayList<>();
        String[] contracts = {"monthly", "yearly", "two-year"};
        for (int i = 0; i < 300; i++) {
            String contract = contracts[i % 3];
            int tenure = 1 + random.nextInt(60);
            double p = (contract.equals("monthly") ? 0.6 : 0.15) + (tenure < 12 ? 0.25 : -0.1);
            Map<String, String> attrs = new HashMap<>();
            attrs.put("contract", contract);
            attrs.put("tenure", i % 23 == 0 ? "" : Integer.toString(tenure));
            attrs.put("churn", random.nextDouble() < p ? "yes" : "no");
            out.add(Customer.of(String.format("u%03d", i), attrs));
        }
        return out;
    }

    static List<CustomerEvent> events() {
        List<CustomerEvent> out = new ArrayList<>();
        for (int i = 0; i < 300; i += 2) {
            for (int k = 0; k <= i % 7; k++) {
                out.add(new CustomerEvent(String.format("u%03d", i), "x", "PURCHASE", 10 + k * 30, CLOCK - (k + 1) * 9 * DAY,
                        null));
            }
        }
        return out;
    }

    record Fitted(FeatureTable table, int[] rows, boolean[] y, PredictorModel model) {
    }

    static Fitted fit(PredictorModel.Algorithm algorithm) {
        List<Customer> customers = customers();
        FeatureTable table = FeatureTable.build(FeatureSpec.everything(true), customers, events(), CLOCK,
                Set.of("churn"));
        int[] rows = new int[table.rows()];
        boolean[] y = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
            y[i] = customers.get(i).attributes().get("churn").equals("yes");
        }
        PredictorSchema schema = PredictorSchema.of(table, rows,
                algorithm == PredictorModel.Algorithm.LOGISTIC_REGRESSION);
        Dataset data = schema.dataset(table, rows, y);
        return new Fitted(table, rows, y, PredictorModel.fit(algorithm, PARAMS, schema, data, data.allRows()));
    }

    @Test
    void schemaSortsLevelsLogsCountsAndFlagsWholeNumbers() {
        Fitted f = fit(PredictorModel.Algorithm.LOGISTIC_REGRESSION);
        PredictorSchema schema = f.model().schema();
        PredictorSchema.Input contract = schema.inputs().get(schema.indexOf("attribute:contract"));
        assertTrue(contract.categorical());
        assertEquals(List.of("monthly", "two-year", "yearly"), contract.levels());
        assertTrue(schema.inputs().get(schema.indexOf("frequency")).log1p());
        assertTrue(schema.inputs().get(schema.indexOf("frequency")).integral());
        assertFalse(schema.inputs().get(schema.indexOf("mean_rating")).log1p());
        PredictorSchema.Input tenure = schema.inputs().get(schema.indexOf("attribute:tenure"));
        assertFalse(tenure.log1p(), "a roughly uniform attribute is no count");
        assertTrue(tenure.integral());
        assertEquals(-1, schema.indexOf("attribute:churn"), "the label is never a feature");
        assertFalse(fit(PredictorModel.Algorithm.DECISION_TREE).model().schema().inputs()
                .get(schema.indexOf("frequency")).log1p(), "trees see raw values");
    }

    @Test
    void countLikeAttributes() {
        assertTrue(PredictorSchema.countLike(new double[] {0, 1, 1, 2, 2, 3, 50, 100}, new int[] {0, 1, 2, 3, 4, 5, 6, 7}));
        assertFalse(PredictorSchema.countLike(new double[] {0, 0, 0, 0, 0, 0, 1}, new int[] {0, 1, 2, 3, 4, 5, 6}),
                "two values: a flag");
        assertFalse(PredictorSchema.countLike(new double[] {-1, 1, 1, 2, 3, 50}, new int[] {0, 1, 2, 3, 4, 5}),
                "negative values");
        assertFalse(PredictorSchema.countLike(new double[] {1, 2, 3, 4, 5}, new int[] {0, 1, 2, 3, 4}),
                "symmetric");
    }

    @Test
    void unseenOrMissingLevelsHaveNoLevelAndAbsentColumnsAreMissing() {
        Fitted f = fit(PredictorModel.Algorithm.LOGISTIC_REGRESSION);
        FeatureTable other = FeatureTable.build(FeatureSpec.everything(true),
                List.of(Customer.of("new", Map.of("contract", "weekly")), Customer.of("bare", Map.of())),
                List.of(), CLOCK, Set.of());
        Dataset d = f.model().schema().dataset(other, new int[] {0, 1}, new boolean[2]);
        int contract = d.feature("attribute:contract");
        assertArrayEquals(new int[] {Dataset.NO_LEVEL, Dataset.NO_LEVEL}, d.codes(contract));
        assertTrue(Double.isNaN(d.numeric(d.feature("attribute:tenure"))[1]));
        double[] p = f.model().probabilities(other, new int[] {0, 1});
        assertEquals(p[0], p[1], 1e-12, "an unseen level is as good as none");
    }

    @Test
    void treeSurvivesJsonAndExplainsInWords() throws Exception {
        Fitted f = fit(PredictorModel.Algorithm.DECISION_TREE);
        PredictorModel back = roundTrip(f.model());
        assertArrayEquals(f.model().probabilities(f.table(), f.rows()), back.probabilities(f.table(), f.rows()), 0);
        PredictorModel.Explanation e = back.explain(f.table(), 0, CHURN);
        assertEquals(f.model().explain(f.table(), 0, CHURN), e);
        assertEquals(f.model().probabilities(f.table(), new int[] {0})[0], e.probability(), 0);
        assertFalse(e.decisionPath().isEmpty());
        assertEquals("attribute:contract = monthly", e.decisionPath().get(0)); // u000 is monthly
        assertTrue(e.text().startsWith("Contract is monthly"), e.text());
        assertTrue(e.text().matches(".*: \\d+ % of such customers churned \\(\\d+ of \\d+\\)"), e.text());
        assertEquals("attribute:contract=monthly", e.contributions().get(0).feature());
        assertEquals(1, e.contributions().get(0).value());
        for (String step : e.decisionPath()) {
            assertFalse(step.contains("≤"), "the path uses plain operators: " + step);
        }
        double sum = f.model().importances().stream().mapToDouble(PredictorModel.Importance::importance).sum();
        assertEquals(1, sum, 1e-9);
    }

    @Test
    void regressionSurvivesJsonAndListsItsLargestContributions() throws Exception {
        Fitted f = fit(PredictorModel.Algorithm.LOGISTIC_REGRESSION);
        PredictorModel back = roundTrip(f.model());
        assertArrayEquals(f.model().probabilities(f.table(), f.rows()), back.probabilities(f.table(), f.rows()), 0);
        int row = f.table().rowOf("u023"); // tenure missing
        PredictorModel.Explanation e = back.explain(f.table(), row, CHURN);
        assertEquals(f.model().explain(f.table(), row, CHURN), e);
        assertTrue(e.decisionPath().isEmpty());
        assertTrue(e.contributions().size() <= 5 && !e.contributions().isEmpty());
        for (int i = 1; i < e.contributions().size(); i++) {
            assertTrue(Math.abs(e.contributions().get(i).contribution())
                    <= Math.abs(e.contributions().get(i - 1).contribution()));
        }
        assertTrue(e.text().contains("chance of churn; the strongest factors: "), e.text());
        List<PredictorModel.Importance> imp = f.model().importances();
        assertTrue(imp.stream().anyMatch(i -> i.feature().equals("attribute:contract=monthly")
                && i.coefficient() > 0));
        assertEquals(1, imp.stream().mapToDouble(PredictorModel.Importance::importance).sum(), 1e-9);
        // a frequency of 3 shows as 3, not as its log
        int buyer = f.table().rowOf("u002");
        PredictorModel.Explanation b = back.explain(f.table(), buyer, CHURN);
        b.contributions().stream().filter(c -> c.feature().equals("frequency"))
                .forEach(c -> assertEquals(3, c.value(), 1e-12));
    }

    @Test
    void aTreeThatIsOneLeafSpeaksOfEveryone() {
        Fitted f = fit(PredictorModel.Algorithm.DECISION_TREE);
        Dataset data = f.model().schema().dataset(f.table(), f.rows(), f.y());
        PredictorModel leaf = PredictorModel.fit(PredictorModel.Algorithm.DECISION_TREE,
                new PredictorModel.Params(1, 1_000, 1), f.model().schema(), data, data.allRows());
        PredictorModel.Explanation e = leaf.explain(f.table(), 0, CHURN);
        int positives = data.positives(data.allRows());
        assertEquals("Across all customers: " + Math.round(100.0 * positives / 300) + " % churned (" + positives
                + " of 300)", e.text());
        assertTrue(e.decisionPath().isEmpty() && e.contributions().isEmpty());
        assertEquals((positives + 1) / 302.0, e.probability(), 1e-12);
    }

    private static PredictorModel roundTrip(PredictorModel m) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(m.toJson());
        assertFalse(text.contains("NaN"), text);
        return PredictorModel.fromJson(json.readTree(text));
    }

    @Test
    void pooledCrossValidationKeepsEveryRowsOutOfFoldProbability() {
        Fitted f = fit(PredictorModel.Algorithm.LOGISTIC_REGRESSION);
        Dataset data = f.model().schema().dataset(f.table(), f.rows(), f.y());
        ModelFactory factory = PredictorModel.factory(PredictorModel.Algorithm.LOGISTIC_REGRESSION, PARAMS);
        CrossValidation.Pooled pooled = CrossValidation.runPooled(data, factory, 5, 3);
        CrossValidation.Result plain = CrossValidation.run(data, factory, 5, 3);
        assertEquals(plain.mean(), pooled.mean());
        int[][] folds = CrossValidation.stratifiedFolds(data.labels(), 5, 3);
        Classifier first = factory.fit(data, CrossValidation.complement(data.allRows(), folds[0], data.rows()));
        for (int r : folds[0]) {
            assertEquals(first.predictProbability(data, r), pooled.probabilities()[r], 0);
        }
        double mean = pooled.folds().stream().mapToDouble(ClassificationMetrics::auc).average().orElseThrow();
        double var = pooled.folds().stream().mapToDouble(m -> (m.auc() - mean) * (m.auc() - mean)).sum() / 5;
        assertEquals(Math.sqrt(var), pooled.aucStd(), 1e-12);
    }

    @Test
    void datasetMeanImputationAndCodesWithoutALevel() {
        boolean[] y = {true, false, true, false};
        Dataset d = Dataset.builder(y).imputation(Dataset.Imputation.MEAN).numeric("x", new double[] {1, 2, Double.NaN, 6})
                .categoricalOrNone("c", new int[] {0, -1, 1, 0}, new String[] {"a", "b"}).build();
        assertEquals(3, d.fillValue(0, d.allRows()), 1e-12);
        assertEquals(2, d.median(0, d.allRows()), 1e-12);
        assertArrayEquals(new String[] {"a", "b"}, d.levels(1));
        DecisionTree tree = DecisionTree.fit(d, d.allRows(), new DecisionTree.Params(3, 1, 0));
        DecisionTree back = DecisionTree.of(tree.state());
        for (int r = 0; r < 4; r++) {
            assertEquals(tree.predictProbability(d, r), back.predictProbability(d, r), 0);
        }
        LogisticRegression lr = LogisticRegression.fit(d, d.allRows(), 1);
        LogisticRegression lrBack = LogisticRegression.of(lr.state());
        for (int r = 0; r < 4; r++) {
            assertEquals(lr.predictProbability(d, r), lrBack.predictProbability(d, r), 0);
        }
    }
}
