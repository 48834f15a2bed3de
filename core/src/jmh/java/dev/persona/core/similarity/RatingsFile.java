package dev.persona.core.similarity;

import dev.persona.core.similarity.DuplicatePolicy;
import dev.persona.core.similarity.IdIndex;
import dev.persona.core.similarity.InteractionMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A MovieLens ratings file read into parallel arrays of dense user index, dense item index and rating. Lines are
 * {@code user::item::rating::timestamp} (MovieLens 1M) or {@code user<TAB>item<TAB>rating<TAB>timestamp} (MovieLens
 * 100K). Where it is: the system property {@code persona.ratings}, else
 * {@code ../shared/datasets/synth-ml1m/ratings.dat} relative to the repository root (the first directory upwards from
 * the working directory that holds {@code mvnw}).
 */
final class RatingsFile {

    static final String PROPERTY = "persona.ratings";
    private static final String DEFAULT_FROM_ROOT = "../shared/datasets/synth-ml1m/ratings.dat";
    private static final Pattern DOUBLE_COLON = Pattern.compile("::");
    private static final Pattern TAB = Pattern.compile("\t");

    final IdIndex users = new IdIndex();
    final IdIndex items = new IdIndex();
    int[] userOf = new int[1 << 20];
    int[] itemOf = new int[1 << 20];
    double[] rating = new double[1 << 20];
    int count;

    private RatingsFile() {
    }

    /** The file the benchmarks read. */
    static Path location() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path root = dir == null ? Path.of(System.getProperty("user.dir")) : dir;
        return root.resolve(DEFAULT_FROM_ROOT).toAbsolutePath().normalize();
    }

    /** The reason the benchmarks cannot run, or null when the file is there. */
    static String missingMessage() {
        Path file = location();
        return Files.isReadable(file) ? null
                : "ratings file not found: " + file + " (set -D" + PROPERTY + "=<path to a MovieLens ratings file>)";
    }

    static RatingsFile read(Path file) throws IOException {
        RatingsFile ratings = new RatingsFile();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    ratings.add(line);
                }
            }
        }
        return ratings;
    }

    /** The ratings as weights (a re-rating replaces the earlier one), or 1 for every rated pair if {@code binary}. */
    InteractionMatrix matrix(boolean binary) {
        return InteractionMatrix.fromTriples(users.size(), items.size(), userOf, itemOf, rating, count,
                DuplicatePolicy.LAST, binary);
    }

    private void add(String line) {
        String[] fields = (line.contains("::") ? DOUBLE_COLON : TAB).split(line, 4);
        if (fields.length < 3) {
            throw new IllegalArgumentException("not a user::item::rating or user<TAB>item<TAB>rating line: " + line);
        }
        if (count == userOf.length) {
            userOf = Arrays.copyOf(userOf, 2 * count);
            itemOf = Arrays.copyOf(itemOf, 2 * count);
            rating = Arrays.copyOf(rating, 2 * count);
        }
        userOf[count] = users.add(fields[0]);
        itemOf[count] = items.add(fields[1]);
        rating[count] = Double.parseDouble(fields[2]);
        count++;
    }
}
