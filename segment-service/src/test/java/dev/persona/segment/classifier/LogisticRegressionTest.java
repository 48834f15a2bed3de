package dev.persona.segment.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void handComputedOneFeatureCase() {
        // x = 0: 1 of 4 positive; x = 1: 3 of 4 positive. Unpenalised MLE reproduces the group rates:
        // intercept ln(1/3), slope ln 3 − ln(1/3) = 2 ln 3
        double[] x = {0, 0, 0, 0, 1, 1, 1, 1};
        int[] y = {1, 0, 0, 0, 1, 1, 1, 0};
        Dataset data = Dataset.builder(y).numeric("x", x).build();
        LogisticRegression model = LogisticRegression.fit(data, data.allRows(), 0);
        assertTrue(model.converged());
        assertTrue(model.iterations() < 20, "iterations " + model.iterations());
        assertEquals(0.25, model.predictProbability(data, 0), 1e-9);
        assertEquals(0.75, model.predictProbability(data, 4), 1e-9);
        double[] orig = model.originalCoefficients();
        assertEquals(-Math.log(3), orig[0], 1e-8);
        assertEquals(2 * Math.log(3), orig[1], 1e-8);
        // x has mean ½ and sd ½: standardised slope = original · sd, intercept = logit of the mean prediction at z = 0
        double[] std = model.standardisedCoefficients();
        assertEquals(Math.log(3), std[1], 1e-8);
        assertEquals(0, std[0], 1e-8);
        // ℓ = 2 · [ln ¼ + 3 ln ¾]
        assertEquals(2 * (Math.log(0.25) + 3 * Math.log(0.75)), model.penalisedLogLikelihood(), 1e-9);
    }

    @Test
    void recoversKnownCoefficientsOnSyntheticData() {
        Random random = new Random(20260101L);
        int n = 20_000;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x1[i] = 1 + 2 * random.nextGaussian();
            x2[i] = random.nextGaussian();
            double eta = -0.5 + 0.8 * x1[i] - 1.5 * x2[i];
            y[i] = random.nextDouble() < LogisticRegression.sigmoid(eta);
        }
        Dataset data = Dataset.builder(y).numeric("x1", x1).numeric("x2", x2).build();
        LogisticRegression model = LogisticRegression.fit(data, data.allRows(), 1e-6);
        assertTrue(model.converged());
        double[] orig = model.originalCoefficients();
        assertEquals(-0.5, orig[0], 0.08);
        assertEquals(0.8, orig[1], 0.05);
        assertEquals(-1.5, orig[2], 0.08);
        assertArrayEquals(new String[] {"(intercept)", "x1", "x2"}, model.columnNames());
        // original and standardised units give the same probability
        double eta = orig[0] + orig[1] * x1[7] + orig[2] * x2[7];
        assertEquals(LogisticRegression.sigmoid(eta), model.predictProbability(data, 7), 1e-12);
    }

    @Test
    void penaltyShrinksSlopesButNotIntercept() {
        double[] x = {0, 0, 0, 0, 1, 1, 1, 1};
        int[] y = {1, 0, 0, 0, 1, 1, 1, 0};
        Dataset data = Dataset.builder(y).numeric("x", x).build();
        double[] weak = LogisticRegression.fit(data, data.allRows(), 0.1).standardisedCoefficients();
        double[] strong = LogisticRegression.fit(data, data.allRows(), 100).standardisedCoefficients();
        assertTrue(Math.abs(strong[1]) < Math.abs(weak[1]));
        assertTrue(Math.abs(strong[1]) < 0.05);
        // balanced labels: the unpenalised intercept stays at logit(½) = 0
        assertEquals(0, strong[0], 1e-9);
    }

    @Test
    void oneHotCategoriesMissingValuesAndExplanation() {
        Random random = new Random(5);
        int n = 600;
        String[] contract = new String[n];
        double[] tenure = new double[n];
        double[] noise = new double[n];
        boolean[] y = new boolean[n];
        String[] levels = {"Month-to-month", "One year", "Two year"};
        for (int i = 0; i < n; i++) {
            contract[i] = levels[i % 3];
            tenure[i] = i % 10 == 0 ? Double.NaN : random.nextInt(60);
            noise[i] = random.nextGaussian() * 0.01;
            double eta = (i % 3 == 0 ? 1.5 : i % 3 == 1 ? -0.5 : -1.5) - 0.04 * (Double.isNaN(tenure[i]) ? 30 : tenure[i]);
            y[i] = random.nextDouble() < LogisticRegression.sigmoid(eta);
        }
        Dataset data = Dataset.builder(y).categorical("contract", contract).numeric("tenure", tenure)
                .numeric("noise", noise).build();
        LogisticRegression model = LogisticRegression.fit(data, data.allRows(), 1.0);
        assertTrue(model.converged());
        assertArrayEquals(new String[] {"(intercept)", "contract=Month-to-month", "contract=One year",
                "contract=Two year", "tenure", "noise"}, model.columnNames());
        double[] beta = model.standardisedCoefficients();
        assertTrue(beta[1] > 0 && beta[3] < 0 && beta[4] < 0);

        // row 3: month-to-month; find a row with a short tenure
        int row = -1;
        for (int i = 0; i < n; i += 3) {
            if (tenure[i] < 5) {
                row = i;
                break;
            }
        }
        List<LogisticRegression.Contribution> why = model.explain(data, row);
        assertEquals(3, why.size());
        assertEquals("contract", why.get(0).feature());
        assertEquals("Month-to-month", why.get(0).value());
        assertTrue(why.get(0).contribution() > 0);
        assertEquals("tenure", why.get(1).feature());
        assertTrue(why.get(1).contribution() > 0, "a short tenure raises churn");
        assertEquals("noise", why.get(2).feature());
        double sum = beta[0];
        for (LogisticRegression.Contribution c : why) {
            sum += c.contribution();
        }
        assertEquals(LogisticRegression.sigmoid(sum), model.predictProbability(data, row), 1e-12);
        // row 0 has no tenure: it is explained with the training median
        assertEquals(DecisionTree.compact(data.median(1, data.allRows())), model.explain(data, 0, 3).stream()
                .filter(c -> c.feature().equals("tenure")).findFirst().orElseThrow().value());
    }

    @Test
    void deterministicAndCrossValidates() {
        Random random = new Random(9);
        int n = 300;
        double[] x = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
            y[i] = random.nextDouble() < LogisticRegression.sigmoid(2 * x[i]);
        }
        Dataset data = Dataset.builder(y).numeric("x", x).build();
        CrossValidation.Result a = CrossValidation.run(data, LogisticRegression.factory(0.1), 5, 3);
        assertEquals(a, CrossValidation.run(data, LogisticRegression.factory(0.1), 5, 3));
        assertTrue(a.mean().auc() > 0.75, "auc " + a.mean().auc());
    }

    @Test
    void separableDataNeedsAPenalty() {
        Dataset data = Dataset.builder(new int[] {0, 0, 1, 1}).numeric("x", new double[] {1, 2, 3, 4}).build();
        LogisticRegression model = LogisticRegression.fit(data, data.allRows(), 1);
        assertTrue(model.converged());
        assertTrue(model.predictProbability(data, 3) > 0.5);
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(data, data.allRows(), -1));
    }

    @Test
    void choleskySolvesByHand() {
        // [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0]
        assertArrayEquals(new double[] {0.5, 0},
                LogisticRegression.solve(new double[][] {{4, 2}, {2, 3}}, new double[] {2, 1}), 1e-12);
        assertThrows(IllegalStateException.class,
                () -> LogisticRegression.solve(new double[][] {{1, 2}, {2, 1}}, new double[] {1, 1}));
    }
}
