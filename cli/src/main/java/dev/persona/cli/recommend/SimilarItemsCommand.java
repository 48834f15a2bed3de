package dev.persona.cli.recommend;

import dev.persona.api.v1.RecommendSimilarItemsRequest;
import dev.persona.api.v1.RecommendSimilarItemsResponse;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.RecommendConnection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona similar-items <item_id>}: items to show next to an item (RecommendSimilarItems). */
@Command(name = "similar-items",
        description = {"Prints the items to show next to an item (RecommendSimilarItems).",
                "A table of rank, item and score (with --explain also why), then the strategy, model and "
                + "recommendation id. With --user, that user's seen items are left out (unless --include-seen) "
                + "and the list may be personalised."})
public final class SimilarItemsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    KOption k;

    @Mixin
    ExplainOption explain;

    @Mixin
    FilterOptions filter;

    @Parameters(paramLabel = "<item_id>", description = "The anchor item's id.")
    String itemId;

    @Option(names = "--user", paramLabel = "<user_id>", description = "The viewer (default: anonymous).")
    String userId;

    @Override
    public Integer call() {
        RecommendSimilarItemsRequest.Builder request = RecommendSimilarItemsRequest.newBuilder()
                .setItemId(itemId)
                .setK(k.k())
                .setFilter(filter.filter())
                .setExplain(explain.explain());
        if (userId != null) {
            if (userId.isBlank()) {
                throw CliException.usage("--user must not be empty");
            }
            request.setUserId(userId);
        }
        RecommendSimilarItemsResponse response;
        try (RecommendConnection recommend = RecommendConnection.open(connection.recommendSettings())) {
            response = recommend.unary().recommendSimilarItems(request.build());
        }
        PrintWriter out = spec.commandLine().getOut();
        RecommendationTable.print(out, response.getRecommendationsList(), explain.explain(),
                response.getStrategyUsed(), response.getModelVersion(), response.getRecommendationId());
        return ExitCodes.OK;
    }
}
