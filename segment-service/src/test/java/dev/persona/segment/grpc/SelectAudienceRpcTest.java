package dev.persona.segment.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.AudienceMember;
import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.BuildSegmentationResponse;
import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.PredictOutcomeRequest;
import dev.persona.api.v1.Segmentation;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.SelectAudienceResponse;
import dev.persona.api.v1.User;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class SelectAudienceRpcTest extends PredictorTestSupport {

    private Segmentation segmentation() {
        List<BuildSegmentationResponse> messages = new ArrayList<>();
        stub().buildSegmentation(BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_KMEANS)
                .setK(2).setSeed(1).build()).forEachRemaining(messages::add);
        return messages.get(messages.size() - 1).getSegmentation();
    }

    @Test
    void byProbabilityDescendingThenIdWithinTheRangeAndLimit() {
        attributeUsers();
        String model = stub().trainPredictor(attribute().addFeatures("attribute:plan").setMinLeaf(10).build())
                .getModelId();
        List<AudienceMember> all = audience(SelectAudienceRequest.newBuilder().setModelId(model).build());
        assertEquals(240, all.size());
        for (int i = 1; i < all.size(); i++) {
            AudienceMember a = all.get(i - 1);
            AudienceMember b = all.get(i);
            assertTrue(a.getProbability() > b.getProbability() || (a.getProbability() == b.getProbability()
                    && a.getUserId().compareTo(b.getUserId()) < 0), a + " before " + b);
            assertEquals("", b.getSegmentId());
        }
        double p = stub().predictOutcome(PredictOutcomeRequest.newBuilder().setModelId(model).setUserId("u000")
                .build()).getProbability();
        assertEquals(p, all.stream().filter(m -> m.getUserId().equals("u000")).findFirst().orElseThrow()
                .getProbability(), 1e-12);

        double mid = all.get(120).getProbability();
        List<AudienceMember> high = audience(SelectAudienceRequest.newBuilder().setModelId(model)
                .setMinProbability(mid).build());
        assertTrue(high.stream().allMatch(m -> m.getProbability() >= mid));
        assertEquals(all.stream().filter(m -> m.getProbability() >= mid).count(), high.size());
        List<AudienceMember> exact = audience(SelectAudienceRequest.newBuilder().setModelId(model)
                .setMinProbability(mid).setMaxProbability(mid).build());
        assertFalse(exact.isEmpty());
        assertTrue(exact.stream().allMatch(m -> m.getProbability() == mid), "bounds are inclusive");

        List<AudienceMember> top = new ArrayList<>();
        List<SelectAudienceResponse> batches = new ArrayList<>();
        stub().selectAudience(SelectAudienceRequest.newBuilder().setModelId(model).setLimit(25).setBatchSize(10)
                .build()).forEachRemaining(batches::add);
        batches.forEach(b -> top.addAll(b.getMembersList()));
        assertEquals(List.of(10, 10, 5), batches.stream().map(SelectAudienceResponse::getMembersCount).toList());
        assertEquals(all.subList(0, 25), top);

        assertTrue(audience(SelectAudienceRequest.newBuilder().setModelId(model).setMinProbability(0.999).build())
                .isEmpty(), "an empty audience is an empty stream");
    }

    @Test
    void usersWhoDeniedConsentAreNeverIncluded() {
        attributeUsers();
        String model = stub().trainPredictor(attribute().build()).getModelId();
        log.user(User.newBuilder().setUserId("u005").setConsent(ConsentStatus.CONSENT_STATUS_DENIED).build());
        List<AudienceMember> all = audience(SelectAudienceRequest.newBuilder().setModelId(model).build());
        assertEquals(239, all.size());
        assertTrue(all.stream().noneMatch(m -> m.getUserId().equals("u005")));
    }

    @Test
    void segmentsAloneGoByIdAndCombineWithAModel() {
        churnLog();
        Segmentation s = segmentation();
        String segment = s.getSegments(0).getSegmentId();
        log.user(User.newBuilder().setUserId("l03").setConsent(ConsentStatus.CONSENT_STATUS_DENIED).build());
        List<AudienceMember> members = audience(SelectAudienceRequest.newBuilder()
                .setSegmentationId(s.getSegmentationId()).addSegmentIds(segment).build());
        assertFalse(members.isEmpty());
        assertTrue(members.size() <= s.getSegments(0).getSize());
        for (int i = 0; i < members.size(); i++) {
            assertEquals(segment, members.get(i).getSegmentId());
            assertEquals(-1, members.get(i).getProbability());
            assertFalse(members.get(i).getUserId().equals("l03"));
            if (i > 0) {
                assertTrue(members.get(i - 1).getUserId().compareTo(members.get(i).getUserId()) < 0);
            }
        }
        List<AudienceMember> everyone = audience(SelectAudienceRequest.newBuilder()
                .setSegmentationId(s.getSegmentationId()).setMinProbability(0.9).setMaxProbability(0.1).build());
        assertEquals(s.getUsers() - 1, everyone.size(), "every segment, less the user who denied consent; without a "
                + "model the probability bounds are ignored");

        String model = stub().trainPredictor(churn().setMinLeaf(5).build()).getModelId();
        List<AudienceMember> scored = audience(SelectAudienceRequest.newBuilder()
                .setSegmentationId(s.getSegmentationId()).addSegmentIds(segment).setModelId(model).build());
        Set<String> ids = new HashSet<>();
        members.forEach(m -> ids.add(m.getUserId()));
        assertEquals(ids.size(), scored.size());
        for (int i = 0; i < scored.size(); i++) {
            assertTrue(ids.contains(scored.get(i).getUserId()));
            assertEquals(segment, scored.get(i).getSegmentId());
            if (i > 0) {
                assertTrue(scored.get(i - 1).getProbability() >= scored.get(i).getProbability());
            }
        }
    }

    @Test
    void rejectsBadRequestsAndUnknownIds() {
        attributeUsers();
        String model = stub().trainPredictor(attribute().build()).getModelId();
        assertStatus(Status.Code.INVALID_ARGUMENT, "segmentation_id",
                () -> audience(SelectAudienceRequest.getDefaultInstance()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "segment_ids",
                () -> audience(SelectAudienceRequest.newBuilder().setModelId(model).addSegmentIds("s0").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "max_probability",
                () -> audience(SelectAudienceRequest.newBuilder().setModelId(model).setMinProbability(0.6)
                        .setMaxProbability(0.5).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "min_probability",
                () -> audience(SelectAudienceRequest.newBuilder().setModelId(model).setMinProbability(-0.1).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "max_probability",
                () -> audience(SelectAudienceRequest.newBuilder().setModelId(model).setMaxProbability(1.5).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "limit",
                () -> audience(SelectAudienceRequest.newBuilder().setModelId(model).setLimit(-1).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "batch_size",
                () -> audience(SelectAudienceRequest.newBuilder().setModelId(model).setBatchSize(100_001).build()));
        assertStatus(Status.Code.NOT_FOUND, "model_id",
                () -> audience(SelectAudienceRequest.newBuilder().setModelId("p42-none").build()));
        assertStatus(Status.Code.NOT_FOUND, "segmentation_id",
                () -> audience(SelectAudienceRequest.newBuilder().setSegmentationId("nothing").build()));
    }

    @Test
    void anUnknownSegmentIsNotFound() {
        churnLog();
        Segmentation s = segmentation();
        assertStatus(Status.Code.NOT_FOUND, "segment_ids", () -> audience(SelectAudienceRequest.newBuilder()
                .setSegmentationId(s.getSegmentationId()).addSegmentIds("no-such-segment").build()));
    }
}
