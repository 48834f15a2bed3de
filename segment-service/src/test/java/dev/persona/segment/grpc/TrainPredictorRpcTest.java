package dev.persona.segment.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.EventType;
import dev.persona.api.v1.FeatureImportance;
import dev.persona.api.v1.PredictorAlgorithm;
import dev.persona.api.v1.PredictorMetrics;
import dev.persona.api.v1.RocPoint;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.common.testing.StandInProfileResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class TrainPredictorRpcTest extends PredictorTestSupport {

    @Inject
    AgroalDataSource dataSource;

    private static void assertSane(PredictorMetrics m, int n, int folds) {
        assertEquals(n, m.getN());
        assertEquals(folds, m.getFolds());
        for (double v : new double[] {m.getAuc(), m.getAccuracy(), m.getPrecision(), m.getRecall(), m.getF1(),
                m.getPositiveRate()}) {
            assertTrue(v >= 0 && v <= 1, m.toString());
        }
        assertTrue(m.getLogLoss() > 0 && m.getAucStd() >= 0, m.toString());
        List<RocPoint> roc = m.getRocList();
        assertTrue(roc.size() >= 2 && roc.size() <= 200, "roc points: " + roc.size());
        assertEquals(0, roc.get(0).getFalsePositiveRate());
        assertEquals(0, roc.get(0).getTruePositiveRate());
        assertEquals(1, roc.get(roc.size() - 1).getFalsePositiveRate());
        assertEquals(1, roc.get(roc.size() - 1).getTruePositiveRate());
        for (int i = 1; i < roc.size(); i++) {
            assertTrue(roc.get(i).getFalsePositiveRate() >= roc.get(i - 1).getFalsePositiveRate());
            assertTrue(roc.get(i).getTruePositiveRate() >= roc.get(i - 1).getTruePositiveRate());
            assertTrue(roc.get(i).getThreshold() <= roc.get(i - 1).getThreshold());
        }
    }

    private static void assertImportances(List<FeatureImportance> importances) {
        double sum = 0;
        for (int i = 0; i < importances.size(); i++) {
            sum += importances.get(i).getImportance();
            if (i > 0) {
                assertTrue(importances.get(i).getImportance() <= importances.get(i - 1).getImportance());
            }
        }
        assertEquals(1, sum, 1e-9);
    }

    @Test
    void decisionTreeLearnsAnAttributeLabel() {
        attributeUsers();
        TrainPredictorResponse r = stub().trainPredictor(attribute().setMinLeaf(10).build());
        assertFalse(r.getModelId().isEmpty());
        assertSane(r.getMetrics(), 240, 5);
        assertTrue(r.getMetrics().getAuc() > 0.7, "AUC " + r.getMetrics().getAuc());
        assertFalse(r.hasCutoff(), "no cutoff for an attribute target");
        assertTrue(r.hasTrainedAt());
        assertImportances(r.getFeatureImportancesList());
        assertEquals(java.util.Set.of("attribute:plan", "attribute:age"), java.util.Set.of(
                r.getFeatureImportances(0).getFeature(), r.getFeatureImportances(1).getFeature()), "the real signals");
        assertEquals(0, r.getFeatureImportances(0).getCoefficient());
        assertTrue(r.getFeatureImportancesList().stream().noneMatch(f -> f.getFeature().contains("Churn")),
                "the label is never a feature");
    }

    @Test
    void pruningOnAHeldOutSplitTamesAnOverfittedTree() {
        attributeUsers();
        TrainPredictorRequest deep = attribute().setMaxDepth(20).setMinLeaf(1).build();
        TrainPredictorResponse overfitted = stub().trainPredictor(deep);
        TrainPredictorResponse pruned = stub().trainPredictor(deep.toBuilder().setPrune(true).build());
        assertSane(pruned.getMetrics(), 240, 5);
        assertTrue(pruned.getMetrics().getAuc() > overfitted.getMetrics().getAuc(), "pruned "
                + pruned.getMetrics().getAuc() + " against " + overfitted.getMetrics().getAuc());
        assertTrue(pruned.getMetrics().getLogLoss() < overfitted.getMetrics().getLogLoss());
    }

    @Test
    void logisticRegressionLearnsAnAttributeLabelWithOneHotCoefficients() {
        attributeUsers();
        TrainPredictorResponse r = stub().trainPredictor(attribute()
                .setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION).build());
        assertSane(r.getMetrics(), 240, 5);
        assertTrue(r.getMetrics().getAuc() > 0.7, "AUC " + r.getMetrics().getAuc());
        assertImportances(r.getFeatureImportancesList());
        FeatureImportance premium = r.getFeatureImportancesList().stream()
                .filter(f -> f.getFeature().equals("attribute:plan=premium")).findFirst().orElseThrow();
        assertTrue(premium.getCoefficient() < 0, "premium users churn less: " + premium);
        FeatureImportance age = r.getFeatureImportancesList().stream()
                .filter(f -> f.getFeature().equals("attribute:age")).findFirst().orElseThrow();
        assertTrue(age.getCoefficient() < 0, "older users churn less: " + age);
    }

    @Test
    void namedFeaturesOnlyAndTheSameSeedGivesTheSameMetrics() {
        attributeUsers();
        TrainPredictorRequest request = attribute().addFeatures("attribute:plan").setValidationFolds(4).setSeed(9)
                .build();
        TrainPredictorResponse a = stub().trainPredictor(request);
        TrainPredictorResponse b = stub().trainPredictor(request);
        assertEquals(List.of("attribute:plan"), a.getFeatureImportancesList().stream()
                .map(FeatureImportance::getFeature).toList());
        assertEquals(4, a.getMetrics().getFolds());
        assertEquals(a.getMetrics(), b.getMetrics());
        assertFalse(a.getModelId().equals(b.getModelId()));
    }

    @Test
    void versionsIncreasePerTenant() throws Exception {
        attributeUsers();
        String first = stub().trainPredictor(attribute().build()).getModelId();
        String second = stub().trainPredictor(attribute()
                .setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION).build()).getModelId();
        assertEquals(1, version(first));
        assertEquals(2, version(second));
    }

    private int version(String modelId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT version, target, algorithm FROM predictors WHERE tenant_id = ? AND model_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, modelId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "stored: " + modelId);
                assertEquals("TARGET_ATTRIBUTE", rs.getString(2));
                return rs.getInt(1);
            }
        }
    }

    @Test
    void churnLearnsFromEventsBeforeTheCutoff() {
        churnLog();
        TrainPredictorResponse tree = stub().trainPredictor(churn().setMinLeaf(5).build());
        assertEquals(CUTOFF_DAY * 86_400, tree.getCutoff().getSeconds());
        // every loyal buyer and every churner bought before the cutoff; 40 churners and 10 pausing loyal buyers churn
        assertSane(tree.getMetrics(), 80, 5);
        assertEquals(50 / 80.0, tree.getMetrics().getPositiveRate(), 1e-12);
        assertTrue(tree.getMetrics().getAuc() > 0.75, "AUC " + tree.getMetrics().getAuc());
        TrainPredictorResponse lr = stub().trainPredictor(churn()
                .setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION).build());
        assertTrue(lr.getMetrics().getAuc() > 0.75, "AUC " + lr.getMetrics().getAuc());
        assertTrue(lr.getFeatureImportancesList().stream().anyMatch(f -> f.getFeature().equals("recency_days")));
    }

    @Test
    void purchaseIsTheComplementOfChurnAmongBuyers() {
        churnLog();
        TrainPredictorResponse r = stub().trainPredictor(churn().setTarget(Target.TARGET_PURCHASE).setMinLeaf(5)
                .build());
        assertEquals(30 / 80.0, r.getMetrics().getPositiveRate(), 1e-12);
    }

    @Test
    void theDefaultCutoffIsTheHorizonBeforeTheLatestEvent() {
        churnLog();
        TrainPredictorResponse r = stub().trainPredictor(TrainPredictorRequest.newBuilder()
                .setTarget(Target.TARGET_CHURN).setMinLeaf(5).build());
        assertEquals((LAST_DAY - 90) * 86_400, r.getCutoff().getSeconds());
    }

    @Test
    void eventsAfterTheCutoffNeverBecomeFeatures() {
        churnLog();
        TrainPredictorRequest request = churn().setMinLeaf(5).setSeed(3).build();
        TrainPredictorResponse before = stub().trainPredictor(request);
        // views after the cutoff by every churner: a perfect signal if it leaked (events, tenure), no label change
        for (int i = 0; i < 40; i++) {
            log.event(String.format("c%02d", i), "item-9", EventType.EVENT_TYPE_VIEW, 0, (CUTOFF_DAY + 1) * DAY);
            log.event(String.format("c%02d", i), "item-9", EventType.EVENT_TYPE_VIEW, 0, CUTOFF_DAY * DAY);
        }
        TrainPredictorResponse after = stub().trainPredictor(request);
        assertEquals(before.getMetrics(), after.getMetrics());
        assertEquals(before.getFeatureImportancesList(), after.getFeatureImportancesList());
    }
}
