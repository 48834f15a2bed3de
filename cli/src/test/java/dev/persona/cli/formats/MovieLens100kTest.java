package dev.persona.cli.formats;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.User;
import dev.persona.cli.io.BadLineException;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.ReadAll;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MovieLens100kTest {

    private static final Path DIR = resource("movielens/ml100k");

    @Test
    void usersCarryAgeGenderOccupationAndZip() throws IOException {
        List<User> users = ReadAll.of(DIR.resolve("u.user"), Decoding.LATIN_1, MovieLensUsers::parse100k).records();
        assertEquals(3, users.size());
        assertEquals("1", users.get(0).getUserId());
        assertEquals(Map.of("age", "31", "gender", "F", "occupation", "writer", "zip", "10115"),
                users.get(0).getAttributesMap());
        assertEquals("K1A0B", users.get(2).getAttributesOrThrow("zip"));
    }

    @Test
    void genresComeFromUGenreInIndexOrder() throws IOException {
        assertEquals(List.of("unknown", "Drama", "Comedy", "Noir"), MovieLensGenres.read(DIR.resolve("u.genre")));
    }

    @Test
    void itemsAreLatin1WithGenresAsTagsAndTheFirstAsCategory() throws IOException {
        List<String> genres = MovieLensGenres.read(DIR.resolve("u.genre"));
        List<Item> items = ReadAll.of(DIR.resolve("u.item"), Decoding.LATIN_1, MovieLensItems.parser100k(genres))
                .records();
        assertEquals(4, items.size());
        Item cafe = items.get(0);
        assertEquals("1", cafe.getItemId());
        assertEquals("Café Lumière (1994)", cafe.getTitle());
        assertEquals(List.of("Drama"), cafe.getTagsList());
        assertEquals("Drama", cafe.getCategory());
        assertEquals("01-Jan-1994", cafe.getAttributesOrThrow("release_date"));
        assertTrue(cafe.getActive());
        assertEquals(List.of("Drama", "Noir"), items.get(1).getTagsList());
        Item undated = items.get(2);
        assertEquals("unknown", undated.getCategory());
        assertFalse(undated.containsAttributes("release_date"));
    }

    @Test
    void withoutUGenreTheStandard19GenresNameTheFlags() throws IOException {
        Path file = resource("movielens/ml100k-default-genres/u.item");
        Item item = ReadAll.of(file, Decoding.LATIN_1, MovieLensItems.parser100k(MovieLensGenres.ML_100K))
                .records().get(0);
        assertEquals(List.of("Comedy", "Western"), item.getTagsList());
        assertEquals("Comedy", item.getCategory());
    }

    @Test
    void aWrongNumberOfGenreFlagsIsABadLine() {
        BadLineException e = assertThrows(BadLineException.class,
                () -> MovieLensItems.parser100k(MovieLensGenres.ML_100K).parse("1|Title|01-Jan-1990|||0|1"));
        assertEquals("expected 24 fields separated by '|', found 7", e.getMessage());
    }

    @Test
    void ratingsBecomeRatingEventsAndMalformedLinesAreReportedByLineNumber() throws IOException {
        ReadAll<Event> read = ReadAll.of(DIR.resolve("u.data"), Decoding.UTF_8, MovieLensRatings::parse);
        assertEquals(5, read.records().size());
        Event first = read.records().get(0);
        assertEquals("ml-1-1", first.getEventId());
        assertEquals("1", first.getUserId());
        assertEquals("1", first.getItemId());
        assertEquals(EventType.EVENT_TYPE_RATING, first.getType());
        assertEquals(5.0, first.getValue());
        assertEquals(1_000_000_000L, Timestamps.toSeconds(first.getOccurredAt()));
        assertTrue(read.report().contains("u.data line 4: expected 4 fields separated by TAB, found 2"), read.report());
        assertTrue(read.report().contains("u.data line 7: rating is not a number: 'x'"), read.report());
    }
}
