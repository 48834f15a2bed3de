package dev.persona.recommend.model;

import dev.persona.core.metrics.RankingMetrics;
import dev.persona.core.metrics.RatingErrors;
import dev.persona.core.topk.TopK;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The offline quality check of the trainers on MovieLens 100K, the protocols of the project's targets: ranking
 * (per-user 20 % holdout, train binarised, relevant = held-out rating ≥ 4, candidates = items not in the user's
 * train set; P, R, NDCG, HR at 10 and coverage by core's RankingMetrics, as EvaluateOffline reports them, mean over
 * seeds) for EASE and implicit ALS, and rating prediction (u1..u5 base/test, predictions clipped to [1, 5]; RMSE and
 * MAE, mean over the folds) for explicit ALS.
 * Hyperparameters are chosen on a validation split carved from the training data the same way (never from the test
 * split): for ranking once, on the training part of seed 1; for rating on each fold's base.
 *
 * <p>Run from the repository root (not part of the build):
 * <pre>
 * ./mvnw -q -pl recommend-service -am test-compile exec:exec@recommend-bench \
 *     -Dbench.main=dev.persona.recommend.model.QualityCheck \
 *     -Djmh.args="--seeds 5 --threads 2"
 * </pre>
 * Options: {@code --seeds N}, {@code --threads N}, {@code --only ranking|rating|knn}, {@code --no-tuning} (defaults
 * below instead of the grids); {@code --knn-norm none|max|sum} scales each kNN neighbour list (with {@code knn}).
 */
public final class QualityCheck {

    private static final int K = 10;

    private int seeds = 5;
    private int threads = 2;
    private String only = "";
    private boolean tuning = true;
    private String knnNorm = "none";

    public static void main(String[] args) throws Exception {
        QualityCheck check = new QualityCheck();
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--seeds" -> check.seeds = Integer.parseInt(args[++a]);
                case "--threads" -> check.threads = Integer.parseInt(args[++a]);
                case "--only" -> check.only = args[++a];
                case "--no-tuning" -> check.tuning = false;
                case "--knn-norm" -> check.knnNorm = args[++a];
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        Path data = Datasets.file("ml-100k/u.data");
        if (data == null) {
            return;
        }
        if (check.only.equals("knn")) {
            check.knn(data);
            return;
        }
        if (!check.only.equals("rating")) {
            check.ranking(data);
        }
        if (!check.only.equals("ranking")) {
            check.rating(data.getParent());
        }
    }

    // ---------------------------------------------------------------- ranking

    /** Per user (ascending id): items ascending, with their ratings. */
    record Histories(int[][] items, float[][] ratings) {
    }

    record Split(Histories train, Histories test) {
    }

    record Metrics(double precision, double recall, double ndcg, double hitRate, double coverage, int users) {
        static Metrics mean(List<Metrics> all) {
            return new Metrics(all.stream().mapToDouble(Metrics::precision).average().orElse(0),
                    all.stream().mapToDouble(Metrics::recall).average().orElse(0),
                    all.stream().mapToDouble(Metrics::ndcg).average().orElse(0),
                    all.stream().mapToDouble(Metrics::hitRate).average().orElse(0),
                    all.stream().mapToDouble(Metrics::coverage).average().orElse(0),
                    (int) all.stream().mapToInt(Metrics::users).average().orElse(0));
        }
    }

    /** Trains on a binarised train split and gives each user's score function. */
    interface Ranker {
        IntFunction<float[]> fit(Interactions train) throws InterruptedException;
    }

    private int nUsers;
    private int nItems;

