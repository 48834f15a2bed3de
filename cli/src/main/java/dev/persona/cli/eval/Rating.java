package dev.persona.cli.eval;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Event;
import dev.persona.cli.formats.MovieLensRatings;
import dev.persona.cli.io.BadLineException;
import dev.persona.cli.io.Fields;
import java.util.Comparator;

/** One rating of ml-100k u.data: user and item ids (whole numbers there), the rating and its Unix time. */
public record Rating(int user, int item, double value, long seconds) {

    /** By user, then item, numerically. */
    public static final Comparator<Rating> BY_USER_THEN_ITEM = Comparator.comparingInt(Rating::user)
            .thenComparingInt(Rating::item);

    /** A line of u.data: {@code user TAB item TAB rating TAB timestamp}. */
    public static Rating parse(String line) throws BadLineException {
        Event rating = MovieLensRatings.parse(line);
        return new Rating(id(rating.getUserId(), "user id"), id(rating.getItemId(), "item id"), rating.getValue(),
                Timestamps.toSeconds(rating.getOccurredAt()));
    }

    private static int id(String text, String name) throws BadLineException {
        long id = Fields.count(text, name);
        if (id > Integer.MAX_VALUE) {
            throw new BadLineException(name + " is too large: '" + text + "'");
        }
        return (int) id;
    }
}
