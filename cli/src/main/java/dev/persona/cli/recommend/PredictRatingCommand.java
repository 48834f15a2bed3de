package dev.persona.cli.recommend;

import dev.persona.api.v1.PredictRatingRequest;
import dev.persona.api.v1.PredictRatingResponse;
import dev.persona.api.v1.Strategy;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.RecommendConnection;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona predict rating <user_id> <item_id>}: the rating a user would give an item (PredictRating). */
@Command(name = "rating",
        description = {"Prints the rating a user would give an item (PredictRating).",
                "For example \"rating 3.742, strategy item-knn, fallback no\"; fallback yes means the strategy "
                + "could not predict and the baseline (global mean plus user and item biases) was returned."})
public final class PredictRatingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<user_id>", description = "The user's id.")
    String userId;

    @Parameters(index = "1", paramLabel = "<item_id>", description = "The item's id.")
    String itemId;

    @Option(names = "--strategy", paramLabel = "<strategy>", defaultValue = "auto",
            converter = StrategyNames.PredictingConverter.class, completionCandidates = StrategyNames.Predicting.class,
            description = "Strategy: ${COMPLETION-CANDIDATES}; auto takes the most accurate available "
                    + "(default: ${DEFAULT-VALUE}).")
    Strategy strategy;

    @Override
    public Integer call() {
        PredictRatingResponse prediction;
        try (RecommendConnection recommend = RecommendConnection.open(connection.recommendSettings())) {
            prediction = recommend.unary().predictRating(PredictRatingRequest.newBuilder()
                    .setUserId(userId)
                    .setItemId(itemId)
                    .setStrategy(strategy)
                    .build());
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "rating %.3f, strategy %s, fallback %s%n",
                prediction.getRating(), StrategyNames.of(prediction.getStrategyUsed()),
                prediction.getFallback() ? "yes" : "no");
        return ExitCodes.OK;
    }
}
