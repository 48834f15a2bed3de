package dev.persona.recommend.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {

    private static final Interactions DATA = Synthetic.implicit(150, 70, 5);
    private static final AlsParams PARAMS = new AlsParams(6, 10, 0.5, 5, 7, 1, 3, false);

    @Test
    void lossNeverRisesWithConjugateGradientOrExactSolves() throws InterruptedException {
        for (AlsParams params : List.of(PARAMS, PARAMS.withCgSteps(0), PARAMS.withScaleLambda(true).withLambda(0.05))) {
            List<Double> losses = new ArrayList<>();
            ImplicitAls.train(DATA, params, (it, total, loss) -> losses.add(loss));
            assertEquals(10, losses.size());
            for (int t = 1; t < losses.size(); t++) {
                assertTrue(losses.get(t) <= losses.get(t - 1) * (1 + 1e-9), params + ": " + losses);
            }
            assertTrue(losses.get(9) < losses.get(0), losses.toString());
        }
    }

    @Test
    void lossIsTheWeightedObjectiveComputedDirectly() throws InterruptedException {
        double[] reported = new double[1];
        ImplicitAlsModel model = ImplicitAls.train(DATA, PARAMS.withIterations(3), (it, total, loss) -> reported[0] = loss);
        double loss = 0;
        for (int u = 0; u < DATA.numUsers(); u++) {
            float[] x = model.userFactors(u);
            for (int i = 0; i < DATA.numItems(); i++) {
                float[] y = model.itemFactors(i);
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                    s += (double) x[j] * y[j];
                }
                float r = DATA.get(u, i);
                double c = 1 + PARAMS.alpha() * r;
                double p = r > 0 ? 1 : 0;
                loss += c * (p - s) * (p - s);
            }
            loss += PARAMS.lambda() * squares(x);
        }
        for (int i = 0; i < DATA.numItems(); i++) {
            loss += PARAMS.lambda() * squares(model.itemFactors(i));
        }
        assertEquals(loss, reported[0], 1e-4 * loss);
    }

    @Test
    void sameSeedSameModelForAnyThreadCount() throws InterruptedException {
        ImplicitAlsModel one = ImplicitAls.train(DATA, PARAMS, ProgressListener.NONE);
        ImplicitAlsModel two = ImplicitAls.train(DATA, PARAMS.withThreads(2), ProgressListener.NONE);
        ImplicitAlsModel other = ImplicitAls.train(DATA, PARAMS.withSeed(8), ProgressListener.NONE);
        assertArrayEquals(one.userFactorArray(), two.userFactorArray());
        assertArrayEquals(one.itemFactorArray(), two.itemFactorArray());
        assertFalse(Arrays.equals(one.itemFactorArray(), other.itemFactorArray()));
    }

    @Test
    void foldInOfATrainedUserGivesTheirFactorsAndRanking() throws InterruptedException {
        for (AlsParams params : List.of(PARAMS.withCgSteps(0).withIterations(40), PARAMS.withIterations(40))) {
            ImplicitAlsModel model = ImplicitAls.train(DATA, params, ProgressListener.NONE);
            for (int u = 0; u < 10; u++) {
                float[] folded = model.foldIn(DATA.itemsOf(u), DATA.valuesOf(u));
                float[] trained = model.userFactors(u);
                double diff = 0;
                for (int j = 0; j < trained.length; j++) {
                    diff = Math.max(diff, Math.abs(trained[j] - folded[j]));
                }
                assertTrue(diff < 0.01 * Math.sqrt(squares(trained)) + 1e-4, u + ": " + diff);
                float[] byTrained = model.scores(u);
                float[] byFolded = model.scores(folded);
                for (int i = 0; i < byTrained.length; i++) {
                    assertEquals(byTrained[i], byFolded[i], 0.01);
                }
            }
        }
    }

    @Test
    void learnsTheStructure() throws InterruptedException {
        // Items a user interacted with score higher on average than items they did not.
        ImplicitAlsModel model = ImplicitAls.train(DATA, PARAMS, ProgressListener.NONE);
        double seen = 0;
        double unseen = 0;
        int nSeen = 0;
        int nUnseen = 0;
        for (int u = 0; u < DATA.numUsers(); u++) {
            float[] scores = model.scores(u);
            for (int i = 0; i < scores.length; i++) {
                if (DATA.get(u, i) > 0) {
                    seen += scores[i];
                    nSeen++;
                } else {
                    unseen += scores[i];
                    nUnseen++;
                }
            }
        }
        assertTrue(seen / nSeen > unseen / nUnseen + 0.3, seen / nSeen + " vs " + unseen / nUnseen);
    }

    @Test
    void eraseAndInterrupt() throws InterruptedException {
        ImplicitAlsModel model = ImplicitAls.train(DATA, PARAMS.withIterations(2), ProgressListener.NONE);
        int u = model.userIndex("u7");
        assertTrue(model.erase("u7"));
        assertEquals(-1, model.userIndex("u7"));
        assertArrayEquals(new float[6], model.userFactors(u));
        assertFalse(model.erase("u7"));
        assertThrows(InterruptedException.class, () -> ImplicitAls.train(DATA, PARAMS.withThreads(2),
                (it, total, loss) -> Thread.currentThread().interrupt()));
        assertFalse(Thread.interrupted());
    }

    private static double squares(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s;
    }
}
