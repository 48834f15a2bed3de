package dev.persona.cli.bench;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.RecordEventRequest;
import dev.persona.api.v1.Strategy;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.grpc.RecommendConnection;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code persona bench realtime <user_id>}: proves that an event changes the user's next recommendation. Asks for
 * the user's recommendations, records a purchase of the first one in profile-service (RecordEvent), then asks again
 * until the purchased item has left the list, and reports how long that took from the moment RecordEvent returned.
 * Fails (exit 1) when it takes longer than {@code --within-ms}.
 */
@Command(name = "realtime",
        description = "Records a purchase of the user's top recommendation and measures how soon it leaves the list.")
public final class RealtimeBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "<user_id>", description = "The user (an existing one with history).")
    String userId;

    @Option(names = "--k", defaultValue = "10", description = "Recommendations asked for (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--within-ms", defaultValue = "1000",
            description = "The longest acceptable delay in milliseconds (default: ${DEFAULT-VALUE}).")
    long withinMs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RecommendRequest ask = RecommendRequest.newBuilder().setUserId(userId).setK(k)
                .setStrategy(Strategy.STRATEGY_UNSPECIFIED).build();
        try (RecommendConnection recommend = RecommendConnection.open(connection.recommendSettings());
                ProfileConnection profiles = ProfileConnection.open(connection.settings())) {
            RecommendResponse before = recommend.unary().recommend(ask);
            if (before.getRecommendationsCount() == 0) {
                throw CliException.usage("user " + userId + " gets no recommendation to buy");
            }
            String item = before.getRecommendations(0).getItemId();
            Instant now = Instant.now();
            profiles.unary().recordEvent(RecordEventRequest.newBuilder().setEvent(Event.newBuilder()
                    .setEventId("realtime-" + UUID.randomUUID()).setUserId(userId).setItemId(item)
                    .setType(EventType.EVENT_TYPE_PURCHASE).setValue(1)
                    .setRecommendationId(before.getRecommendationId())
                    .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano())))
                    .build());
            long recorded = System.nanoTime();
            long elapsedMs;
            int asks = 0;
            while (true) {
                RecommendResponse after = recommend.unary().recommend(ask);
                asks++;
                elapsedMs = (System.nanoTime() - recorded) / 1_000_000;
                boolean gone = after.getRecommendationsList().stream().noneMatch(r -> r.getItemId().equals(item));
                if (gone || elapsedMs > withinMs) {
                    boolean pass = gone && elapsedMs <= withinMs;
                    out.printf(Locale.ROOT, "purchased %s (the top recommendation of %s): %s after %d ms and %d"
                            + " request(s); served by %s%n", item, userId, gone ? "gone from the list" : "STILL LISTED",
                            elapsedMs, asks, after.getStrategyUsed());
                    out.println(new JsonLine().put("bench", "realtime").put("user", userId).put("item", item)
                            .put("gone", gone).put("elapsed_ms", elapsedMs).put("requests", asks)
                            .put("within_ms", withinMs).put("pass", pass));
                    return pass ? ExitCodes.OK : ExitCodes.FAILURE;
                }
            }
        }
    }
}
