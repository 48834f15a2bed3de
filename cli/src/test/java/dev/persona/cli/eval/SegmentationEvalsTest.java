package dev.persona.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.PredictorAlgorithm;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeSegmentServicesTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval segments and eval churn telco|retail against the fake services, on small generated files. */
class SegmentationEvalsTest extends FakeSegmentServicesTest {

    private static final String TENANT = "t-eval";

    @TempDir
    Path dir;
    private Path transactions;

    private CliRun persona(String... args) {
        return CliRun.of(segmentArgs(TENANT, args));
    }

    /**
     * 30 customers C01..C30 buying every 10 days from 2014-01-01 for 30 + 10·i days' worth, so that some stop before
     * the test window of the retail protocol and some buy in it.
     */
    @BeforeEach
    void writeAndImportTransactions() throws IOException {
        StringBuilder csv = new StringBuilder("customer_id,trans_date,tran_amount\n");
        for (int i = 1; i <= 30; i++) {
            LocalDate day = LocalDate.of(2014, 1, 1).plusDays(i);
            LocalDate end = day.plusDays(20L * i);
            for (int n = 0; !day.isAfter(end) && day.isBefore(LocalDate.of(2015, 3, 17)); n++) {
                csv.append(String.format("C%02d,%d/%d/%d,%d%n", i, day.getMonthValue(), day.getDayOfMonth(),
                        day.getYear(), 10 + (i * 7 + n) % 90));
                day = day.plusDays(10);
            }
        }
        transactions = dir.resolve("Retail_Data_Transactions.csv");
        Files.writeString(transactions, csv);
        CliRun imported = persona("import", "transactions", transactions.toString());
        assertEquals(0, imported.exitCode(), imported::toString);
    }

    private static Map<String, Value> json(CliRun run) throws IOException {
        Struct.Builder parsed = Struct.newBuilder();
        JsonFormat.parser().merge(run.lastLine(), parsed);
        return parsed.build().getFieldsMap();
    }

