package dev.persona.cli.imports;

import dev.persona.api.v1.Item;
import dev.persona.api.v1.User;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InputPaths;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.formats.MovieLensFiles;
import dev.persona.cli.formats.MovieLensGenres;
import dev.persona.cli.formats.MovieLensItems;
import dev.persona.cli.formats.MovieLensRatings;
import dev.persona.cli.formats.MovieLensUsers;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.LineParser;
import dev.persona.cli.io.RecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona import movielens <dir>}: users, then films, then ratings, of an ml-100k or ml-1m directory. */
@Command(name = "movielens",
        description = {"Imports a MovieLens directory (ml-100k or ml-1m layout).",
                "Imports a MovieLens directory: ml-100k (u.user, u.item, u.genre, u.data) or ml-1m "
                + "(users.dat, movies.dat, ratings.dat). Absent files are skipped; users, films and ratings are "
                + "imported in that order, ratings as RATING events with ids ml-<user>-<item>."})
public final class MovieLensImport implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    BadLineOptions badLineOptions;

    @Parameters(paramLabel = "<dir>", description = "The MovieLens directory.")
    Path dir;

    @Option(names = "--limit", paramLabel = "N",
            description = "Import at most N ratings (users and films are all imported).")
    Long limit;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (limit != null && limit < 0) {
            throw CliException.usage("--limit must be 0 or more");
        }
        MovieLensFiles files = MovieLensFiles.in(InputPaths.directory(dir)).orElseThrow(() -> CliException.usage(
                "no MovieLens files in " + dir + ": expected u.user, u.item, u.data (ml-100k) "
                        + "or users.dat, movies.dat, ratings.dat (ml-1m)"));
        boolean ml100k = files.layout() == MovieLensFiles.Layout.ML_100K;
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        FileImports imports = new FileImports(spec.commandLine().getOut(), status, badLineOptions.failFast());
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings())) {
            Uploader uploader = new Uploader(profiles, status);
            Optional<Path> users = files.users();
            if (users.isPresent()) {
                LineParser<User> parser = ml100k ? MovieLensUsers::parse100k : MovieLensUsers::parse1m;
                imports.run(users.get(), (file, bad) -> RecordReader.open(file, Decoding.LATIN_1, parser, bad),
                        uploader::users);
            }
            Optional<Path> items = files.items();
            if (items.isPresent()) {
                LineParser<Item> parser = ml100k ? MovieLensItems.parser100k(MovieLensGenres.of(files)) : MovieLensItems::parse1m;
                Decoding decoding = ml100k ? Decoding.LATIN_1 : Decoding.UTF_8_ELSE_LATIN_1;
                imports.run(items.get(), (file, bad) -> RecordReader.open(file, decoding, parser, bad),
                        uploader::items);
            }
            Optional<Path> ratings = files.ratings();
            if (ratings.isPresent()) {
                long maxEvents = limit == null ? Long.MAX_VALUE : limit;
                imports.run(ratings.get(), (file, bad) -> MovieLensRatings.open(file, bad).limit(maxEvents),
                        uploader::events);
            }
        }
        return ExitCodes.OK;
    }
}
