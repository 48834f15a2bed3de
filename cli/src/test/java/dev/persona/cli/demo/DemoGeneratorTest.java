package dev.persona.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.User;
import dev.persona.cli.formats.MovieLensGenres;
import dev.persona.cli.formats.MovieLensItems;
import dev.persona.cli.formats.MovieLensRatings;
import dev.persona.cli.formats.MovieLensUsers;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.ReadAll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoGeneratorTest {

    private static final List<String> FILES = List.of("u.genre", "u.user", "u.item", "u.data");

    @TempDir
    Path dir;

    private Path generate(String name, DemoSettings settings) throws IOException {
        Path out = dir.resolve(name);
        DemoGenerator.write(settings, out);
        return out;
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        Path a = generate("a", new DemoSettings(50, 40, 600, 7));
        Path b = generate("b", new DemoSettings(50, 40, 600, 7));
        for (String file : FILES) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
    }

    @Test
    void anotherSeedGivesOtherRatings() throws IOException {
        Path a = generate("a", new DemoSettings(50, 40, 600, 7));
        Path b = generate("b", new DemoSettings(50, 40, 600, 8));
        assertFalse(Files.readString(a.resolve("u.data")).equals(Files.readString(b.resolve("u.data"))));
    }

    @Test
    void theFilesParseBackWithTheMovieLensParsersInTheRequestedCounts() throws IOException {
        Path out = generate("demo", new DemoSettings(120, 80, 3000, 42));
        List<String> genres = MovieLensGenres.read(out.resolve("u.genre"));
        assertEquals(MovieLensGenres.ML_100K, genres);
        ReadAll<User> users = ReadAll.of(out.resolve("u.user"), Decoding.LATIN_1, MovieLensUsers::parse100k);
        ReadAll<Item> items = ReadAll.of(out.resolve("u.item"), Decoding.LATIN_1, MovieLensItems.parser100k(genres));
        ReadAll<Event> ratings = ReadAll.of(out.resolve("u.data"), Decoding.UTF_8, MovieLensRatings::parse);
        assertEquals(120, users.records().size());
        assertEquals(80, items.records().size());
        assertEquals(3000, ratings.records().size());
        assertEquals("", users.report() + items.report() + ratings.report());
        assertTrue(items.records().stream().allMatch(i -> i.getTagsCount() >= 1 && i.getTagsCount() <= 3));
    }

    @Test
    void eachPairIsRatedOnceWithStarsAndTimesInRange() throws IOException {
        Path out = generate("demo", new DemoSettings(30, 20, 300, 3));
        List<Event> ratings = ReadAll.of(out.resolve("u.data"), Decoding.UTF_8, MovieLensRatings::parse).records();
        Set<String> ids = new HashSet<>();
        long end = DemoGenerator.END.getEpochSecond();
        for (Event rating : ratings) {
            assertTrue(ids.add(rating.getEventId()), "pair rated twice: " + rating.getEventId());
            assertTrue(rating.getValue() >= 1 && rating.getValue() <= 5);
            long at = Timestamps.toSeconds(rating.getOccurredAt());
            assertTrue(at < end && at >= end - DemoGenerator.WINDOW_SECONDS, "timestamp " + at);
        }
    }

    @Test
    void popularityIsSkewed() throws IOException {
        Path out = generate("demo", new DemoSettings(300, 200, 12_000, 42));
        Map<String, Integer> perItem = new HashMap<>();
        for (Event rating : ReadAll.of(out.resolve("u.data"), Decoding.UTF_8, MovieLensRatings::parse).records()) {
            perItem.merge(rating.getItemId(), 1, Integer::sum);
        }
        int max = perItem.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        // 12,000 ratings over 200 films average 60; a Zipf-like popularity puts several times that on the top film.
        assertTrue(max > 3 * 60, "most rated film has " + max);
    }

    @Test
    void titlesAreLatin1InUItem() throws IOException {
        Path out = generate("demo", new DemoSettings(10, 300, 0, 1));
        String latin1 = Files.readString(out.resolve("u.item"), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(latin1.contains("Café") || latin1.contains("Señor"));
    }

    @Test
    void impossibleSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DemoSettings(0, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DemoSettings(10, 10, 51, 1));
    }
}
