package dev.persona.cli.recommend;

import dev.persona.api.v1.RankItemsRequest;
import dev.persona.api.v1.RankItemsResponse;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.RecommendConnection;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona rank <user_id> <item_id>...}: re-ranks candidate items for a user (RankItems). */
@Command(name = "rank",
        description = {"Re-ranks candidate items for a user (RankItems).",
                "Every candidate comes back once, best first: a table of rank, item and score (with --explain also "
                + "why), then the strategy, model and recommendation id."})
public final class RankCommand implements Callable<Integer> {

    static final int MAX_CANDIDATES = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    StrategyOption strategy;

    @Mixin
    ExplainOption explain;

    @Parameters(index = "0", paramLabel = "<user_id>", description = "The user's id.")
    String userId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<item_id>",
            description = "The candidates, 1 to " + MAX_CANDIDATES + " distinct item ids.")
    List<String> itemIds;

    @Override
    public Integer call() {
        if (itemIds.size() > MAX_CANDIDATES) {
            throw CliException.usage("at most " + MAX_CANDIDATES + " candidates, got " + itemIds.size());
        }
        Set<String> distinct = new HashSet<>();
        for (String itemId : itemIds) {
            if (!distinct.add(itemId)) {
                throw CliException.usage("candidate " + itemId + " is given twice");
            }
        }
        RankItemsRequest request = RankItemsRequest.newBuilder()
                .setUserId(userId)
                .addAllItemIds(itemIds)
                .setStrategy(strategy.strategy())
                .setExplain(explain.explain())
                .build();
        RankItemsResponse response;
        try (RecommendConnection recommend = RecommendConnection.open(connection.recommendSettings())) {
            response = recommend.unary().rankItems(request);
        }
        PrintWriter out = spec.commandLine().getOut();
        RecommendationTable.print(out, response.getRecommendationsList(), explain.explain(),
                response.getStrategyUsed(), response.getModelVersion(), response.getRecommendationId());
        return ExitCodes.OK;
    }
}
