package dev.persona.recommend.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The shared data sets of the benchmarks and the quality check, read from the datasets folder: the system property
 * {@code persona.datasets}, by default {@code ../shared/datasets} relative to the repository root (the first folder
 * upwards from the working directory that holds {@code mvnw}). Nothing is copied into the repository.
 */
final class Datasets {

    private Datasets() {
    }

    /** Ratings as parallel arrays of raw ids; rows in file order. */
    record Ratings(int[] users, int[] items, float[] ratings) {
        int size() {
            return users.length;
        }
    }

    /** The datasets folder. */
    static Path folder() {
        String property = System.getProperty("persona.datasets");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw"))) {
                return d.resolve("../shared/datasets").normalize();
            }
        }
        return dir.resolve("../shared/datasets").normalize();
    }

    /** A file of the datasets folder, or null after saying on stderr that it is missing. */
    static Path file(String relative) {
        Path path = folder().resolve(relative);
        if (!Files.isRegularFile(path)) {
            System.err.println("Data file " + path + " is missing: set -Dpersona.datasets=<the datasets folder>; "
                    + "skipping what needs it.");
            return null;
        }
        return path;
    }

    /** Reads {@code user SEP item SEP rating SEP timestamp} lines, SEP a tab ({@code u.data}) or "::". */
    static Ratings read(Path path) throws IOException {
        int[] users = new int[1 << 16];
        int[] items = new int[1 << 16];
        float[] ratings = new float[1 << 16];
        int n = 0;
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.contains("::") ? line.split("::") : line.split("\t");
                if (n == users.length) {
                    users = Arrays.copyOf(users, n * 2);
                    items = Arrays.copyOf(items, n * 2);
                    ratings = Arrays.copyOf(ratings, n * 2);
                }
                users[n] = Integer.parseInt(parts[0].trim());
                items[n] = Integer.parseInt(parts[1].trim());
                ratings[n] = Float.parseFloat(parts[2].trim());
                n++;
            }
        }
        return new Ratings(Arrays.copyOf(users, n), Arrays.copyOf(items, n), Arrays.copyOf(ratings, n));
    }

    /**
     * The matrix of some ratings with users and items indexed by raw id − 1 over 1..maxUser and 1..maxItem (so that
     * splits of one data set share their indices), ids the raw ids as text.
     */
    static Interactions matrix(Ratings r, int maxUser, int maxItem, boolean binary) {
        String[] userIds = new String[maxUser];
        String[] itemIds = new String[maxItem];
        for (int u = 0; u < maxUser; u++) {
            userIds[u] = Integer.toString(u + 1);
        }
        for (int i = 0; i < maxItem; i++) {
            itemIds[i] = Integer.toString(i + 1);
        }
        int[] u = new int[r.size()];
        int[] i = new int[r.size()];
        float[] v = new float[r.size()];
        for (int t = 0; t < r.size(); t++) {
            u[t] = r.users()[t] - 1;
            i[t] = r.items()[t] - 1;
            v[t] = binary ? 1f : r.ratings()[t];
        }
        return Interactions.of(userIds, itemIds, u, i, v, Interactions.Duplicates.LAST);
    }

    /** The matrix of some ratings with ids mapped to dense indices in ascending raw id order. */
    static Interactions compact(Ratings r, boolean binary) {
        int[] userIds = Arrays.stream(r.users()).distinct().sorted().toArray();
        int[] itemIds = Arrays.stream(r.items()).distinct().sorted().toArray();
        int[] u = new int[r.size()];
        int[] i = new int[r.size()];
        float[] v = new float[r.size()];
        for (int t = 0; t < r.size(); t++) {
            u[t] = Arrays.binarySearch(userIds, r.users()[t]);
            i[t] = Arrays.binarySearch(itemIds, r.items()[t]);
            v[t] = binary ? 1f : r.ratings()[t];
        }
        return Interactions.of(Arrays.stream(userIds).mapToObj(Integer::toString).toArray(String[]::new),
                Arrays.stream(itemIds).mapToObj(Integer::toString).toArray(String[]::new), u, i, v,
                Interactions.Duplicates.LAST);
    }

    static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
