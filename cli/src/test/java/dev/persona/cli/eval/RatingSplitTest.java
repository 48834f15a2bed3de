package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RatingSplitTest {

    /** 30 users with 1 to 30 ratings each (user u rates items u, u+1, ...), values cycling 1 to 5. */
    private static List<Rating> ratings() {
        List<Rating> ratings = new ArrayList<>();
        for (int user = 30; user >= 1; user--) {
            for (int j = 0; j < user; j++) {
                ratings.add(new Rating(user, 100 + (user * 7 + j * 13) % 97, 1 + (user + j) % 5, 1_000L * j));
            }
        }
        return ratings;
    }

    private static Map<Integer, Long> countByUser(List<Rating> ratings) {
        return ratings.stream().collect(Collectors.groupingBy(Rating::user, Collectors.counting()));
    }

    @Test
    void theTestSizeIsTheCeilingOfAFifth() {
        assertEquals(0, RatingSplit.testSize(0));
        assertEquals(1, RatingSplit.testSize(1));
        assertEquals(1, RatingSplit.testSize(5));
        assertEquals(2, RatingSplit.testSize(6));
        assertEquals(4, RatingSplit.testSize(20));
        assertEquals(5, RatingSplit.testSize(21));
        for (int n = 0; n <= 5_000; n++) {
            assertEquals((int) Math.ceil(0.2 * n), RatingSplit.testSize(n), "n = " + n);
        }
    }

    @Test
    void thePermutationIsFisherYatesAsCollectionsShuffleDrawsIt() {
        for (int n : new int[] {1, 2, 7, 50}) {
            List<Integer> shuffled = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                shuffled.add(i);
            }
            Collections.shuffle(shuffled, new Random(99));
            assertArrayEquals(shuffled.stream().mapToInt(Integer::intValue).toArray(),
                    RatingSplit.permutation(n, new Random(99)));
        }
    }

    @Test
    void eachUserHoldsOutTheCeilingOfAFifthAndTrainAndTestPartitionTheRatings() {
        List<Rating> all = ratings();
        RatingSplit split = RatingSplit.of(all, 1);
        Map<Integer, Long> total = countByUser(all);
        Map<Integer, Long> test = countByUser(split.test());
        total.forEach((user, n) -> assertEquals(RatingSplit.testSize(n.intValue()), test.get(user), "user " + user));
        Set<Rating> train = new HashSet<>(split.train());
        assertTrue(split.test().stream().noneMatch(train::contains));
        List<Rating> union = new ArrayList<>(split.train());
        union.addAll(split.test());
        union.sort(Rating.BY_USER_THEN_ITEM);
        List<Rating> expected = new ArrayList<>(all);
        expected.sort(Rating.BY_USER_THEN_ITEM);
        assertEquals(expected, union);
    }

    @Test
    void theSameSeedGivesTheSameSplitWhateverTheInputOrderAndAnotherSeedAnother() {
        List<Rating> all = ratings();
        List<Rating> reordered = new ArrayList<>(all);
        Collections.shuffle(reordered, new Random(5));
        RatingSplit first = RatingSplit.of(all, 3);
        RatingSplit again = RatingSplit.of(reordered, 3);
        assertEquals(first.train(), again.train());
        assertEquals(first.test(), again.test());
        assertNotEquals(first.test(), RatingSplit.of(all, 4).test());
    }

    /** The protocol as written: per user in ascending id, shuffle the item-sorted ratings, the first ceil(n/5) test. */
    @Test
    void theSplitIsTheProtocols() {
        List<Rating> all = ratings();
        Random random = new Random(42);
        Set<Rating> expectedTest = new HashSet<>();
        for (int user = 1; user <= 30; user++) {
            int id = user;
            List<Rating> mine = new ArrayList<>(all.stream().filter(r -> r.user() == id)
                    .sorted(Rating.BY_USER_THEN_ITEM).toList());
            Collections.shuffle(mine, random);
            expectedTest.addAll(mine.subList(0, (int) Math.ceil(0.2 * mine.size())));
        }
        assertEquals(expectedTest, new HashSet<>(RatingSplit.of(all, 42).test()));
    }

    @Test
    void relevantItemsAreTheTestRatingsOfFourOrMoreAndOnlyUsersWithSomeCount() {
        List<Rating> all = List.of(new Rating(1, 10, 5, 0), new Rating(2, 10, 3, 0), new Rating(3, 11, 4, 0),
                new Rating(3, 12, 4.5, 0));
        RatingSplit split = RatingSplit.of(all, 1);
        // users 1 and 2 hold out their only rating, user 3 one of its two
        SortedMap<Integer, Set<Integer>> relevant = split.relevant(4);
        assertEquals(List.of(1, 3), List.copyOf(relevant.keySet()));
        assertEquals(Set.of(10), relevant.get(1));
        assertEquals(1, relevant.get(3).size());
    }
}
