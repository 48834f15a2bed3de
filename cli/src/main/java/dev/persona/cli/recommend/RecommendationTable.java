package dev.persona.cli.recommend;

import dev.persona.api.v1.Explanation;
import dev.persona.api.v1.Recommendation;
import dev.persona.api.v1.Strategy;
import dev.persona.cli.console.TextTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** A list of recommendations as a table, and the line saying what produced it. */
final class RecommendationTable {

    private RecommendationTable() {
    }

    /**
     * Rank, item and score, with {@code explain} also the explanation and the items behind it; then for example
     * "strategy item-knn, model 3, recommendation 5f0c...", with "model -" when no model was behind the list.
     */
    static void print(PrintWriter out, List<Recommendation> recommendations, boolean explain, Strategy used,
            String modelVersion, String recommendationId) {
        if (recommendations.isEmpty()) {
            out.println("no recommendations");
        } else {
            table(recommendations, explain).print(out);
        }
        out.println("strategy " + StrategyNames.of(used) + ", model " + orDash(modelVersion) + ", recommendation "
                + orDash(recommendationId));
    }

    private static TextTable table(List<Recommendation> recommendations, boolean explain) {
        TextTable table = explain ? new TextTable("rank", "item", "score", "explanation", "because")
                : new TextTable("rank", "item", "score");
        table.alignRight(0, 2);
        int rank = 0;
        for (Recommendation recommendation : recommendations) {
            String score = String.format(Locale.ROOT, "%.4f", recommendation.getScore());
            if (explain) {
                Explanation why = recommendation.getExplanation();
                table.row(++rank, recommendation.getItemId(), score, orDash(why.getText()),
                        orDash(String.join(",", why.getBecauseItemIdsList())));
            } else {
                table.row(++rank, recommendation.getItemId(), score);
            }
        }
        return table;
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
