package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.Entity;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.Metric;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.Strategy;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServicesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking evaluation on a made-up ml-100k directory: 4 users who each rated all of items 1 to 5, and item 6 that
 * nobody rated. Each user holds out one rating, so the only candidates of a user are the held-out item and item 6;
 * the fake recommends the held-out item first (it has more users), so every evaluated user has one hit at rank 1:
 * P@10 = 0.1, R@10 = NDCG@10 = HR@10 = 1, and coverage = (held-out items of evaluated users + item 6) / 6.
 */
class RankingEvalCommandTest extends FakeServicesTest {

    private static final int[][] RATINGS = {{5, 5, 5, 5, 5}, {4, 3, 5, 2, 4}, {1, 1, 1, 1, 1}, {5, 4, 4, 4, 4}};

    @TempDir
    Path dir;

    private List<Rating> ratings;

    @BeforeEach
    void writeDataSet() throws IOException {
        Files.writeString(dir.resolve("u.genre"), "unknown|0\nDrama|1\nComedy|2\n\n");
        Files.writeString(dir.resolve("u.user"), "1|24|M|technician|85711\n2|53|F|other|94043\n"
                + "3|23|M|writer|32067\n4|24|M|technician|43537\n");
        Files.writeString(dir.resolve("u.item"), "1|Toy Story (1995)|01-Jan-1995|||0|0|1\n"
                + "2|GoldenEye (1995)|01-Jan-1995|||0|1|0\n3|Four Rooms (1995)|01-Jan-1995|||0|1|1\n"
                + "4|Get Shorty (1995)|01-Jan-1995|||0|0|1\n5|Copycat (1995)|01-Jan-1995|||0|1|0\n"
                + "6|Unseen (1996)|01-Jan-1996|||1|0|0\n");
        StringBuilder data = new StringBuilder();
        ratings = new ArrayList<>();
        for (int user = 1; user <= RATINGS.length; user++) {
            for (int item = 1; item <= 5; item++) {
                long time = 881_250_000L + user * 100 + item;
                data.append(user).append('\t').append(item).append('\t').append(RATINGS[user - 1][item - 1])
                        .append('\t').append(time).append('\n');
                ratings.add(new Rating(user, item, RATINGS[user - 1][item - 1], time));
            }
        }
        Files.writeString(dir.resolve("u.data"), data);
        similarityService.buildingFrom(service);
    }

    private CliRun eval(String... options) {
        List<String> args = new ArrayList<>(List.of("eval", "ranking", dir.toString()));
        args.addAll(List.of(options));
        return CliRun.of(argsWithoutTenant(args.toArray(String[]::new)));
    }

    @Test
    void eachSeedImportsTheTrainPairsBuildsTheListsAndScoresEveryEvaluatedUser() throws IOException {
        recommendService.fallback(Strategy.STRATEGY_CONTENT, Strategy.STRATEGY_POPULAR);
        Path report = dir.resolve("out/eval.md");
        CliRun run = eval("--seeds", "2", "--first-seed", "3", "--strategies", "popular,item-knn,content",
                "--report", report.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Files.size(dir.resolve("out/eval.png")) > 1000, "the NDCG chart is a real PNG");

        List<String> tenants = List.copyOf(service.tenants());
        assertEquals(2, tenants.size(), tenants::toString);
        List<String> expectedJson = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            long seed = 3 + s;
            String tenant = tenants.get(s);
            assertTrue(tenant.matches("eval-ranking-" + seed + "-\\d+"), tenant);
            assertEquals(4, service.users(tenant).size());
            assertEquals("Comedy", service.items(tenant).get("1").getCategory());
            RatingSplit split = RatingSplit.of(ratings, seed);
            Map<String, Event> events = service.events(tenant);
            assertEquals(split.train().size(), events.size());
            for (Rating rating : split.train()) {
                Event event = events.get("eval-" + seed + "-" + rating.user() + "-" + rating.item());
                assertEquals(EventType.EVENT_TYPE_VIEW, event.getType(), rating::toString);
                assertEquals(rating.seconds(), event.getOccurredAt().getSeconds());
            }
            SortedMap<Integer, Set<Integer>> relevant = split.relevant(4);
            Set<Integer> covered = new TreeSet<>(Set.of(6));
            relevant.values().forEach(covered::addAll);
            long calls = recommendService.calls().stream().filter(c -> c.equals(tenant + " Recommend")).count();
            assertEquals(relevant.size() * 3L, calls);
            String coverage = String.valueOf(Math.round(covered.size() / 6.0 * 1e4) / 1e4);
            expectedJson.add("{\"seed\":" + seed + ",\"precision_at_k\":0.1,\"recall_at_k\":1,\"ndcg_at_k\":1,"
                    + "\"hit_rate_at_k\":1,\"coverage\":" + coverage + "}");
            assertTrue(run.out().contains("seed " + seed + ": tenant " + tenant + ", " + split.train().size()
                    + " train pairs, " + split.test().size() + " test ratings, " + relevant.size()
                    + " users evaluated"), run::toString);
        }
        assertEquals(List.of("BuildNeighbors", "BuildNeighbors", "BuildNeighbors", "BuildNeighbors"),
                similarityService.calls().stream().map(c -> c.substring(c.indexOf(' ') + 1)).toList());
        assertEquals(BuildNeighborsRequest.newBuilder().setEntity(Entity.ENTITY_ITEM).setMetric(Metric.METRIC_COSINE)
                .setBinary(true).setK(50).build(), similarityService.requests().get(0));
        assertEquals(Entity.ENTITY_USER, ((BuildNeighborsRequest) similarityService.requests().get(1)).getEntity());
        RecommendRequest first = (RecommendRequest) recommendService.requests().get(0);
        assertEquals(10, first.getK());
        assertEquals(Strategy.STRATEGY_POPULAR, first.getStrategy());
        assertFalse(first.hasFilter(), "the default filter: seen items excluded");

