package dev.persona.recommend.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplicitAlsTest {

    private static final Interactions RATINGS = Synthetic.ratings(120, 60, 0.3, 11);
    private static final AlsParams PARAMS = new AlsParams(8, 12, 0.05, 0, 42, 1, 0, true);

    @Test
    void lossNeverRisesAndFitsTheRatings() throws InterruptedException {
        List<Double> losses = new ArrayList<>();
        ExplicitAlsModel model = ExplicitAls.train(RATINGS, PARAMS, (it, total, loss) -> {
            assertEquals(losses.size() + 1, it);
            assertEquals(12, total);
            losses.add(loss);
        });
        assertEquals(12, losses.size());
        for (int t = 1; t < losses.size(); t++) {
            assertTrue(losses.get(t) <= losses.get(t - 1) * (1 + 1e-9), "loss rose at " + t + ": " + losses);
        }
        assertTrue(losses.get(11) < 0.5 * losses.get(0), losses.toString());
        // The training RMSE beats the global mean's by far on this low-rank data.
        double se = 0;
        double seMean = 0;
        for (int u = 0; u < RATINGS.numUsers(); u++) {
            int[] items = RATINGS.itemsOf(u);
            float[] values = RATINGS.valuesOf(u);
            for (int t = 0; t < items.length; t++) {
                double e = values[t] - model.predict(u, items[t]);
                se += e * e;
                seMean += (values[t] - model.mean()) * (values[t] - model.mean());
            }
        }
        assertTrue(se < 0.3 * seMean, se + " vs " + seMean);
        assertEquals(RATINGS.sum() / RATINGS.size(), model.mean(), 1e-9);
    }

    @Test
    void sameSeedSameModelForAnyThreadCount() throws InterruptedException {
        ExplicitAlsModel one = ExplicitAls.train(RATINGS, PARAMS, ProgressListener.NONE);
        ExplicitAlsModel again = ExplicitAls.train(RATINGS, PARAMS, ProgressListener.NONE);
        ExplicitAlsModel two = ExplicitAls.train(RATINGS, PARAMS.withThreads(2), ProgressListener.NONE);
        ExplicitAlsModel other = ExplicitAls.train(RATINGS, PARAMS.withSeed(43), ProgressListener.NONE);
        assertArrayEquals(one.userFactorArray(), again.userFactorArray());
        assertArrayEquals(one.userFactorArray(), two.userFactorArray());
        assertArrayEquals(one.itemFactorArray(), two.itemFactorArray());
        assertArrayEquals(one.userBiasArray(), two.userBiasArray());
        assertArrayEquals(one.itemBiasArray(), two.itemBiasArray());
        assertFalse(java.util.Arrays.equals(one.itemFactorArray(), other.itemFactorArray()));
    }

    @Test
    void foldInOfATrainedUserGivesTheirFactors() throws InterruptedException {
        ExplicitAlsModel model = ExplicitAls.train(RATINGS, PARAMS.withIterations(40), ProgressListener.NONE);
        for (int u = 0; u < 10; u++) {
            Map<String, Float> history = new HashMap<>();
            int[] items = RATINGS.itemsOf(u);
            float[] values = RATINGS.valuesOf(u);
            for (int t = 0; t < items.length; t++) {
                history.put(RATINGS.itemId(items[t]), values[t]);
            }
            history.put("never-seen-item", 5f);
            ExplicitAlsModel.FoldedUser folded = model.foldIn(history);
            int index = model.userIndex(RATINGS.userId(u));
            // Not bit-equal: the items moved once more after the users' last solve.
            assertEquals(model.userBias(index), folded.bias(), 0.01);
            float[] trained = model.userFactors(index);
            double diff = 0;
            double norm = 0;
            for (int j = 0; j < trained.length; j++) {
                diff += Math.pow(trained[j] - folded.factors()[j], 2);
                norm += Math.pow(trained[j], 2);
            }
            assertTrue(Math.sqrt(diff) < 0.05 * Math.sqrt(norm), u + ": " + Math.sqrt(diff / norm));
            for (int i = 0; i < RATINGS.numItems(); i++) {
                assertEquals(model.predict(index, i), model.predict(folded, i), 0.02);
            }
        }
    }

    @Test
    void eraseForgetsTheUser() throws InterruptedException {
        ExplicitAlsModel model = ExplicitAls.train(RATINGS, PARAMS.withIterations(2), ProgressListener.NONE);
        int u = model.userIndex("u3");
        assertTrue(model.erase("u3"));
        assertEquals(-1, model.userIndex("u3"));
        assertEquals(null, model.userId(u));
        assertEquals(0, model.userBias(u));
        assertArrayEquals(new float[8], model.userFactors(u));
        assertFalse(model.erase("u3"));
        // An unknown user is predicted from μ and the item bias.
        assertEquals(model.mean() + model.itemBias(0), model.predict("u3", model.itemId(0)), 1e-9);
    }

    @Test
    void interruptCancels() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> ExplicitAls.train(RATINGS, PARAMS.withThreads(2),
                ProgressListener.NONE));
        assertFalse(Thread.interrupted());
        // Interrupted from the listener, between sweeps.
        assertThrows(InterruptedException.class, () -> ExplicitAls.train(RATINGS, PARAMS.withThreads(2),
                (it, total, loss) -> Thread.currentThread().interrupt()));
        Thread.interrupted();
    }
}
