package dev.persona.cli.formats;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Event;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.User;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.ReadAll;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLens1mTest {

    private static final Path DIR = resource("movielens/ml1m");

    @Test
    void usersReorderGenderAndAge() throws IOException {
        User user = ReadAll.of(DIR.resolve("users.dat"), Decoding.LATIN_1, MovieLensUsers::parse1m).records().get(0);
        assertEquals("1", user.getUserId());
        assertEquals(Map.of("gender", "F", "age", "25", "occupation", "4", "zip", "10115"), user.getAttributesMap());
    }

    @Test
    void moviesSplitGenresOnPipes() throws IOException {
        List<Item> items = ReadAll.of(DIR.resolve("movies.dat"), Decoding.UTF_8_ELSE_LATIN_1, MovieLensItems::parse1m)
                .records();
        assertEquals(3, items.size());
        assertEquals("Café Lumière (1994)", items.get(0).getTitle());
        assertEquals(List.of("Drama", "Romance"), items.get(0).getTagsList());
        assertEquals("Drama", items.get(0).getCategory());
        assertEquals(List.of(), items.get(2).getTagsList());
        assertEquals("", items.get(2).getCategory());
    }

    @Test
    void latin1MoviesAreReadWhenTheyAreNotUtf8() throws IOException {
        Item item = ReadAll.of(resource("movielens/ml1m-latin1/movies.dat"), Decoding.UTF_8_ELSE_LATIN_1,
                MovieLensItems::parse1m).records().get(0);
        assertEquals("Café Lumière (1994)", item.getTitle());
    }

    @Test
    void ratingsAcceptColonSeparatorsAndHalfStars() throws IOException {
        ReadAll<Event> read = ReadAll.of(DIR.resolve("ratings.dat"), Decoding.UTF_8, MovieLensRatings::parse);
        assertEquals(List.of("ml-1-1", "ml-1-2", "ml-2-3"), read.records().stream().map(Event::getEventId).toList());
        assertEquals(3.5, read.records().get(2).getValue());
        assertTrue(read.report().contains("ratings.dat line 3: expected 4 fields separated by TAB, found 1"),
                read.report());
    }

    @Test
    void layoutIsDetectedFromTheFileNamesAndAbsentFilesAreEmpty(@TempDir Path empty)
            throws IOException {
        MovieLensFiles ml1m = MovieLensFiles.in(DIR).orElseThrow();
        assertEquals(MovieLensFiles.Layout.ML_1M, ml1m.layout());
        assertTrue(ml1m.genres().isEmpty());
        MovieLensFiles ml100k = MovieLensFiles.in(resource("movielens/ml100k")).orElseThrow();
        assertEquals(MovieLensFiles.Layout.ML_100K, ml100k.layout());
        assertTrue(ml100k.genres().isPresent());
        MovieLensFiles itemsOnly = MovieLensFiles.in(resource("movielens/ml100k-default-genres")).orElseThrow();
        assertTrue(itemsOnly.users().isEmpty() && itemsOnly.ratings().isEmpty() && itemsOnly.items().isPresent());
        assertTrue(MovieLensFiles.in(empty).isEmpty());
    }
}
