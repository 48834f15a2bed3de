package dev.persona.segment.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.FeatureContribution;
import dev.persona.api.v1.PredictOutcomeRequest;
import dev.persona.api.v1.PredictOutcomeResponse;
import dev.persona.api.v1.PredictorAlgorithm;
import dev.persona.api.v1.User;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class PredictOutcomeRpcTest extends PredictorTestSupport {

    private PredictOutcomeResponse predict(String model, String user) {
        return stub().predictOutcome(PredictOutcomeRequest.newBuilder().setModelId(model).setUserId(user).build());
    }

    @Test
    void aTreeExplainsItsPathInWords() {
        attributeUsers();
        String model = stub().trainPredictor(attribute().addFeatures("attribute:plan").addFeatures("attribute:age")
                .setMinLeaf(10).build()).getModelId();
        PredictOutcomeResponse premium = predict(model, "u001"); // plan premium
        PredictOutcomeResponse basic = predict(model, "u000"); // plan basic
        assertTrue(premium.getProbability() < basic.getProbability(), premium + " vs " + basic);
        assertFalse(basic.getDecisionPathList().isEmpty());
        assertTrue(basic.getDecisionPath(0).startsWith("attribute:plan "), basic.getDecisionPathList().toString());
        assertTrue(basic.getExplanation().contains("% of such customers had Churn = Yes"), basic.getExplanation());
        assertTrue(basic.getExplanation().startsWith("Plan is"), basic.getExplanation());
        for (FeatureContribution c : basic.getContributionsList()) {
            assertEquals(0, c.getContribution());
            assertTrue(c.getFeature().startsWith("attribute:plan") || c.getFeature().equals("attribute:age"), c.toString());
        }
    }

    @Test
    void aRegressionListsItsLargestContributions() {
        attributeUsers();
        String model = stub().trainPredictor(attribute()
                .setAlgorithm(PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION).build()).getModelId();
        PredictOutcomeResponse r = predict(model, "u001");
        assertTrue(r.getProbability() > 0 && r.getProbability() < 1);
        assertTrue(r.getDecisionPathList().isEmpty());
        assertTrue(r.getContributionsCount() >= 1 && r.getContributionsCount() <= 5, r.toString());
        for (int i = 1; i < r.getContributionsCount(); i++) {
            assertTrue(Math.abs(r.getContributions(i).getContribution())
                    <= Math.abs(r.getContributions(i - 1).getContribution()));
        }
        assertTrue(r.getContributionsList().stream().anyMatch(c -> c.getFeature().equals("attribute:plan=premium")
                && c.getValue() == 1 && c.getContribution() < 0), r.toString());
        assertTrue(r.getExplanation().contains("chance of Churn = Yes"), r.getExplanation());
    }

    @Test
    void aChurnTreeSpeaksOfRecency() {
        churnLog();
        String model = stub().trainPredictor(churn().setMinLeaf(5).build()).getModelId();
        PredictOutcomeResponse churner = predict(model, "c10");
        PredictOutcomeResponse loyal = predict(model, "l05");
        assertTrue(churner.getProbability() > loyal.getProbability());
        assertTrue(churner.getExplanation().contains("churned"), churner.getExplanation());
    }

    @Test
    void unknownModelUserAndDeniedConsent() {
        attributeUsers();
        String model = stub().trainPredictor(attribute().build()).getModelId();
        assertStatus(Status.Code.INVALID_ARGUMENT, "model_id", () -> predict("", "u001"));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user_id", () -> predict(model, ""));
        assertStatus(Status.Code.NOT_FOUND, "model_id", () -> predict("p99-nothing", "u001"));
        assertStatus(Status.Code.NOT_FOUND, "user_id", () -> predict(model, "nobody"));
        log.user(User.newBuilder().setUserId("u002").setConsent(ConsentStatus.CONSENT_STATUS_DENIED)
                .putAttributes("plan", "basic").build());
        assertStatus(Status.Code.FAILED_PRECONDITION, "consent", () -> predict(model, "u002"));
    }

    @Test
    void anotherTenantDoesNotSeeTheModel() {
        attributeUsers();
        String model = stub().trainPredictor(attribute().build()).getModelId();
        String mine = tenant;
        freshTenant();
        attributeUsers();
        assertStatus(Status.Code.NOT_FOUND, "model_id", () -> predict(model, "u001"));
        tenant = mine;
        assertTrue(predict(model, "u001").getProbability() >= 0);
    }
}
