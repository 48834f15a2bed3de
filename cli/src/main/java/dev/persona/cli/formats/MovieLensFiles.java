package dev.persona.cli.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of a MovieLens directory: the ml-100k layout (u.user, u.item, u.data, u.genre) or the ml-1m one
 * (users.dat, movies.dat, ratings.dat). Any file may be absent.
 */
public final class MovieLensFiles {

    /** Which MovieLens release the directory looks like. */
    public enum Layout { ML_100K, ML_1M }

    private final Layout layout;
    private final Path users;
    private final Path items;
    private final Path ratings;
    private final Path genres;

    private MovieLensFiles(Layout layout, Path users, Path items, Path ratings, Path genres) {
        this.layout = layout;
        this.users = users;
        this.items = items;
        this.ratings = ratings;
        this.genres = genres;
    }

    /** The files found in the directory; empty when it holds no MovieLens file. The ml-100k names win. */
    public static Optional<MovieLensFiles> in(Path dir) {
        MovieLensFiles ml100k = new MovieLensFiles(Layout.ML_100K, existing(dir, "u.user"), existing(dir, "u.item"),
                existing(dir, "u.data"), existing(dir, "u.genre"));
        if (ml100k.hasAny()) {
            return Optional.of(ml100k);
        }
        MovieLensFiles ml1m = new MovieLensFiles(Layout.ML_1M, existing(dir, "users.dat"),
                existing(dir, "movies.dat"), existing(dir, "ratings.dat"), null);
        return ml1m.hasAny() ? Optional.of(ml1m) : Optional.empty();
    }

    public Layout layout() {
        return layout;
    }

    public Optional<Path> users() {
        return Optional.ofNullable(users);
    }

    public Optional<Path> items() {
        return Optional.ofNullable(items);
    }

    public Optional<Path> ratings() {
        return Optional.ofNullable(ratings);
    }

    /** u.genre (ml-100k only). */
    public Optional<Path> genres() {
        return Optional.ofNullable(genres);
    }

    private boolean hasAny() {
        return users != null || items != null || ratings != null;
    }

    private static Path existing(Path dir, String name) {
        Path file = dir.resolve(name);
        return Files.isRegularFile(file) ? file : null;
    }
}
