package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.EvaluateOfflineRequest;
import dev.persona.api.v1.Strategy;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServicesTest;
import org.junit.jupiter.api.Test;

class OfflineEvalCommandTest extends FakeServicesTest {

    private static final String TENANT = "t-offline";

    private CliRun persona(String... args) {
        return CliRun.of(args(TENANT, args));
    }

    private static String lines(CliRun run) {
        return run.out().strip().replace(System.lineSeparator(), "\n");
    }

    @Test
    void sendsTheParametersAndPrintsOneRowPerStrategy() {
        CliRun run = persona("eval", "offline", "--strategies", "popular,item-knn,auto", "--k", "5",
                "--test-fraction", "0.3", "--seed", "9", "--relevance-threshold", "4");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(EvaluateOfflineRequest.newBuilder().setK(5).setTestFraction(0.3).setSeed(9)
                .setRelevanceThreshold(4).addStrategies(Strategy.STRATEGY_POPULAR)
                .addStrategies(Strategy.STRATEGY_ITEM_KNN).addStrategies(Strategy.STRATEGY_UNSPECIFIED).build(),
                recommendService.requests().get(recommendService.requests().size() - 1));
        String[] rows = lines(run).split("\n");
        assertEquals(5, rows.length, lines(run));
        assertTrue(rows[0].startsWith("4 users evaluated at k = 5; 8 interactions trained on, 2 held out "
                + "(fraction 0.30, seed 9, relevance threshold 4)"), rows[0]);
        assertTrue(rows[1].startsWith("strategy "), rows[1]);
        assertTrue(rows[2].startsWith("popular ") && rows[2].contains("0.1000") && !rows[2].contains("0.9000"),
                rows[2]);
        assertTrue(rows[3].startsWith("item-knn ") && rows[3].contains("0.3000") && rows[3].contains("0.9000")
                && rows[3].contains("0.7000"), rows[3]);
        assertTrue(rows[4].startsWith("auto "), rows[4]);
    }

    @Test
    void noStrategiesLeavesTheChoiceToTheServiceAndErrorsComeThrough() {
        CliRun run = persona("eval", "offline");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(EvaluateOfflineRequest.getDefaultInstance(),
                recommendService.requests().get(recommendService.requests().size() - 1));
        assertTrue(lines(run).contains("\npopular ") && lines(run).contains("\nease "), lines(run));
        CliRun twice = persona("eval", "offline", "--strategies", "ease,ease");
        assertEquals(2, twice.exitCode(), twice::toString);
        CliRun bad = persona("eval", "offline", "--k", "2000");
        assertTrue(bad.exitCode() != 0 && bad.err().contains("k: is 2000"), bad::toString);
    }
}
