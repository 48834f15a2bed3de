package dev.persona.cli;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.RecordEventRequest;
import dev.persona.api.v1.RecordEventResponse;
import dev.persona.cli.grpc.ProfileConnection;
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

/** {@code persona event <user_id> <item_id>}: records one event in real time (RecordEvent). */
@Command(name = "event",
        description = "Records one event in real time (RecordEvent): when it returns, the event is committed.")
public final class EventCommand implements Callable<Integer> {

    /** The event types a caller may record, by their command-line names. */
    enum Type {
        VIEW, CLICK, ADD_TO_CART, PURCHASE, RATING, IMPRESSION
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<user_id>", description = "The user.")
    String userId;

    @Parameters(index = "1", paramLabel = "<item_id>", description = "The item.")
    String itemId;

    @Option(names = "--type", paramLabel = "<type>", defaultValue = "VIEW",
            description = "view, click, add_to_cart, purchase, rating or impression (default: view).")
    String type;

    @Option(names = "--value", paramLabel = "<value>", defaultValue = "0",
            description = "The rating (for rating) or the amount (for purchase); default 0.")
    double value;

    @Option(names = "--recommendation-id", paramLabel = "<id>", defaultValue = "",
            description = "The recommendation the event answers, to attribute it (optional).")
    String recommendationId;

    @Override
    public Integer call() throws Exception {
        Type kind;
        try {
            kind = Type.valueOf(type.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--type must be one of view, click, add_to_cart, purchase, rating, impression;"
                    + " got " + type);
        }
        Instant now = Instant.now();
        Event event = Event.newBuilder().setEventId("cli-" + UUID.randomUUID()).setUserId(userId).setItemId(itemId)
                .setType(EventType.valueOf("EVENT_TYPE_" + kind.name())).setValue(value)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setRecommendationId(recommendationId).build();
        RecordEventResponse response;
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings())) {
            response = profiles.unary().recordEvent(RecordEventRequest.newBuilder().setEvent(event).build());
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s %s %s: %s, sequence %d%n", userId, kind.name()
                .toLowerCase(Locale.ROOT), itemId, response.getDuplicate() ? "duplicate" : "recorded",
                response.getSequence());
        return ExitCodes.OK;
    }
}
