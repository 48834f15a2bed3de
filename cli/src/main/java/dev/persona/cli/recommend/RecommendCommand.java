package dev.persona.cli.recommend;

import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.RecommendConnection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona recommend <user_id>}: the top items for a user (Recommend). */
@Command(name = "recommend",
        description = {"Prints the top items for a user (Recommend).",
                "A table of rank, item and score (with --explain also why), then the strategy that produced the "
                + "list, the model behind it and the recommendation id; \"cold start\" when the user had no usable "
                + "history. Items the user already interacted with are left out unless --include-seen."})
public final class RecommendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    KOption k;

    @Mixin
    StrategyOption strategy;

    @Mixin
    ExplainOption explain;

    @Mixin
    FilterOptions filter;

    @Parameters(paramLabel = "<user_id>", description = "The user's id.")
    String userId;

    @Override
    public Integer call() {
        RecommendRequest request = RecommendRequest.newBuilder()
                .setUserId(userId)
                .setK(k.k())
                .setStrategy(strategy.strategy())
                .setFilter(filter.filter())
                .setExplain(explain.explain())
                .build();
        RecommendResponse response;
        try (RecommendConnection recommend = RecommendConnection.open(connection.recommendSettings())) {
            response = recommend.unary().recommend(request);
        }
        PrintWriter out = spec.commandLine().getOut();
        RecommendationTable.print(out, response.getRecommendationsList(), explain.explain(),
                response.getStrategyUsed(), response.getModelVersion(), response.getRecommendationId());
        if (response.getColdStart()) {
            out.println("cold start");
        }
        return ExitCodes.OK;
    }
}
