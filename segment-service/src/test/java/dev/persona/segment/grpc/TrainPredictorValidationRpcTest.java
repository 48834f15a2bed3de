package dev.persona.segment.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.User;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class TrainPredictorValidationRpcTest extends PredictorTestSupport {

    private void invalid(String field, TrainPredictorRequest.Builder request) {
        assertStatus(Status.Code.INVALID_ARGUMENT, field, () -> stub().trainPredictor(request.build()));
    }

    private void precondition(String fragment, TrainPredictorRequest.Builder request) {
        assertStatus(Status.Code.FAILED_PRECONDITION, fragment, () -> stub().trainPredictor(request.build()));
    }

    @Test
    void parametersOutOfRangeNameTheirField() {
        attributeUsers();
        invalid("target", TrainPredictorRequest.newBuilder());
        invalid("label_attribute", TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_ATTRIBUTE));
        invalid("positive_value", attribute().clearPositiveValue());
        invalid("label_attribute", attribute().setLabelAttribute("x".repeat(129)));
        invalid("horizon_days", churn().setHorizonDays(-1));
        invalid("horizon_days", churn().setHorizonDays(3651));
        invalid("max_depth", attribute().setMaxDepth(65));
        invalid("max_depth", attribute().setMaxDepth(-1));
        invalid("min_leaf", attribute().setMinLeaf(-3));
        invalid("l2", attribute().setL2(-1));
        invalid("l2", attribute().setL2(Double.NaN));
        invalid("l2", attribute().setL2(Double.POSITIVE_INFINITY));
        invalid("validation_folds", attribute().setValidationFolds(1));
        invalid("validation_folds", attribute().setValidationFolds(21));
        invalid("algorithm", attribute().setAlgorithmValue(9));
        invalid("cutoff", churn().setCutoff(day(0).toBuilder().setNanos(-1)));
    }

    @Test
    void unknownDuplicatedOrLabelFeaturesAreRefused() {
        attributeUsers();
        invalid("features", attribute().addFeatures("bogus"));
        invalid("features", attribute().addFeatures("frequency").addFeatures("frequency"));
        invalid("features", attribute().addFeatures("attribute:Churn"));
        invalid("features", attribute().addFeatures("attribute:nobody_has_this"));
    }

    @Test
    void anIdLikeCategoryIsLeftOutByDefaultAndRefusedWhenNamed() {
        for (int i = 0; i < 120; i++) {
            log.user(User.newBuilder().setUserId("w" + i).setConsent(ConsentStatus.CONSENT_STATUS_GRANTED)
                    .putAttributes("code", "code-" + i).putAttributes("plan", i % 2 == 0 ? "a" : "b")
                    .putAttributes("Churn", i % 3 == 0 ? "Yes" : "No").build());
        }
        invalid("features", attribute().addFeatures("attribute:code"));
        var r = stub().trainPredictor(attribute().build());
        org.junit.jupiter.api.Assertions.assertTrue(r.getFeatureImportancesList().stream()
                .noneMatch(f -> f.getFeature().startsWith("attribute:code")), r.getFeatureImportancesList().toString());
    }

    @Test
    void aMissingOrConstantLabelSaysWhatToChange() {
        attributeUsers();
        for (int i = 0; i < 5; i++) {
            log.user(User.newBuilder().setUserId("y" + i).setConsent(ConsentStatus.CONSENT_STATUS_GRANTED)
                    .putAttributes("only_yes", "yes").build());
        }
        invalid("label_attribute", attribute().setLabelAttribute("churned"));
        precondition("positive_value", attribute().setPositiveValue("Maybe"));
        precondition("every one has 'only_yes' = 'yes'", attribute().setLabelAttribute("only_yes")
                .setPositiveValue("yes"));
    }

    @Test
    void aClassSmallerThanTheFoldsIsAPrecondition() {
        for (int i = 0; i < 30; i++) {
            log.user(User.newBuilder().setUserId("v" + i).setConsent(ConsentStatus.CONSENT_STATUS_GRANTED)
                    .putAttributes("vip", i < 3 ? "yes" : "no").putAttributes("age", Integer.toString(20 + i)).build());
        }
        precondition("validation_folds", attribute().setLabelAttribute("vip").setPositiveValue("yes"));
        stub().trainPredictor(attribute().setLabelAttribute("vip").setPositiveValue("yes").setValidationFolds(3)
                .setMinLeaf(1).build());
    }

    @Test
    void aCutoffOutsideTheLogOrAHorizonLongerThanTheLogIsAPrecondition() {
        churnLog();
        precondition("cutoff", churn().setCutoff(day(LAST_DAY - 2_000)));
        precondition("cutoff", churn().setCutoff(day(LAST_DAY + 10)));
        precondition("horizon_days", TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_CHURN)
                .setHorizonDays(3000));
        // nobody purchases on the day before the latest event: everybody churned, a constant label
        precondition("constant", churn().setCutoff(day(LAST_DAY - 1)).setHorizonDays(1));
    }

    @Test
    void churnWithoutEventsIsAPrecondition() {
        attributeUsers();
        precondition("no events", TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_CHURN));
    }
}