    private static void assertPng(Path file) throws IOException {
        assertTrue(Files.size(file) > 1_000, file::toString);
        byte[] head = Files.readAllBytes(file);
        assertEquals((byte) 0x89, head[0]);
        assertEquals("PNG", new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** With -Dpersona.eval.keep=<dir>, the reports and charts are copied there to be looked at. */
    private static void copyForInspection(Path out) throws IOException {
        String keep = System.getProperty("persona.eval.keep");
        if (keep == null) {
            return;
        }
        Path target = Path.of(keep).resolve(out.getFileName());
        Files.createDirectories(target);
        try (var files = Files.list(out)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void evalSegmentsBuildsEveryKComparesWithTheReferenceAndWritesTheReportAndCharts() throws IOException {
        Path out = dir.resolve("report");
        CliRun run = persona("eval", "segments", transactions.toString(), "--out", out.toString(), "--seed", "3");
        assertEquals(0, run.exitCode(), run::toString);
        List<Object> requests = segmentService.requests();
        for (int i = 0; i < 5; i++) {
            assertEquals(BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_KMEANS).setK(4 + i)
                    .setNInit(10).setSeed(3).build(), requests.get(i));
        }
        assertEquals(BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_KMEANS).setK(5)
                .setNInit(10).setSeed(3).build(), requests.get(5));
        assertEquals(BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_KMEANS).setKMin(2)
                .setKMax(10).setNInit(10).setSeed(3).build(), requests.get(6));
        assertEquals(Algorithm.ALGORITHM_RFM_SCORES, ((BuildSegmentationRequest) requests.get(requests.size() - 1))
                .getAlgorithm());
        assertTrue(run.out().contains("k 4: sse 250.00 (reference 6575.95), silhouette 0.3500 (reference 0.3151): "
                + "pass"), run::toString);
        assertTrue(run.out().contains("k 8: sse 125.00 (reference 3716.71), silhouette 0.3100 (reference 0.2991): "
                + "pass"), run::toString);
        assertTrue(run.out().contains("automatic k over [2, 10]: 4 (seg-7)"), run::toString);
        Map<String, Value> json = json(run);
        assertEquals("segments", json.get("eval").getStringValue());
        assertEquals(30, json.get("customers").getNumberValue());
        assertEquals(5, json.get("k").getListValue().getValuesCount());
        assertTrue(json.get("all_pass").getBoolValue());
        assertTrue(json.get("repeat_identical").getBoolValue());
        assertEquals(4, json.get("chosen_k").getNumberValue());
        assertEquals(2, json.get("rfm_segments").getNumberValue());
        Path report = out.resolve("report.md");
        assertEquals(report.toString(), json.get("report").getStringValue());
        String markdown = Files.readString(report);
        assertTrue(markdown.contains("| 4 | 250.00 | 6575.95 | 0.3500 | 0.3151 | pass |"), markdown);
        assertTrue(markdown.contains("30 of 30 customers found in it"), markdown);
        assertTrue(markdown.contains("| champions | Champions | 15 |"), markdown);
        assertFalse(markdown.contains("**Note:**"), markdown);
        copyForInspection(out);
        assertPng(out.resolve("k-sweep.png"));
        assertPng(out.resolve("pca-segments.png"));
        assertTrue(run.out().contains("report written to " + report), run::toString);
    }

    @Test
    void evalChurnRetailTrainsBothModelsScoresOutOfTimeAndWritesTheReport() throws IOException {
        Path out = dir.resolve("churn");
        CliRun run = persona("eval", "churn", "retail", transactions.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<Object> requests = segmentService.requests();
        TrainPredictorRequest tree = (TrainPredictorRequest) requests.get(0);
        assertEquals(Target.TARGET_CHURN, tree.getTarget());
        assertEquals(PredictorAlgorithm.PREDICTOR_ALGORITHM_DECISION_TREE, tree.getAlgorithm());
        assertEquals(5, tree.getMaxDepth());
        assertEquals(20, tree.getMinLeaf());
        assertEquals(90, tree.getHorizonDays());
        assertEquals("2014-09-16T00:00:00Z", dev.persona.cli.InstantOption.format(tree.getCutoff()));
        assertEquals(List.of("recency_days", "frequency", "monetary", "avg_amount", "tenure_days", "purchases_90d",
                "purchases_180d"), tree.getFeaturesList());
        SelectAudienceRequest audience = (SelectAudienceRequest) requests.get(1);
        assertEquals("model-1", audience.getModelId());
        assertEquals("", audience.getSegmentationId());
        assertEquals("2014-12-16T00:00:00Z", dev.persona.cli.InstantOption.format(audience.getAsOf()));
        TrainPredictorRequest logistic = (TrainPredictorRequest) requests.get(2);
        assertEquals(PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION, logistic.getAlgorithm());
        assertEquals(1.0, logistic.getL2());
        Map<String, Value> json = json(run);
        assertEquals("retail", json.get("data").getStringValue());
        // Every customer bought in 2014 before the test cutoff; those whose purchases end before it churned.
        assertEquals(30, json.get("test_customers").getNumberValue());
        Map<String, Value> treeJson = json.get("tree").getStructValue().getFieldsMap();
        assertEquals("model-1", treeJson.get("model_id").getStringValue());
        assertEquals(30, treeJson.get("test_n").getNumberValue());
        assertEquals(0, treeJson.get("unscored").getNumberValue());
        assertTrue(treeJson.get("test_auc").hasNumberValue(), run::toString);
        assertTrue(json.get("logistic").getStructValue().getFieldsMap().containsKey("pass"));
        String markdown = Files.readString(out.resolve("report.md"));
        assertTrue(markdown.contains("## Test window"), markdown);
        assertTrue(markdown.contains("| AUC ± std | 0.8400 ± 0.0100 | 0.8600 ± 0.0100 |"), markdown);
        copyForInspection(out);
        assertPng(out.resolve("roc-retail.png"));
    }

    @Test
    void evalChurnTelcoTrainsTreeAndLogisticOnTheChurnAttribute() throws IOException {
        StringBuilder csv = new StringBuilder("customerID,tenure,Contract,Churn\n");
        for (int i = 1; i <= 40; i++) {
            csv.append("T").append(i).append(',').append(i).append(i % 2 == 0 ? ",Month-to-month," : ",Two year,")
                    .append(i % 4 == 0 ? "Yes" : "No").append('\n');
        }
        Path telco = dir.resolve("telco.csv");
        Files.writeString(telco, csv);
        assertEquals(0, persona("import", "telco", telco.toString()).exitCode());
        Path out = dir.resolve("telco-report");
        CliRun run = persona("eval", "churn", "telco", telco.toString(), "--out", out.toString(), "--repeats", "2");
        assertEquals(0, run.exitCode(), run::toString);
        List<Object> expected = new java.util.ArrayList<>();
        for (long seed : new long[] {42, 43}) {
            expected.add(TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_ATTRIBUTE)
                    .setLabelAttribute("Churn").setPositiveValue("Yes").setValidationFolds(5).setSeed(seed)
                    .setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_DECISION_TREE).setMaxDepth(5)
                    .setMinLeaf(20).build());
            expected.add(TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_ATTRIBUTE)
                    .setLabelAttribute("Churn").setPositiveValue("Yes").setValidationFolds(5).setSeed(seed)
                    .setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION).setL2(1.0).build());
        }
        assertEquals(expected, segmentService.requests());
        assertTrue(run.out().contains(": 40 customers, 10 churned (0.2500)"), run::toString);
        assertTrue(run.out().contains("mean over 2 seeds: tree AUC 0.8400 (target 0.831): pass; logistic AUC 0.8600 "
                + "(target 0.845): pass"), run::toString);
        Map<String, Value> json = json(run);
        assertEquals("telco", json.get("data").getStringValue());
        assertEquals(0.25, json.get("churn_rate").getNumberValue());
        assertTrue(json.get("tree").getStructValue().getFieldsMap().get("pass").getBoolValue());
        assertEquals(0.86, json.get("logistic").getStructValue().getFieldsMap().get("auc").getNumberValue());
        String markdown = Files.readString(out.resolve("report.md"));
        assertTrue(markdown.contains("| AUC ± std | 0.8400 ± 0.0100 | 0.831 ± 0.007 | 0.8600 ± 0.0100 | "
                + "0.845 ± 0.013 |"), markdown);
        assertTrue(markdown.contains("| attribute:Contract=Month-to-month | 0.6000 | +0.9000 |"), markdown);
        copyForInspection(out);
        assertPng(out.resolve("roc.png"));
    }

    @Test
    void evalCommandsNeedAnExistingFile() {
        CliRun run = persona("eval", "segments", dir.resolve("missing.csv").toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(segmentService.calls().isEmpty());
    }
}
