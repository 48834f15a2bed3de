package dev.persona.recommend.model;

/**
 * EASE (Steck, "Embarrassingly shallow autoencoders for sparse data", WWW 2019): item–item weights
 * B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹, so that B has a zero diagonal and the score of item j for a user
 * with history row x is Σ_i x_i B_ij. X holds the values as given (binarise first for the usual 0/1 form). One step:
 * the listener hears (1, 1, 0). Catalogues above {@link EaseParams#maxItems()} are refused with
 * {@link CatalogueTooLargeException}. The inverse is {@link SymmetricInverse}'s blocked, multithreaded sweep (measured
 * faster than EJML's Cholesky inverse, see the trainer benchmarks); XᵀX is summed by item rows across the workers.
 */
public final class Ease {

    private Ease() {
    }

    /** Refuses a catalogue of {@code items} items above {@code maxItems} with {@link CatalogueTooLargeException}. */
    public static void requireCatalogue(int items, int maxItems) {
        if (items > maxItems) {
            throw new CatalogueTooLargeException(items, maxItems);
        }
    }

    /** Trains on {@code data}; stops with {@link InterruptedException} when the thread is interrupted. */
    public static EaseModel train(Interactions data, EaseParams params, ProgressListener listener)
            throws InterruptedException {
        int n = data.numItems();
        requireCatalogue(n, params.maxItems());
        double[] g = new double[n * n];
        try (Workers workers = new Workers(params.threads())) {
            gram(data, g, workers);
            for (int i = 0; i < n; i++) {
                g[i * n + i] += params.lambda();
            }
            SymmetricInverse.invert(g, n, workers);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("XᵀX + λI is not positive definite (λ " + params.lambda() + ")", e);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("training cancelled");
        }
        float[] b = weights(g, n);
        listener.onIteration(1, 1, 0);
        return new EaseModel(data.itemIds(), params.lambda(), b);
    }

    /** B_ij = −P_ij / P_jj off the diagonal, 0 on it; row-major in single precision. */
    static float[] weights(double[] p, int n) {
        double[] inverseDiagonal = new double[n];
        for (int j = 0; j < n; j++) {
            inverseDiagonal[j] = 1 / p[j * n + j];
        }
        float[] b = new float[n * n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                b[row + j] = (float) (-p[row + j] * inverseDiagonal[j]);
            }
            b[row + i] = 0f;
        }
        return b;
    }

    /** The dense XᵀX, rows of items split among the workers (each entry summed by one worker in user order). */
    static void gram(Interactions data, double[] out, Workers workers) throws InterruptedException {
        int n = data.numItems();
        int[] itemPtr = data.itemPtr();
        int[] itemUsers = data.itemUsers();
        float[] itemValues = data.itemValues();
        int[] userPtr = data.userPtr();
        int[] userItems = data.userItems();
        float[] userValues = data.userValues();
        workers.forRange(n, 16, (w, from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i * n;
                for (int q = itemPtr[i]; q < itemPtr[i + 1]; q++) {
                    int u = itemUsers[q];
                    double xi = itemValues[q];
                    for (int t = userPtr[u]; t < userPtr[u + 1]; t++) {
                        out[row + userItems[t]] += xi * userValues[t];
                    }
                }
            }
        });
    }
}
