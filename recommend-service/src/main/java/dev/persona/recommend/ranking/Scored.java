package dev.persona.recommend.ranking;

import java.util.List;

/**
 * A candidate item with a strategy's score and, most first, the user's items that contributed most to it (empty
 * for non-personalised strategies).
 */
public record Scored(String itemId, double score, List<String> because) {

    public Scored {
        because = List.copyOf(because);
    }

    public static Scored of(String itemId, double score) {
        return new Scored(itemId, score, List.of());
    }
}
