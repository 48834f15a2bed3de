package dev.persona.cli.demo;

import dev.persona.cli.formats.MovieLensGenres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic data set in the ml-100k layout (u.genre, u.user, u.item latin-1, u.data) with some structure
 * for the algorithms to find: each user has 1 to 3 favourite genres, rates films of those genres more often and
 * higher; film popularity follows a Zipf-like law; users' activity is log-normal. The same settings give the same
 * bytes: one {@link Random} seeded from the settings, StrictMath (platform-independent results), and timestamps
 * within two years before a fixed date.
 */
public final class DemoGenerator {

    /** The end of the ratings' time window: fixed, so that the files do not depend on the day they are made. */
    static final Instant END = Instant.parse("2025-01-01T00:00:00Z");
    static final long WINDOW_SECONDS = 730L * 24 * 3600;
    /** Share of ratings drawn among the user's favourite genres. */
    private static final double FAVOURITE_SHARE = 0.75;
    /** Zipf exponent of film popularity by rank. */
    private static final double POPULARITY_EXPONENT = 0.9;
    /** Attempts at drawing a pair not rated yet before scanning for one. */
    private static final int MAX_DRAWS = 1000;
    /** Relative frequency of the genres 1..18 of {@link MovieLensGenres#ML_100K} ("unknown" is never used). */
    private static final double[] GENRE_WEIGHTS = {10, 5, 1.5, 4, 20, 4, 2, 25, 1, 1, 3, 2, 2, 8, 4, 9, 3, 1.5};
    private static final String[] OCCUPATIONS = {"administrator", "artist", "doctor", "educator", "engineer",
        "entertainment", "executive", "healthcare", "homemaker", "lawyer", "librarian", "marketing", "none", "other",
        "programmer", "retired", "salesman", "scientist", "student", "technician", "writer"};
    // A few accented words, so that u.item really needs its latin-1 encoding.
    private static final String[] TITLE_FIRST = {"Silent", "Crimson", "Last", "Hidden", "Golden", "Broken", "Midnight",
        "Distant", "Wild", "Frozen", "Secret", "Lonely", "Burning", "Quiet", "Endless", "Fallen", "Señor", "Little"};
    private static final String[] TITLE_SECOND = {"Harbor", "Garden", "Empire", "River", "Promise", "Station",
        "Horizon", "Letter", "Kingdom", "Journey", "Mirror", "Season", "Café", "Frontier", "Orchard", "Signal"};
    private static final DateTimeFormatter RELEASE_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);

    private final DemoSettings settings;
    private final Random random;
    private final WeightedSampler genreSampler = new WeightedSampler(GENRE_WEIGHTS);

    private DemoGenerator(DemoSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    /** Writes the four files into {@code dir}, creating it if needed and replacing files of the same names. */
    public static void write(DemoSettings settings, Path dir) throws IOException {
        new DemoGenerator(settings).writeAll(Files.createDirectories(dir));
    }

    private void writeAll(Path dir) throws IOException {
        writeGenres(dir.resolve("u.genre"));
        Films films = writeFilms(dir.resolve("u.item"));
        Audience audience = writeUsers(dir.resolve("u.user"), films);
        writeRatings(dir.resolve("u.data"), films, audience);
    }

    private static void writeGenres(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int g = 0; g < MovieLensGenres.ML_100K.size(); g++) {
                out.write(MovieLensGenres.ML_100K.get(g) + "|" + g + "\n");
            }
        }
    }

    /** The films: genres (as indexes into ML_100K), popularity and quality. */
    private record Films(int[][] genres, double[] popularity, double[] quality, WeightedSampler all,
            WeightedSampler[] byGenre) {
    }

    private Films writeFilms(Path file) throws IOException {
        int n = settings.items();
        int genreCount = MovieLensGenres.ML_100K.size();
        int[][] genres = new int[n][];
        double[] popularity = zipfWeightsInRandomOrder(n);
        double[] quality = new double[n];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < n; i++) {
                genres[i] = distinctGenres(1 + weightedCount());
                quality[i] = random.nextGaussian() * 0.5;
                int year = 1950 + (int) Math.round(70 * StrictMath.sqrt(random.nextDouble()));
                LocalDate released = LocalDate.ofYearDay(year, 1 + random.nextInt(365));
                String title = TITLE_FIRST[random.nextInt(TITLE_FIRST.length)] + " "
                        + TITLE_SECOND[random.nextInt(TITLE_SECOND.length)] + " (" + year + ")";
                StringBuilder line = new StringBuilder().append(i + 1).append('|').append(title).append('|')
                        .append(released.format(RELEASE_DATE)).append("||");
                boolean[] flags = new boolean[genreCount];
                for (int g : genres[i]) {
                    flags[g] = true;
                }
                for (boolean flag : flags) {
                    line.append('|').append(flag ? '1' : '0');
                }
                out.write(line.append('\n').toString());
            }
        }
        WeightedSampler[] byGenre = new WeightedSampler[genreCount];
        for (int g = 0; g < genreCount; g++) {
            double[] weights = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (contains(genres[i], g)) {
                    weights[i] = popularity[i];
                    any = true;
                }
            }
            byGenre[g] = any ? new WeightedSampler(weights) : null;
        }
        return new Films(genres, popularity, quality, new WeightedSampler(popularity), byGenre);
    }

    /** The users: favourite genres (only genres that have films), activity and rating bias. */
    private record Audience(int[][] favourites, WeightedSampler activity, double[] bias) {
    }

    private Audience writeUsers(Path file, Films films) throws IOException {
        int n = settings.users();
        int[][] favourites = new int[n][];
        double[] activity = new double[n];
        double[] bias = new double[n];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int u = 0; u < n; u++) {
                favourites[u] = favouriteGenres(films);
                activity[u] = StrictMath.exp(random.nextGaussian() * 0.8);
                bias[u] = random.nextGaussian() * 0.4;
                int age = (int) Math.max(16, Math.min(75, Math.round(33 + random.nextGaussian() * 11)));
                String gender = random.nextDouble() < 0.7 ? "M" : "F";
                String occupation = OCCUPATIONS[random.nextInt(OCCUPATIONS.length)];
                String zip = String.format(Locale.ROOT, "%05d", random.nextInt(100_000));
                out.write((u + 1) + "|" + age + "|" + gender + "|" + occupation + "|" + zip + "\n");
            }
        }
        return new Audience(favourites, new WeightedSampler(activity), bias);
    }

    private void writeRatings(Path file, Films films, Audience audience) throws IOException {
        int items = settings.items();
        BitSet rated = new BitSet(settings.users() * items);
        long end = END.getEpochSecond();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int r = 0; r < settings.ratings(); r++) {
                int pair = unratedPair(films, audience, rated);
                rated.set(pair);
                int user = pair / items;
                int item = pair % items;
                boolean favourite = sharesGenre(audience.favourites()[user], films.genres()[item]);
                double mean = 3.3 + films.quality()[item] + audience.bias()[user] + (favourite ? 0.7 : -0.4);
                long stars = Math.max(1, Math.min(5, Math.round(mean + random.nextGaussian() * 0.9)));
                long timestamp = end - 1 - (long) (random.nextDouble() * WINDOW_SECONDS);
                out.write((user + 1) + "\t" + (item + 1) + "\t" + stars + "\t" + timestamp + "\n");
            }
        }
    }

    /** A (user, film) pair not rated yet, as user * items + film. */
    private int unratedPair(Films films, Audience audience, BitSet rated) {
        int items = settings.items();
        for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
            int user = audience.activity().draw(random);
            int[] favourites = audience.favourites()[user];
            int item = random.nextDouble() < FAVOURITE_SHARE
                    ? films.byGenre()[favourites[random.nextInt(favourites.length)]].draw(random)
                    : films.all().draw(random);
            int pair = user * items + item;
            if (!rated.get(pair)) {
                return pair;
            }
        }
        // Heavy users may have rated nearly everything they would draw; any free pair will do then.
        int start = random.nextInt(settings.users() * items);
        int free = rated.nextClearBit(start);
        return free < settings.users() * items ? free : rated.nextClearBit(0);
    }

    /** 1, 2 or 3 with probabilities 0.5, 0.35, 0.15. */
    private int weightedCount() {
        double p = random.nextDouble();
        return p < 0.5 ? 0 : p < 0.85 ? 1 : 2;
    }

    /** Distinct genre indexes into ML_100K (1..18), drawn by genre frequency. */
    private int[] distinctGenres(int count) {
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            int genre = 1 + genreSampler.draw(random);
            if (!chosen.contains(genre)) {
                chosen.add(genre);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] favouriteGenres(Films films) {
        int count = 1 + weightedCount();
        List<Integer> chosen = new ArrayList<>();
        for (int attempt = 0; chosen.size() < count && attempt < 100; attempt++) {
            int genre = 1 + genreSampler.draw(random);
            if (films.byGenre()[genre] != null && !chosen.contains(genre)) {
                chosen.add(genre);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(films.genres()[0][0]);
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Weights 1 / rank^s, with ranks shuffled over the films so that popularity does not follow the id. */
    private double[] zipfWeightsInRandomOrder(int n) {
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = ranks[i];
            ranks[i] = ranks[j];
            ranks[j] = swap;
        }
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = StrictMath.pow(ranks[i], -POPULARITY_EXPONENT);
        }
        return weights;
    }

    private static boolean sharesGenre(int[] favourites, int[] genres) {
        for (int g : genres) {
            if (contains(favourites, g)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
