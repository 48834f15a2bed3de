package dev.persona.cli.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.FeatureScaling;
import dev.persona.api.v1.PredictOutcomeRequest;
import dev.persona.api.v1.PredictorAlgorithm;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeSegmentService;
import dev.persona.cli.FakeSegmentServicesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentCommandsTest extends FakeSegmentServicesTest {

    private static final String TENANT = "t-segments";

    private CliRun persona(String... args) {
        return CliRun.of(segmentArgs(TENANT, args));
    }

    private static List<String> lines(CliRun run) {
        return run.out().lines().toList();
    }

    /** Seven Telco-shaped customers C1 to C7 as users of the tenant. */
    @BeforeEach
    void importSample(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("customerID,tenure,Contract,Churn\n");
        for (int i = 1; i <= 7; i++) {
            csv.append("C").append(i).append(',').append(i * 3).append(",Month-to-month,").append(i % 3 == 0 ? "Yes"
                    : "No").append('\n');
        }
        Path file = dir.resolve("telco.csv");
        Files.writeString(file, csv);
        CliRun imported = persona("import", "telco", file.toString());
        assertEquals(0, imported.exitCode(), imported::toString);
    }

    @Test
    void buildSendsEveryOptionAndPrintsTheSegmentation() {
        CliRun run = persona("segments", "build", "--algorithm", "kmeans", "--k", "2", "--features",
                "recency_days,monetary", "--seed", "7", "--n-init", "3", "--max-iterations", "50", "--scaling",
                "zscore", "--as-of", "2015-03-17");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_KMEANS).setK(2)
                .addFeatures("recency_days").addFeatures("monetary").setSeed(7).setNInit(3).setMaxIterations(50)
                .setScaling(FeatureScaling.FEATURE_SCALING_ZSCORE)
                .setAsOf(Timestamps.fromSeconds(1_426_550_400L)).build(), segmentService.requests().get(0));
        List<String> out = lines(run);
        assertEquals("segmentation seg-1: kmeans, 2 segments, 7 users (0 skipped)", out.get(0));
        assertTrue(out.get(1).startsWith("features recency_days,monetary, scaling zscore, seed 7, n_init 3, "
                + "as of 2015-03-17T00:00:00Z"), run::toString);
        assertEquals("sse 500.0000, silhouette 0.3300", out.get(2));
        assertEquals("segment  label      size  recency_days  monetary  description", out.get(3));
        assertEquals("s0       Segment 0     4         10.50     11.50  Made-up segment 0.", out.get(4));
        assertTrue(run.err().contains("store"), run::toString);
        assertEquals(List.of(TENANT + " BuildSegmentation"), segmentService.calls());
    }

    @Test
    void buildWithAutomaticKPrintsTheCandidates() {
        CliRun run = persona("segments", "build", "--k-min", "2", "--k-max", "5");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("k chosen automatically: 4 (highest mean silhouette; ties go to the smaller k)"),
                run::toString);
        assertTrue(run.out().contains("4  250.0000      0.3500  chosen"), run::toString);
        CliRun rfm = persona("segments", "build", "--algorithm", "rfm");
        assertEquals(0, rfm.exitCode(), rfm::toString);
        assertTrue(rfm.out().contains("champions    Champions       4         10.50"), rfm::toString);
        assertTrue(!rfm.out().contains("silhouette 0"), rfm::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--k=101", "--k-min=5 --k-max=3", "--features=frequency,frequency", "--algorithm=dbscan",
        "--scaling=minmax", "--as-of=yesterday", "--n-init=-1"})
    void badBuildOptionsAreUsageErrorsAndNothingIsSent(String options) {
        String[] optionArgs = options.split(" ");
        String[] args = new String[optionArgs.length + 2];
        args[0] = "segments";
        args[1] = "build";
        System.arraycopy(optionArgs, 0, args, 2, optionArgs.length);
        CliRun run = persona(args);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(segmentService.calls().isEmpty());
    }

    @Test
    void serverErrorsAreReportedWithTheService() {
        CliRun run = persona("segments", "build", "--features", "shoe_size");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("persona: segment-service at " + segmentServer.target() + " answered INVALID_ARGUMENT: "
                + "features: unknown or duplicated feature 'shoe_size'", run.err().strip());
        CliRun tooMany = persona("segments", "build", "--k", "8");
        assertEquals(1, tooMany.exitCode(), tooMany::toString);
        assertTrue(tooMany.err().contains("answered FAILED_PRECONDITION: only 7 users"), tooMany::toString);
    }

    @Test
    void listShowMembersAndAssign() {
        CliRun none = persona("segments", "list");
        assertEquals("no segmentations", none.out().strip());
        CliRun noneToShow = persona("segments", "show");
        assertEquals(1, noneToShow.exitCode(), noneToShow::toString);
        assertTrue(noneToShow.err().contains("no segmentation was built in tenant " + TENANT), noneToShow::toString);
        assertEquals(0, persona("segments", "build", "--k", "2").exitCode());
        assertEquals(0, persona("segments", "build", "--k", "3").exitCode());
        CliRun list = persona("segments", "list");
        assertEquals(0, list.exitCode(), list::toString);
        List<String> rows = lines(list);
        assertEquals(3, rows.size(), list::toString);
        assertTrue(rows.get(1).startsWith("seg-2 "), list::toString);
        assertTrue(rows.get(2).startsWith("seg-1 "), list::toString);
        CliRun newest = persona("segments", "show");
        assertTrue(newest.out().startsWith("segmentation seg-2: kmeans, 3 segments"), newest::toString);
        CliRun show = persona("segments", "show", "seg-1");
        assertTrue(show.out().startsWith("segmentation seg-1: kmeans, 2 segments"), show::toString);
        CliRun missing = persona("segments", "show", "seg-9");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("NOT_FOUND: segmentation_id: segmentation seg-9 not found"),
                missing::toString);
        CliRun members = persona("segments", "members", "seg-1", "s1");
        assertEquals(0, members.exitCode(), members::toString);
        assertEquals(List.of("C2", "C4", "C6"), lines(members));
        CliRun assign = persona("segments", "assign", "seg-1", "C2");
        assertEquals("segment s1 (Segment 1), distance 0.5000, from the build", assign.out().strip());
        CliRun unknown = persona("segments", "assign", "seg-1", "nobody");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("NOT_FOUND: user_id: user nobody not found"), unknown::toString);
    }

    @Test
    void predictTrainSendsTheOptionsAndPrintsMetricsAndImportances() {
        CliRun run = persona("predict", "train", "--outcome", "attribute", "--label-attribute", "Churn",
                "--positive-value", "Yes", "--algorithm", "logistic", "--l2", "2", "--folds", "3", "--seed", "42",
                "--features", "attribute:tenure,monetary");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_ATTRIBUTE).setLabelAttribute("Churn")
                .setPositiveValue("Yes").setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION)
                .setL2(2).setValidationFolds(3).setSeed(42).addFeatures("attribute:tenure").addFeatures("monetary")
                .build(), segmentService.requests().get(0));
        List<String> out = lines(run);
        assertEquals("logistic predictor of Churn = Yes", out.get(0));
        assertEquals("model model-1, trained at 2023-11-14T22:13:20Z, cutoff -", out.get(1));
        assertTrue(run.out().contains("auc            0.8600 ± 0.0100"), run::toString);
        assertTrue(run.out().contains("attribute:Contract=Month-to-month      0.6000      +0.9000"), run::toString);
        CliRun churn = persona("predict", "train", "--outcome", "churn", "--cutoff", "2014-09-16T00:00:00Z",
                "--horizon-days", "90", "--max-depth", "5", "--min-leaf", "20");
        assertEquals(0, churn.exitCode(), churn::toString);
        assertEquals(TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_CHURN).setHorizonDays(90)
                .setCutoff(Timestamps.fromSeconds(1_410_825_600L))
                .setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_DECISION_TREE).setMaxDepth(5).setMinLeaf(20)
                .build(), segmentService.requests().get(1));
        assertTrue(churn.out().contains("cutoff 2014-09-16T00:00:00Z"), churn::toString);
        assertEquals(2, persona("predict", "train", "--outcome", "attribute").exitCode());
        assertEquals(2, persona("predict", "train", "--outcome", "churn", "--folds", "1").exitCode());
        assertEquals(2, persona("predict", "train").exitCode());
        assertEquals(2, segmentService.calls().size());
    }

    @Test
    void predictScorePrintsTheProbabilityAndWhy() {
        persona("predict", "train", "--outcome", "churn");
        CliRun run = persona("predict", "score", "model-1", "C2", "--as-of", "2014-12-16");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(PredictOutcomeRequest.newBuilder().setModelId("model-1").setUserId("C2")
                .setAsOf(Timestamps.fromSeconds(1_418_688_000L)).build(), segmentService.requests().get(1));
        assertEquals(List.of(String.format(java.util.Locale.ROOT, "probability %.4f",
                FakeSegmentService.probability("C2")),
                "No purchase for over 100 days: 70 % of such customers churned.",
                "decision path:",
                "  recency_days > 100.5",
                "feature          value  contribution",
                "recency_days  120.0000             -"), lines(run));
        CliRun unknown = persona("predict", "score", "model-9", "C2");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("NOT_FOUND: model_id: model model-9 not found"), unknown::toString);
    }

    @Test
    void audiencePrintsOneTabSeparatedLinePerUserAndTheCountOnStderr() {
        persona("segments", "build", "--k", "2");
        persona("predict", "train", "--outcome", "churn");
        CliRun run = persona("audience", "--segmentation", "seg-1", "--segments", "s1", "--model", "model-2",
                "--min", "0", "--max", "1", "--limit", "2", "--as-of", "2014-12-16");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(SelectAudienceRequest.newBuilder().setSegmentationId("seg-1").addSegmentIds("s1")
                .setModelId("model-2").setMaxProbability(1).setLimit(2)
                .setAsOf(Timestamps.fromSeconds(1_418_688_000L)).build(), segmentService.requests().get(2));
        List<String> out = lines(run);
        assertEquals(2, out.size(), run::toString);
        for (String line : out) {
            String[] fields = line.split("\t", -1);
            assertEquals(3, fields.length, line);
            assertEquals("s1", fields[1]);
            assertEquals(FakeSegmentService.probability(fields[0]), Double.parseDouble(fields[2]), 1e-6);
        }
        assertEquals("2 users", run.err().strip());
        CliRun unscored = persona("audience", "--segmentation", "seg-1");
        assertEquals(7, lines(unscored).size(), unscored::toString);
        assertTrue(lines(unscored).get(0).matches("[^\t]+\ts[01]\t-"), unscored::toString);
        assertEquals(2, persona("audience").exitCode());
        assertEquals(2, persona("audience", "--model", "model-2", "--min", "0.8", "--max", "0.2").exitCode());
        assertEquals(2, persona("audience", "--model", "model-2", "--segments", "s1").exitCode());
    }

    @Test
    void benchKMeansTimesTheBuildsAndEndsWithJson() throws Exception {
        CliRun run = persona("bench", "kmeans", "--runs", "3", "--k-min", "2", "--k-max", "6");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("run 1/3 (cold): "), run::toString);
        assertEquals(3, segmentService.calls().size());
        assertEquals(BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_KMEANS).setKMin(2)
                .setKMax(6).build(), segmentService.requests().get(0));
        String json = run.lastLine();
        assertTrue(json.startsWith("{\"bench\":\"kmeans\",\"tenant\":\"" + TENANT + "\",\"algorithm\":\"kmeans\","
                + "\"users\":7,\"users_skipped\":0,\"k\":4,\"k_min\":2,\"k_max\":6,\"n_init\":10,\"runs\":3,"), json);
        assertTrue(json.endsWith(",\"sse\":250,\"silhouette\":0.35}"), json);
        Struct.Builder parsed = Struct.newBuilder();
        JsonFormat.parser().merge(json, parsed);
        assertTrue(parsed.getFieldsMap().containsKey("median_s"));
        assertEquals(2, persona("bench", "kmeans", "--runs", "0").exitCode());
    }

    @Test
    void theSegmentTargetIsChecked() {
        CliRun run = CliRun.of("segments", "list", "--segment-target", "nowhere");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("persona: --segment-target must be host:port, got 'nowhere'", run.err().strip());
    }
}
