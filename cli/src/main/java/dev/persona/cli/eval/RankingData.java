package dev.persona.cli.eval;

import dev.persona.api.v1.Item;
import dev.persona.api.v1.User;
import dev.persona.cli.CliException;
import dev.persona.cli.InputPaths;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.formats.MovieLensFiles;
import dev.persona.cli.formats.MovieLensGenres;
import dev.persona.cli.formats.MovieLensItems;
import dev.persona.cli.formats.MovieLensUsers;
import dev.persona.cli.io.BadLines;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.LineParser;
import dev.persona.cli.io.RecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ml-100k files of the ranking protocol, in memory: users (u.user), items (u.item, genres named by u.genre if
 * present, as {@code persona import movielens} reads them) and ratings (u.data). Any malformed line stops the
 * evaluation: skipping lines would change the split.
 */
record RankingData(List<User> users, List<Item> items, List<Rating> ratings) {

    static RankingData read(Path dir, StatusLine status) throws IOException {
        MovieLensFiles files = MovieLensFiles.in(InputPaths.directory(dir))
                .filter(found -> found.layout() == MovieLensFiles.Layout.ML_100K)
                .orElseThrow(() -> CliException.usage("no ml-100k files in " + dir
                        + ": expected u.user, u.item and u.data"));
        Path users = required(files.users(), dir, "u.user", "the users");
        Path items = required(files.items(), dir, "u.item", "the films");
        Path ratings = required(files.ratings(), dir, "u.data", "the ratings");
        return new RankingData(
                readAll(users, Decoding.LATIN_1, MovieLensUsers::parse100k, status),
                readAll(items, Decoding.LATIN_1, MovieLensItems.parser100k(MovieLensGenres.of(files)), status),
                readAll(ratings, Decoding.UTF_8, Rating::parse, status));
    }

    private static Path required(Optional<Path> file, Path dir, String name, String what) {
        return file.orElseThrow(() -> CliException.usage("no " + name + " in " + dir + " (" + what
                + "): the ranking evaluation needs u.user, u.item and u.data"));
    }

    private static <T> List<T> readAll(Path file, Decoding decoding, LineParser<T> parser, StatusLine status)
            throws IOException {
        List<T> records = new ArrayList<>();
        try (RecordReader<T> reader = RecordReader.open(file, decoding, parser,
                BadLines.strict(file.toString(), status))) {
            for (T record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }
}
