package dev.persona.recommend.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.core.topk.TopK;
import org.junit.jupiter.api.Test;

class InteractionsTest {

    @Test
    void buildsCsrByUserAndByItemWithDuplicatesResolved() {
        Interactions.Builder builder = Interactions.builder()
                .add("ann", "b", 2).add("ann", "a", 1).add("bob", "b", 5).add("ann", "b", 3).add("cid", "c", 4);
        Interactions sum = builder.build(Interactions.Duplicates.SUM);
        Interactions last = builder.build(Interactions.Duplicates.LAST);
        Interactions max = builder.build(Interactions.Duplicates.MAX);
        assertEquals(3, sum.numUsers());
        assertEquals(3, sum.numItems());
        assertEquals(4, sum.size());
        int ann = sum.userIndex("ann");
        int a = sum.itemIndex("a");
        int b = sum.itemIndex("b");
        assertEquals(0, ann);
        assertEquals(0, b); // first appearance
        assertArrayEquals(new int[] {b, a}, sum.itemsOf(ann));
        assertEquals(5f, sum.get(ann, b));
        assertEquals(3f, last.get(ann, b));
        assertEquals(3f, max.get(ann, b));
        assertEquals(1f, sum.get(ann, a));
        assertEquals(0f, sum.get(sum.userIndex("bob"), a));
        // By item: item b is held by ann (5) and bob (5), users ascending.
        int[] ptr = sum.itemPtr();
        assertEquals(2, ptr[b + 1] - ptr[b]);
        assertEquals(ann, sum.itemUsers()[ptr[b]]);
        assertEquals(sum.userIndex("bob"), sum.itemUsers()[ptr[b] + 1]);
        assertEquals(15.0, sum.sum(), 0);
        assertEquals(4.0, sum.binarised().sum(), 0);
        assertEquals(-1, sum.userIndex("zed"));
    }

    @Test
    void rejectsNonFiniteValues() {
        Interactions.Builder builder = Interactions.builder().add("u", "i", Float.NaN);
        assertThrows(IllegalArgumentException.class, () -> builder.build(Interactions.Duplicates.SUM));
    }

    @Test
    void topKSkipsExcludedAndBreaksTiesByIndex() {
        float[] scores = {0.5f, 2f, 2f, -1f, 3f, Float.NaN};
        assertArrayEquals(new int[] {4, 1, 2}, TopK.select(scores, 3, null));
        assertArrayEquals(new int[] {2, 0, 3}, TopK.select(scores, 3, new int[] {4, 1}));
        assertArrayEquals(new int[] {4, 1, 2, 0, 3}, TopK.select(scores, 10, new int[0]));
        assertArrayEquals(new int[0], TopK.select(scores, 0, null));
    }
}
