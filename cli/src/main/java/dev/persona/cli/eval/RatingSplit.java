package dev.persona.cli.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The train/test split of the ml-100k ranking protocol, for one seed. The ratings are sorted by (user, item); with
 * {@code new Random(seed)}, for each user in ascending id, a random permutation p of the user's n ratings is drawn
 * by Fisher–Yates (the draws of {@link Collections#shuffle(List, Random)}); the user's item-sorted ratings at
 * p[0], ..., p[ceil(0.2 n) - 1] are test, the others train.
 */
public final class RatingSplit {

    private final List<Rating> train;
    private final List<Rating> test;

    private RatingSplit(List<Rating> train, List<Rating> test) {
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
    }

    public static RatingSplit of(List<Rating> ratings, long seed) {
        List<Rating> sorted = new ArrayList<>(ratings);
        sorted.sort(Rating.BY_USER_THEN_ITEM);
        Random random = new Random(seed);
        List<Rating> train = new ArrayList<>();
        List<Rating> test = new ArrayList<>();
        int from = 0;
        while (from < sorted.size()) {
            int to = from + 1;
            while (to < sorted.size() && sorted.get(to).user() == sorted.get(from).user()) {
                to++;
            }
            List<Rating> user = sorted.subList(from, to);
            int[] p = permutation(user.size(), random);
            boolean[] inTest = new boolean[user.size()];
            for (int i = 0; i < testSize(user.size()); i++) {
                inTest[p[i]] = true;
            }
            for (int i = 0; i < user.size(); i++) {
                (inTest[i] ? test : train).add(user.get(i));
            }
            from = to;
        }
        return new RatingSplit(train, test);
    }

    /** ceil(0.2 n), in whole numbers. */
    static int testSize(int n) {
        return (n + 4) / 5;
    }

    /** 0 .. n-1 shuffled by Fisher–Yates: for i from n-1 down to 1, swap p[i] with p[nextInt(i + 1)]. */
    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = p[i];
            p[i] = p[j];
            p[j] = swapped;
        }
        return p;
    }

    /** The train ratings, by (user, item). */
    public List<Rating> train() {
        return train;
    }

    /** The test ratings, by (user, item). */
    public List<Rating> test() {
        return test;
    }

    /**
     * Per user in ascending id, the test items rated at least {@code threshold}; users without such an item are
     * left out, so the keys are the evaluated users.
     */
    public SortedMap<Integer, Set<Integer>> relevant(double threshold) {
        SortedMap<Integer, Set<Integer>> relevant = new TreeMap<>();
        for (Rating rating : test) {
            if (rating.value() >= threshold) {
                relevant.computeIfAbsent(rating.user(), user -> new TreeSet<>()).add(rating.item());
            }
        }
        return relevant;
    }
}
