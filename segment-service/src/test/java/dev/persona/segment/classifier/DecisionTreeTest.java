package dev.persona.segment.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTreeTest {

    private static final DecisionTree.Params DEEP = new DecisionTree.Params(10, 1, 0);

    @Test
    void entropyAndGainByHand() {
        // table: x = a, a, b, b; y = 1, 1, 1, 0 → parent 3/4 positive
        double parent = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2);
        assertEquals(parent, DecisionTree.entropy(3, 4), 1e-12);
        assertEquals(0.8112781244591328, DecisionTree.entropy(3, 4), 1e-12);
        assertEquals(1.0, DecisionTree.entropy(2, 4), 1e-12);
        assertEquals(0.0, DecisionTree.entropy(4, 4), 1e-12);
        assertEquals(0.0, DecisionTree.entropy(0, 4), 1e-12);
        // x = a: 2 rows both positive (H = 0); x = b: 1 of 2 (H = 1) → gain = H − ½·0 − ½·1
        assertEquals(parent - 0.5, DecisionTree.gain(3, 4, 2, 2), 1e-12);
        assertEquals(0.0, DecisionTree.gain(2, 4, 1, 2), 1e-12);
    }

    @Test
    void findsKnownNumericThreshold() {
        double[] x = {3, 1, 8, 10, 2, 7, 5, 9, 4, 6};
        boolean[] y = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] > 6;
        }
        Dataset data = Dataset.builder(y).numeric("x", x).build();
        DecisionTree tree = DecisionTree.fit(data, data.allRows(), DEEP);
        assertEquals(2, tree.leaves());
        assertEquals("x ≤ 6.5 → 13 % yes", tree.explain(data, 1, "yes")); // 0 of 6 → 1/8
        assertEquals("x > 6.5 → 83 % yes", tree.explain(data, 2, "yes")); // 4 of 4 → 5/6
    }

    @Test
    void missingNumericUsesTrainingMedian() {
        double[] x = {1, 2, 3, 4, 5, 6, Double.NaN};
        boolean[] y = {false, false, false, true, true, true, true};
        Dataset data = Dataset.builder(y).numeric("x", x).build();
        assertEquals(3.5, data.median(0, data.allRows()), 0);
        DecisionTree tree = DecisionTree.fit(data, data.allRows(), DEEP);
        // the NaN row is imputed to 3.5 and is positive, so the best split is x ≤ 3 vs > 3
        assertEquals("x > 3.25 → 83 % yes", tree.explain(data, 6, "yes"));
    }

    @Test
    void findsCategoricalSplitWithMissingAsLevel() {
        String[] colour = {"red", "blue", null, "red", "green", null, "blue", null};
        boolean[] y = new boolean[colour.length];
        for (int i = 0; i < colour.length; i++) {
            y[i] = colour[i] == null;
        }
        Dataset data = Dataset.builder(y).categorical("colour", colour).build();
        assertArrayEquals(new String[] {"red", "blue", Dataset.MISSING, "green"}, data.levels(0));
        DecisionTree tree = DecisionTree.fit(data, data.allRows(), DEEP);
        assertEquals(2, tree.leaves());
        assertEquals("colour is (missing) → 80 % yes", tree.explain(data, 2, "yes"));
        assertEquals("colour is not (missing) → 14 % yes", tree.explain(data, 0, "yes"));
    }

    @Test
    void laplaceLeaves() {
        // pure and too-small-to-split data stay a single leaf: (k + 1) / (n + 2)
        Dataset pure = Dataset.builder(new boolean[] {true, true, true}).numeric("x", new double[] {1, 2, 3}).build();
        assertEquals(4.0 / 5, DecisionTree.fit(pure, pure.allRows(), DEEP).predictProbability(pure, 0), 1e-12);
        Dataset mixed = Dataset.builder(new int[] {1, 0, 0, 0}).numeric("x", new double[] {1, 1, 1, 1}).build();
        DecisionTree leaf = DecisionTree.fit(mixed, mixed.allRows(), DEEP);
        assertEquals(1, leaf.leaves());
        assertEquals(2.0 / 6, leaf.predictProbability(mixed, 3), 1e-12);
        assertEquals("every row → 33 % churn", leaf.explain(mixed, 0, "churn"));
        assertArrayEquals(new double[] {0}, leaf.featureImportances(), 0);
    }

    /** Churn-like table: contract decides first, tenure second. */
    private static Dataset churn() {
        List<String> contract = new ArrayList<>();
        List<Double> tenure = new ArrayList<>();
        List<Boolean> churn = new ArrayList<>();
        for (int i = 0; i < 23; i++) { // month-to-month, short tenure: 16 of 23 churn → 17/25 = 68 %
            contract.add("Month-to-month");
            tenure.add((double) (1 + i % 5));
            churn.add(i < 16);
        }
        for (int i = 0; i < 20; i++) { // month-to-month, long tenure: 2 of 20 churn
            contract.add("Month-to-month");
            tenure.add((double) (6 + i));
            churn.add(i >= 18);
        }
        for (int i = 0; i < 40; i++) { // two year, short tenure too: nobody churns
            contract.add("Two year");
            tenure.add((double) (1 + i % 5));
            churn.add(false);
        }
        boolean[] y = new boolean[churn.size()];
        double[] t = new double[churn.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = churn.get(i);
            t[i] = tenure.get(i);
        }
        return Dataset.builder(y).categorical("contract", contract.toArray(new String[0])).numeric("tenure", t).build();
    }

    @Test
    void explanationSentence() {
        Dataset data = churn();
        DecisionTree tree = DecisionTree.fit(data, data.allRows(), new DecisionTree.Params(2, 1, 0));
        assertEquals("contract is Month-to-month and tenure ≤ 5.5 → 68 % churn", tree.explain(data, 0, "churn"));
        assertEquals("contract is not Month-to-month → 2 % churn", tree.explain(data, 50, "churn"));
        assertEquals(17.0 / 25, tree.predictProbability(data, 0), 1e-12);
    }

    @Test
    void importancesSumToOne() {
        Dataset data = churn();
        DecisionTree tree = DecisionTree.fit(data, data.allRows(), DEEP);
        double[] imp = tree.featureImportances();
        assertEquals(1.0, imp[0] + imp[1], 1e-12);
        assertEquals(2, imp.length);
        for (double v : imp) {
            assertEquals(true, v > 0);
        }
    }

    @Test
    void pruningRemovesNoiseSplit() {
        // x ≤ 4 is negative, except one noisy positive at x = 2 that only the flag can isolate
        double[] x = {1, 2, 2, 3, 4, 5, 6, 7, 8};
        String[] flag = {"no", "no", "yes", "no", "no", "no", "no", "no", "no"};
        boolean[] y = {false, false, true, false, false, true, true, true, true};
        // validation: same pattern with correct labels
        double[] vx = {1, 2, 2, 3, 4, 5, 6, 7, 8};
        String[] vflag = {"no", "no", "yes", "no", "no", "no", "no", "no", "no"};
        boolean[] vy = {false, false, false, false, false, true, true, true, true};
        double[] ax = new double[18];
        String[] aflag = new String[18];
        boolean[] ay = new boolean[18];
        for (int i = 0; i < 9; i++) {
            ax[i] = x[i];
            aflag[i] = flag[i];
            ay[i] = y[i];
            ax[9 + i] = vx[i];
            aflag[9 + i] = vflag[i];
            ay[9 + i] = vy[i];
        }
        Dataset data = Dataset.builder(ay).numeric("x", ax).categorical("flag", aflag).build();
        int[] grow = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        int[] validation = {9, 10, 11, 12, 13, 14, 15, 16, 17};
        DecisionTree full = DecisionTree.fit(data, grow, DEEP);
        assertEquals(3, full.leaves());
        assertEquals(true, full.featureImportances()[1] > 0);
        assertEquals("x ≤ 4.5 and flag is not no → 67 % yes", full.explain(data, 2, "yes"));

        DecisionTree pruned = full.prune(data, validation);
        assertEquals(2, pruned.leaves());
        assertArrayEquals(new double[] {1, 0}, pruned.featureImportances(), 1e-12);
        assertEquals("x ≤ 4.5 → 29 % yes", pruned.explain(data, 2, "yes"));
        assertEquals(pruned.leaves(), DecisionTree.fit(data, grow, validation, DEEP).leaves());
    }

    @Test
    void deterministicAndCrossValidates() {
        Dataset data = churn();
        CrossValidation.Result a = CrossValidation.run(data, DecisionTree.prunedFactory(DEEP, 4, 3), 5, 11);
        CrossValidation.Result b = CrossValidation.run(data, DecisionTree.prunedFactory(DEEP, 4, 3), 5, 11);
        assertEquals(a, b);
        assertEquals(true, a.mean().auc() > 0.8, "auc " + a.mean().auc());
    }

    @Test
    void compactThresholds() {
        assertEquals("5.5", DecisionTree.compact(5.5));
        assertEquals("5", DecisionTree.compact(5.0));
        assertEquals("0.15", DecisionTree.compact(0.15000000000000002));
        assertEquals("1234568", DecisionTree.compact(1234567.5)); // integer digits are never dropped
        assertEquals("-2.33333", DecisionTree.compact(-7.0 / 3));
    }

    @Test
    void rejectsBadParams() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionTree.Params(-1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DecisionTree.Params(3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DecisionTree.Params(3, 1, Double.NaN));
    }
}