        String json = run.lastLine();
        assertTrue(json.startsWith("{\"eval\":\"ranking\",\"data\":\"" + dir.getFileName() + "\",\"k\":10,"
                + "\"seeds\":[3,4],\"users_evaluated\":["), json);
        assertTrue(json.contains("\"catalog_items\":6,\"strategies\":[{\"strategy\":\"popular\","
                + "\"precision_at_k\":0.1,\"recall_at_k\":1,\"ndcg_at_k\":1,\"hit_rate_at_k\":1,\"coverage\":"), json);
        assertTrue(json.contains("\"per_seed\":[" + String.join(",", expectedJson) + "],"
                + "\"strategy_used\":{\"popular\":"), json);
        assertTrue(json.contains("{\"strategy\":\"content\","), json);
        assertTrue(json.endsWith(",\"report\":\"" + report.toString().replace("\\", "\\\\") + "\"}"), json);
        assertTrue(json.matches(".*\\{\"strategy\":\"content\".*\"strategy_used\":\\{\"popular\":\\d+}}].*"),
                "content fell back to popular: " + json);

        String markdown = Files.readString(report);
        assertTrue(markdown.startsWith("# Ranking evaluation on " + dir.getFileName()), markdown);
        assertTrue(markdown.contains("| metric | mean | seed 3 | seed 4 | peer: item-KNN cosine k=50 |"), markdown);
        assertTrue(markdown.contains("| P@10 | **0.1000** | 0.1000 | 0.1000 | 0.204 |"), markdown);
        assertTrue(markdown.contains("| HR@10 | **1.0000** | 1.0000 | 1.0000 | 0.657 |"), markdown);
        assertTrue(markdown.contains("## content\n\n| metric | mean | seed 3 | seed 4 |\n"), markdown);
        assertTrue(markdown.contains("Served by: popular "), markdown);
        assertTrue(run.out().contains("report written to " + report), run::toString);
    }

    @Test
    void theReportLeavesOutThePublishedFiguresAtAnotherK() throws IOException {
        Path report = dir.resolve("eval.md");
        CliRun run = eval("--seeds", "1", "--k", "5", "--strategies", "popular", "--report", report.toString());
        assertEquals(0, run.exitCode(), run::toString);
        String markdown = Files.readString(report);
        assertTrue(markdown.contains("| metric | mean | seed 1 |\n"), markdown);
        assertTrue(markdown.contains("| P@5 | **0.2000** | 0.2000 |"), markdown);
        assertTrue(markdown.contains("The published figures are at k = 10"), markdown);
        assertTrue(run.lastLine().contains("\"k\":5,\"seeds\":[1],"), run::toString);
    }

    @Test
    void aMissingFileIsNamedAndNothingIsSent() throws IOException {
        Files.delete(dir.resolve("u.data"));
        CliRun run = eval();
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("persona: no u.data in " + dir + " (the ratings): the ranking evaluation needs u.user, u.item "
                + "and u.data", run.err().strip());
        assertTrue(service.calls().isEmpty());
        CliRun nowhere = CliRun.of(argsWithoutTenant("eval", "ranking", dir.resolve("nowhere").toString()));
        assertEquals(2, nowhere.exitCode(), nowhere::toString);
        assertEquals("persona: no such directory: " + dir.resolve("nowhere"), nowhere.err().strip());
    }

    @Test
    void aMalformedLineStopsTheEvaluationWithItsLineNumber() throws IOException {
        Files.writeString(dir.resolve("u.data"), "1\t1\t5\t881250949\n1\ttwo\n");
        CliRun run = eval();
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("persona: " + dir.resolve("u.data") + " line 2: expected 4 fields separated by TAB, found 2",
                run.err().strip());
        assertTrue(service.calls().isEmpty());
    }

    @Test
    void badOptionsAreUsageErrors() {
        for (String[] options : List.of(new String[] {"--seeds", "0"}, new String[] {"--k", "0"},
                new String[] {"--strategies", "popular,popular"}, new String[] {"--strategies", "nearest"},
                new String[] {"--tenant", "mine"})) {
            CliRun run = eval(options);
            assertEquals(2, run.exitCode(), run::toString);
        }
        assertTrue(service.calls().isEmpty());
    }

    @Test
    void aServiceFailureIsReportedWithTheServiceName() {
        recommendService.unavailable(Strategy.STRATEGY_USER_KNN);
        CliRun run = eval("--seeds", "1", "--strategies", "user-knn", "--report", dir.resolve("r.md").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("persona: recommend-service at " + recommendServer.target()
                + " answered FAILED_PRECONDITION"), run::toString);
        assertFalse(Files.exists(dir.resolve("r.md")));
    }

    /** Keeps the made-up data honest: every user rated items 1 to 5, and some test ratings are relevant. */
    @Test
    void theDataSetIsAsDescribed() {
        Map<Integer, Long> perUser = ratings.stream().collect(Collectors.groupingBy(Rating::user,
                Collectors.counting()));
        assertEquals(Map.of(1, 5L, 2, 5L, 3, 5L, 4, 5L), perUser);
        assertFalse(RatingSplit.of(ratings, 1).relevant(4).isEmpty());
    }
}
