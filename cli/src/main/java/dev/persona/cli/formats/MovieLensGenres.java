package dev.persona.cli.formats;

import dev.persona.cli.io.DataFileException;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.Fields;
import dev.persona.cli.io.LineReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The genres of ml-100k, which name the genre flag columns of u.item in order. */
public final class MovieLensGenres {

    /** The 19 genres of ml-100k in column order, as its README lists them; used when u.genre is absent. */
    public static final List<String> ML_100K = List.of("unknown", "Action", "Adventure", "Animation", "Children's",
            "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
            "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private MovieLensGenres() {
    }

    /** The genres of the directory's u.genre, else {@link #ML_100K}. */
    public static List<String> of(MovieLensFiles files) throws IOException {
        Optional<Path> genreFile = files.genres();
        return genreFile.isPresent() ? read(genreFile.get()) : ML_100K;
    }

    /** Reads u.genre: one {@code name|index} per line, indexes 0 to n-1 in any order. */
    public static List<String> read(Path file) throws IOException {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        try (LineReader lines = LineReader.open(file, Decoding.LATIN_1)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = Fields.split(line, "|");
                Integer index = fields.length == 2 ? parseIndex(fields[1]) : null;
                if (index == null || fields[0].isBlank() || byIndex.put(index, fields[0].trim()) != null) {
                    throw new DataFileException(file.toString(), lines.lineNumber(),
                            "expected 'genre|index' with a new index, found '" + line + "'");
                }
            }
        }
        if (byIndex.isEmpty() || byIndex.lastKey() != byIndex.size() - 1) {
            throw new DataFileException(file.toString(), 0, "genre indexes must run from 0 without gaps");
        }
        return new ArrayList<>(byIndex.values());
    }

    private static Integer parseIndex(String text) {
        try {
            int index = Integer.parseInt(text.trim());
            return index >= 0 ? index : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