    private void ranking(Path data) throws IOException, InterruptedException {
        Datasets.Ratings all = Datasets.read(data);
        nUsers = Datasets.max(all.users());
        nItems = Datasets.max(all.items());
        Histories histories = histories(all, nUsers);
        System.out.printf(Locale.ROOT, "Ranking, ml-100k: %d users, %d items, %d ratings; %d seeds%n", nUsers, nItems,
                all.size(), seeds);

        // Tuning on a validation split carved from seed 1's train split.
        Split first = split(histories, 1);
        Split validation = split(first.train(), 1001);
        double easeLambda = 500;
        AlsParams als = AlsParams.implicitDefaults().withThreads(threads).withFactors(32).withAlpha(3)
                .withLambda(30);
        double blendWeight = 0.5;
        if (tuning) {
            double best = -1;
            for (double lambda : new double[] {100, 200, 300, 400, 500, 700, 1000, 1500}) {
                Metrics m = evaluate(validation, ease(lambda));
                System.out.printf(Locale.ROOT, "  tune EASE λ=%.0f validation NDCG@10 %.4f%n", lambda, m.ndcg());
                if (m.ndcg() > best) {
                    best = m.ndcg();
                    easeLambda = lambda;
                }
            }
            best = -1;
            List<AlsParams> grid = new ArrayList<>();
            for (int factors : new int[] {32, 64}) {
                for (double alpha : new double[] {1, 2, 3, 5}) {
                    for (double lambda : new double[] {15, 20, 30, 50}) {
                        grid.add(AlsParams.implicitDefaults().withThreads(threads).withFactors(factors)
                                .withAlpha(alpha).withLambda(lambda));
                    }
                }
            }
            for (double alpha : new double[] {2, 3, 5}) {
                for (double lambda : new double[] {0.3, 0.6, 1.2}) {
                    grid.add(AlsParams.implicitDefaults().withThreads(threads).withFactors(64).withAlpha(alpha)
                            .withLambda(lambda).withScaleLambda(true));
                }
            }
            for (AlsParams p : grid) {
                Metrics m = evaluate(validation, implicitAls(p));
                System.out.printf(Locale.ROOT, "  tune %s validation NDCG@10 %.4f%n", alsName(p), m.ndcg());
                if (m.ndcg() > best) {
                    best = m.ndcg();
                    als = p;
                }
            }
            best = -1;
            for (double weight : new double[] {0.3, 0.4, 0.5, 0.6, 0.7}) {
                Metrics m = evaluate(validation, blend(ease(easeLambda), implicitAls(als), weight));
                System.out.printf(Locale.ROOT, "  tune blend EASE weight %.1f validation NDCG@10 %.4f%n", weight,
                        m.ndcg());
                if (m.ndcg() > best) {
                    best = m.ndcg();
                    blendWeight = weight;
                }
            }
        }
        String easeName = String.format(Locale.ROOT, "EASE λ=%.0f", easeLambda);
        String alsName = alsName(als);
        String blendName = String.format(Locale.ROOT, "blend %.1f·EASE + %.1f·ALS (z-scores)", blendWeight,
                1 - blendWeight);
        List<Metrics> easeRuns = new ArrayList<>();
        List<Metrics> alsRuns = new ArrayList<>();
        List<Metrics> blendRuns = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            Split split = split(histories, seed);
            easeRuns.add(evaluate(split, ease(easeLambda)));
            alsRuns.add(evaluate(split, implicitAls(als.withSeed(seed))));
            blendRuns.add(evaluate(split, blend(ease(easeLambda), implicitAls(als.withSeed(seed)), blendWeight)));
            System.out.printf(Locale.ROOT, "  seed %d: NDCG@10 EASE %.4f, implicit ALS %.4f, blend %.4f (%d users)%n",
                    seed, easeRuns.get(seed - 1).ndcg(), alsRuns.get(seed - 1).ndcg(), blendRuns.get(seed - 1).ndcg(),
                    easeRuns.get(seed - 1).users());
        }
        System.out.println();
        System.out.println("| model | P@10 | R@10 | NDCG@10 | HR@10 | coverage |");
        System.out.println("|---|---|---|---|---|---|");
        row(easeName, Metrics.mean(easeRuns));
        row(alsName, Metrics.mean(alsRuns));
        row(blendName, Metrics.mean(blendRuns));
        System.out.println();
    }

    /**
     * Item- and user-kNN over binary cosine top-50 lists, as the services rank with them, with the neighbours'
     * similarities raised to a power (1 is what the services do): tuned on seed 1's validation split, then the chosen
     * and the plain power over the seeds.
     */
    private void knn(Path data) throws IOException, InterruptedException {
        Datasets.Ratings all = Datasets.read(data);
        nUsers = Datasets.max(all.users());
        nItems = Datasets.max(all.items());
        Histories histories = histories(all, nUsers);
        Split validation = split(split(histories, 1).train(), 1001);
        double[] powers = {1, 1.5, 2, 2.5, 3, 4};
        double bestItem = 1;
        double bestUser = 1;
        double bi = -1;
        double bu = -1;
        for (double power : powers) {
            Metrics item = evaluate(validation, knnRanker(true, power));
            Metrics user = evaluate(validation, knnRanker(false, power));
            System.out.printf(Locale.ROOT, "  validation power %.1f: item-kNN NDCG@10 %.4f, user-kNN %.4f%n", power,
                    item.ndcg(), user.ndcg());
            if (item.ndcg() > bi) {
                bi = item.ndcg();
                bestItem = power;
            }
            if (user.ndcg() > bu) {
                bu = user.ndcg();
                bestUser = power;
            }
        }
        List<Metrics> item1 = new ArrayList<>();
        List<Metrics> itemBest = new ArrayList<>();
        List<Metrics> user1 = new ArrayList<>();
        List<Metrics> userBest = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            Split split = split(histories, seed);
            item1.add(evaluate(split, knnRanker(true, 1)));
            itemBest.add(evaluate(split, knnRanker(true, bestItem)));
            user1.add(evaluate(split, knnRanker(false, 1)));
            userBest.add(evaluate(split, knnRanker(false, bestUser)));
        }
        System.out.println("| model | P@10 | R@10 | NDCG@10 | HR@10 | coverage |");
        System.out.println("|---|---|---|---|---|---|");
        row("item-kNN cosine k=50", Metrics.mean(item1));
        row(String.format(Locale.ROOT, "item-kNN cosine k=50, similarity^%.1f", bestItem), Metrics.mean(itemBest));
        row("user-kNN cosine k=50", Metrics.mean(user1));
        row(String.format(Locale.ROOT, "user-kNN cosine k=50, similarity^%.1f", bestUser), Metrics.mean(userBest));
    }

    /** Binary cosine top-50 neighbours (of items when {@code items}, else of users), similarities to a power. */
    private Ranker knnRanker(boolean items, double power) {
        return train -> {
            int rows = items ? nItems : nUsers;
            List<List<Integer>> sets = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                sets.add(new ArrayList<>());
            }
            for (int u = 0; u < train.numUsers(); u++) {
                for (int i : train.itemsOf(u)) {
                    sets.get(items ? i : u).add(items ? u : i);
                }
            }
            // co-occurrence through the other side
            int cols = items ? nUsers : nItems;
            List<List<Integer>> inverse = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                inverse.add(new ArrayList<>());
            }
            for (int r = 0; r < rows; r++) {
                for (int c : sets.get(r)) {
                    inverse.get(c).add(r);
                }
            }
            int[][] nbr = new int[rows][];
            float[][] sim = new float[rows][];
            int[] common = new int[rows];
            for (int r = 0; r < rows; r++) {
                Arrays.fill(common, 0);
                for (int c : sets.get(r)) {
                    for (int o : inverse.get(c)) {
                        common[o]++;
                    }
                }
                common[r] = 0;
                float[] score = new float[rows];
                for (int o = 0; o < rows; o++) {
                    score[o] = common[o] == 0 ? Float.NaN
                            : (float) (common[o] / Math.sqrt((double) sets.get(r).size() * sets.get(o).size()));
                }
                nbr[r] = TopK.select(score, 50, null);
                sim[r] = new float[nbr[r].length];
                double norm = 0;
                String mode = knnNorm;
                for (int t = 0; t < nbr[r].length; t++) {
                    sim[r][t] = (float) Math.pow(score[nbr[r][t]], power);
                    norm = mode.equals("max") ? Math.max(norm, sim[r][t]) : norm + sim[r][t];
                }
                if (!mode.equals("none") && norm > 0) {
                    for (int t = 0; t < nbr[r].length; t++) {
                        sim[r][t] /= norm;
                    }
                }
            }
            return u -> {
                float[] out = new float[nItems];
                if (items) {
                    for (int j : train.itemsOf(u)) {
                        for (int t = 0; t < nbr[j].length; t++) {
                            out[nbr[j][t]] += sim[j][t];
                        }
                    }
                } else {
                    for (int t = 0; t < nbr[u].length; t++) {
                        for (int i : train.itemsOf(nbr[u][t])) {
                            out[i] += sim[u][t];
                        }
                    }
                }
                return out;
            };
        };
    }

    private static String alsName(AlsParams p) {
        return String.format(Locale.ROOT, "implicit ALS f=%d it=%d α=%s λ=%s%s cg=%d", p.factors(), p.iterations(),
                trim(p.alpha()), trim(p.lambda()), p.scaleLambda() ? "·n" : "", p.cgSteps());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** weight·z(EASE) + (1 − weight)·z(ALS), each user's scores standardised over all items. */
    private static Ranker blend(Ranker first, Ranker second, double weight) {
        return train -> {
            IntFunction<float[]> a = first.fit(train);
            IntFunction<float[]> b = second.fit(train);
            return u -> {
                float[] x = standardised(a.apply(u));
                float[] y = standardised(b.apply(u));
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (weight * x[i] + (1 - weight) * y[i]);
                }
                return x;
            };
        };
    }

    private static float[] standardised(float[] s) {
        double mean = 0;
        for (float v : s) {
            mean += v;
        }
        mean /= s.length;
        double var = 0;
        for (float v : s) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / s.length);
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = sd > 0 ? (float) ((s[i] - mean) / sd) : 0f;
        }
        return out;
    }

    private static void row(String name, Metrics m) {
        System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f |%n", name, m.precision(), m.recall(),
                m.ndcg(), m.hitRate(), m.coverage());
    }

    private Ranker ease(double lambda) {
        return train -> {
            EaseModel model = Ease.train(train, new EaseParams(lambda, EaseParams.DEFAULT_MAX_ITEMS, threads),
                    ProgressListener.NONE);
            return u -> {
                int[] items = train.itemsOf(u);
                float[] ones = new float[items.length];
                Arrays.fill(ones, 1f);
                return model.scores(items, ones);
            };
        };
    }

    private static Ranker implicitAls(AlsParams params) {
        return train -> {
            ImplicitAlsModel model = ImplicitAls.train(train, params, ProgressListener.NONE);
            return model::scores;
        };
    }

    private static Histories histories(Datasets.Ratings all, int nUsers) {
        List<List<long[]>> rows = new ArrayList<>();
        for (int u = 0; u < nUsers; u++) {
            rows.add(new ArrayList<>());
        }
        for (int t = 0; t < all.size(); t++) {
            rows.get(all.users()[t] - 1).add(new long[] {all.items()[t] - 1, Float.floatToIntBits(all.ratings()[t])});
        }
        int[][] items = new int[nUsers][];
        float[][] ratings = new float[nUsers][];
        for (int u = 0; u < nUsers; u++) {
            List<long[]> row = rows.get(u);
            row.sort((a, b) -> Long.compare(a[0], b[0]));
            items[u] = row.stream().mapToInt(r -> (int) r[0]).toArray();
            ratings[u] = new float[row.size()];
            for (int t = 0; t < row.size(); t++) {
                ratings[u][t] = Float.intBitsToFloat((int) row.get(t)[1]);
            }
        }
        return new Histories(items, ratings);
    }

    /** Users ascending; p = a permutation of the user's n ratings; the first ceil(0.2 n) of p are held out. */
    private static Split split(Histories h, long seed) {
        Random random = new Random(seed);
        int n = h.items().length;
        int[][] trainItems = new int[n][];
        float[][] trainRatings = new float[n][];
        int[][] testItems = new int[n][];
        float[][] testRatings = new float[n][];
        for (int u = 0; u < n; u++) {
            int size = h.items()[u].length;
            int[] p = new int[size];
            for (int t = 0; t < size; t++) {
                p[t] = t;
            }
            for (int t = size - 1; t > 0; t--) {
                int j = random.nextInt(t + 1);
                int tmp = p[t];
                p[t] = p[j];
                p[j] = tmp;
            }
            int held = (int) Math.ceil(0.2 * size);
            boolean[] test = new boolean[size];
            for (int t = 0; t < held; t++) {
                test[p[t]] = true;
            }
            trainItems[u] = new int[size - held];
            trainRatings[u] = new float[size - held];
            testItems[u] = new int[held];
            testRatings[u] = new float[held];
            int a = 0;
            int b = 0;
            for (int t = 0; t < size; t++) {
                if (test[t]) {
                    testItems[u][b] = h.items()[u][t];
                    testRatings[u][b++] = h.ratings()[u][t];
                } else {
                    trainItems[u][a] = h.items()[u][t];
                    trainRatings[u][a++] = h.ratings()[u][t];
                }
            }
        }
        return new Split(new Histories(trainItems, trainRatings), new Histories(testItems, testRatings));
    }

    private Interactions binaryMatrix(Histories h) {
        String[] userIds = new String[nUsers];
        String[] itemIds = new String[nItems];
        for (int u = 0; u < nUsers; u++) {
            userIds[u] = Integer.toString(u + 1);
        }
        for (int i = 0; i < nItems; i++) {
            itemIds[i] = Integer.toString(i + 1);
        }
        int size = Arrays.stream(h.items()).mapToInt(r -> r.length).sum();
        int[] us = new int[size];
        int[] is = new int[size];
        float[] vs = new float[size];
        int t = 0;
        for (int u = 0; u < h.items().length; u++) {
            for (int item : h.items()[u]) {
                us[t] = u;
                is[t] = item;
                vs[t++] = 1f;
            }
        }
        return Interactions.of(userIds, itemIds, us, is, vs, Interactions.Duplicates.LAST);
    }

    private Metrics evaluate(Split split, Ranker ranker) throws InterruptedException {
        Interactions train = binaryMatrix(split.train());
        IntFunction<float[]> scorer = ranker.fit(train);
        RankingMetrics metrics = new RankingMetrics(K);
        for (int u = 0; u < nUsers; u++) {
            Set<Integer> relevant = new HashSet<>();
            for (int t = 0; t < split.test().items()[u].length; t++) {
                if (split.test().ratings()[u][t] >= 4) {
                    relevant.add(split.test().items()[u][t]);
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            int[] top = TopK.select(scorer.apply(u), K, split.train().items()[u]);
            metrics.add(Arrays.stream(top).boxed().toList(), relevant);
        }
        RankingMetrics.Summary m = metrics.summary();
        return new Metrics(m.precision(), m.recall(), m.ndcg(), m.hitRate(), metrics.coverage(nItems),
                (int) m.users());
    }

    // ---------------------------------------------------------------- rating

    private void rating(Path folder) throws IOException, InterruptedException {
        System.out.println("Rating prediction, ml-100k u1..u5 (train uK.base, test uK.test, clipped to [1, 5])");
        double sumRmse = 0;
        double sumMae = 0;
        int folds = 0;
        List<String> rows = new ArrayList<>();
        for (int fold = 1; fold <= 5; fold++) {
            Path base = folder.resolve("u" + fold + ".base");
            Path test = folder.resolve("u" + fold + ".test");
            if (!base.toFile().isFile() || !test.toFile().isFile()) {
                System.err.println("Missing " + base + " or " + test + ": skipping fold " + fold);
                continue;
            }
            Datasets.Ratings train = Datasets.read(base);
            Datasets.Ratings testRatings = Datasets.read(test);
            AlsParams params = new AlsParams(20, 15, 0.06, 0, fold, threads, 0, true);
            if (tuning) {
                // Validation: 20 % of the base ratings (seeded), never the test file.
                Random random = new Random(100 + fold);
                boolean[] held = new boolean[train.size()];
                for (int t = 0; t < train.size(); t++) {
                    held[t] = random.nextDouble() < 0.2;
                }
                Datasets.Ratings fit = subset(train, held, false);
                Datasets.Ratings validation = subset(train, held, true);
                // Factors ascending: a larger rank is taken only when it beats the one chosen by more than 0.0005.
                double best = Double.MAX_VALUE;
                double bestSmaller = Double.MAX_VALUE;
                for (int factors : new int[] {10, 20, 50, 100}) {
                    double bestHere = Double.MAX_VALUE;
                    AlsParams here = null;
                    for (double lambda : new double[] {0.06, 0.08, 0.1, 0.13, 0.16, 0.2}) {
                        AlsParams p = new AlsParams(factors, 15, lambda, 0, fold, threads, 0, true);
                        double[] e = rmseMae(fit, validation, p);
                        if (e[0] < bestHere) {
                            bestHere = e[0];
                            here = p;
                        }
                    }
                    if (bestHere < bestSmaller - 0.0005) {
                        params = here;
                        bestSmaller = bestHere;
                    }
                    best = Math.min(best, bestHere);
                }
                System.out.printf(Locale.ROOT, "  u%d: chose f=%d λ=%.2f (validation RMSE %.4f; best of all %.4f)%n",
                        fold, params.factors(), params.lambda(), bestSmaller, best);
            }
            long start = System.nanoTime();
            double[] e = rmseMae(train, testRatings, params);
            double seconds = (System.nanoTime() - start) / 1e9;
            rows.add(String.format(Locale.ROOT, "| u%d | f=%d it=%d λ=%.2f | %.4f | %.4f | %.2f s |", fold,
                    params.factors(), params.iterations(), params.lambda(), e[0], e[1], seconds));
            sumRmse += e[0];
            sumMae += e[1];
            folds++;
        }
        System.out.println();
        System.out.println("| fold | explicit ALS | RMSE | MAE | train + predict |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
        if (folds > 0) {
            System.out.printf(Locale.ROOT, "| mean of %d | | %.4f | %.4f | |%n", folds, sumRmse / folds,
                    sumMae / folds);
        }
    }

    private static Datasets.Ratings subset(Datasets.Ratings r, boolean[] held, boolean wanted) {
        int n = 0;
        for (boolean h : held) {
            if (h == wanted) {
                n++;
            }
        }
        int[] u = new int[n];
        int[] i = new int[n];
        float[] v = new float[n];
        int t = 0;
        for (int s = 0; s < r.size(); s++) {
            if (held[s] == wanted) {
                u[t] = r.users()[s];
                i[t] = r.items()[s];
                v[t++] = r.ratings()[s];
            }
        }
        return new Datasets.Ratings(u, i, v);
    }

    /** Trains on {@code train} and gives {RMSE, MAE} on {@code test}, predictions clipped to [1, 5]. */
    private static double[] rmseMae(Datasets.Ratings train, Datasets.Ratings test, AlsParams params)
            throws InterruptedException {
        Interactions matrix = Datasets.compact(train, false);
        ExplicitAlsModel model = ExplicitAls.train(matrix, params, ProgressListener.NONE);
        RatingErrors errors = new RatingErrors();
        for (int t = 0; t < test.size(); t++) {
            double p = model.predict(Integer.toString(test.users()[t]), Integer.toString(test.items()[t]));
            errors.add(Math.max(1, Math.min(5, p)), test.ratings()[t]);
        }
        return new double[] {errors.rmse(), errors.mae()};
    }
}
