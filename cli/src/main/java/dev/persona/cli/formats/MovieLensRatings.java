package dev.persona.cli.formats;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.cli.io.BadLineException;
import dev.persona.cli.io.BadLines;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.Fields;
import dev.persona.cli.io.RecordReader;
import java.io.IOException;
import java.nio.file.Path;

/** Ratings of MovieLens as RATING events: ml-100k u.data (TAB-separated) and ml-1m ratings.dat ({@code ::}). */
public final class MovieLensRatings {

    private MovieLensRatings() {
    }

    /** Opens a ratings file (u.data or ratings.dat) as RATING events. */
    public static RecordReader<Event> open(Path file, BadLines badLines) throws IOException {
        return RecordReader.open(file, Decoding.UTF_8, MovieLensRatings::parse, badLines);
    }

    /** {@code user item rating timestamp}, separated by TAB or by {@code ::}; the timestamp is in Unix seconds. */
    public static Event parse(String line) throws BadLineException {
        String[] f = line.contains("::") ? Fields.split(line, "::", 4, "'::'") : Fields.split(line, "\t", 4, "TAB");
        String user = Fields.id(f[0], "user id");
        String item = Fields.id(f[1], "item id");
        return Event.newBuilder()
                .setEventId(eventId(user, item))
                .setUserId(user)
                .setItemId(item)
                .setType(EventType.EVENT_TYPE_RATING)
                .setValue(Fields.number(f[2], "rating"))
                .setOccurredAt(Timestamps.fromSeconds(Fields.count(f[3], "timestamp")))
                .build();
    }

    /** One rating per user and film, so re-importing a file (or a newer copy of it) is idempotent. */
    public static String eventId(String user, String item) {
        return "ml-" + user + "-" + item;
    }
}
