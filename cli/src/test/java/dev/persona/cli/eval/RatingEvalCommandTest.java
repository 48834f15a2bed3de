package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ModelType;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServicesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rating evaluation on a made-up u1 split: 3 users, 4 items, 6 base ratings and 3 test ratings. */
class RatingEvalCommandTest extends FakeServicesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writeDataSet() throws IOException {
        Files.writeString(dir.resolve("u.genre"), "unknown|0\nDrama|1\n\n");
        Files.writeString(dir.resolve("u.user"), "1|24|M|technician|85711\n2|53|F|other|94043\n"
                + "3|23|M|writer|32067\n");
        Files.writeString(dir.resolve("u.item"), "1|Toy Story (1995)|01-Jan-1995|||0|1\n"
                + "2|GoldenEye (1995)|01-Jan-1995|||0|1\n3|Four Rooms (1995)|01-Jan-1995|||1|0\n"
                + "4|Get Shorty (1995)|01-Jan-1995|||0|1\n");
        Files.writeString(dir.resolve("u.data"), "1\t1\t5\t881250000\n");
        Files.writeString(dir.resolve("u1.base"), "1\t1\t5\t881250001\n1\t2\t4\t881250002\n2\t1\t4\t881250003\n"
                + "2\t3\t2\t881250004\n3\t2\t3\t881250005\n3\t4\t1\t881250006\n");
        Files.writeString(dir.resolve("u1.test"), "1\t3\t3\t881250007\n2\t2\t5\t881250008\n3\t1\t2\t881250009\n");
        similarityService.buildingFrom(service);
    }

    @Test
    void eachFoldImportsTheBaseRatingsTrainsAndPredictsEveryTestPair() throws IOException {
        Path report = dir.resolve("out/rating.md");
        CliRun run = CliRun.of(argsWithoutTenant("eval", "rating", dir.toString(), "--folds", "1",
                "--factors", "8", "--report", report.toString()));
        assertEquals(0, run.exitCode(), run::toString);
        List<String> tenants = List.copyOf(service.tenants());
        assertEquals(1, tenants.size());
        String tenant = tenants.get(0);
        assertTrue(tenant.matches("eval-rating-u1-\\d+"), tenant);
        Map<String, Event> events = service.events(tenant);
        assertEquals(6, events.size());
        Event first = events.get("eval-u1-1-1");
        assertEquals(EventType.EVENT_TYPE_RATING, first.getType());
        assertEquals(5, first.getValue());
        assertTrue(recommendService.requests().contains(TrainModelRequest.newBuilder()
                .setModelType(ModelType.MODEL_TYPE_ALS_EXPLICIT).setFactors(8).build()), run::toString);
        long predictions = recommendService.calls().stream().filter(c -> c.equals(tenant + " PredictRating")).count();
        assertEquals(3 * 2, predictions);
        assertTrue(run.out().contains("u1 matrix-factorization: RMSE "), run::toString);
        String json = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(json.startsWith("{\"eval\":\"rating\",\"data\":\"ml-100k\",\"folds\":[1],\"strategies\":["), json);
        assertTrue(Files.readString(report).contains("| matrix-factorization |"));
        assertTrue(Files.readString(report).contains("![RMSE by strategy](rating.png)"));
        assertTrue(Files.size(dir.resolve("out/rating.png")) > 1000, "a real PNG");
    }

    @Test
    void aMissingSplitFileIsAUsageError() throws IOException {
        Files.delete(dir.resolve("u1.test"));
        CliRun run = CliRun.of(argsWithoutTenant("eval", "rating", dir.toString(), "--folds", "1"));
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("u1.test is missing"), run::toString);
    }
}
