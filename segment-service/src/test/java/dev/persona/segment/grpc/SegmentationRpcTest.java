package dev.persona.segment.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static dev.persona.common.testing.GrpcAssertions.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.AssignSegmentRequest;
import dev.persona.api.v1.AssignSegmentResponse;
import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.BuildSegmentationResponse;
import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.FeatureScaling;
import dev.persona.api.v1.GetSegmentationRequest;
import dev.persona.api.v1.KCandidate;
import dev.persona.api.v1.ListSegmentMembersRequest;
import dev.persona.api.v1.ListSegmentationsRequest;
import dev.persona.api.v1.ListSegmentationsResponse;
import dev.persona.api.v1.Segment;
import dev.persona.api.v1.Segmentation;
import dev.persona.api.v1.User;
import dev.persona.common.testing.StandInProfileResource;
import dev.persona.segment.store.AssignmentCache;
import io.agroal.api.AgroalDataSource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class SegmentationRpcTest extends SegmentationTestSupport {

    @Inject
    AgroalDataSource dataSource;

    private static BuildSegmentationRequest.Builder kmeans() {
        return BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_KMEANS).setSeed(7);
    }

    private Map<String, String> membership(Segmentation s) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Segment seg : s.getSegmentsList()) {
            for (String user : members(s.getSegmentationId(), seg.getSegmentId(), 0)) {
                out.put(user, seg.getSegmentId());
            }
        }
        return out;
    }

    private List<String> members(String segmentation, String segment, int batch) {
        List<String> out = new ArrayList<>();
        stub().listSegmentMembers(ListSegmentMembersRequest.newBuilder().setSegmentationId(segmentation)
                .setSegmentId(segment).setBatchSize(batch).build()).forEachRemaining(r -> {
                    assertTrue(batch == 0 || r.getUserIdsCount() <= batch);
                    out.addAll(r.getUserIdsList());
                });
        return out;
    }

    @Test
    void automaticKFindsTheThreeGroupsAndStreamsEveryPhase() {
        threeGroups();
        List<BuildSegmentationResponse> messages = buildAll(kmeans().setKMin(2).setKMax(6).build());
        Set<String> phases = new HashSet<>();
        messages.stream().filter(BuildSegmentationResponse::hasProgress).forEach(m -> {
            phases.add(m.getProgress().getPhase());
            assertTrue(m.getProgress().getTotal() == 0 || m.getProgress().getDone() <= m.getProgress().getTotal());
        });
        assertTrue(phases.containsAll(Set.of("load", "features", "cluster k=2", "cluster k=6", "silhouette",
                "store")), phases.toString());
        Segmentation s = messages.get(messages.size() - 1).getSegmentation();
        assertEquals(Algorithm.ALGORITHM_KMEANS, s.getAlgorithm());
        assertEquals(FeatureScaling.FEATURE_SCALING_LOG1P_ZSCORE, s.getScaling());
        assertEquals(List.of("recency_days", "frequency", "monetary"), s.getFeaturesList());
        assertEquals(60, s.getUsers());
        assertEquals(2, s.getUsersSkipped()); // the viewers have no purchase
        assertEquals(3, s.getKSelection().getChosenK());
        assertEquals(List.of(2, 3, 4, 5, 6), s.getKSelection().getCandidatesList().stream().map(KCandidate::getK)
                .toList());
        KCandidate three = s.getKSelection().getCandidates(1);
        assertEquals(three.getSilhouette(), s.getSilhouette(), 1e-12);
        assertEquals(three.getSse(), s.getSse(), 1e-9);
        assertEquals(10, s.getNInit());
        assertEquals(Timestamp.newBuilder().setSeconds((LAST_DAY + 1) * 86_400).build(), s.getAsOf());
        assertEquals(3, s.getSegmentsCount());
        Set<String> labels = new HashSet<>();
        for (Segment seg : s.getSegmentsList()) {
            assertEquals(20, seg.getSize());
            assertEquals(Set.of("recency_days", "frequency", "monetary"), seg.getCentroidMap().keySet());
            assertFalse(seg.getDescription().isBlank());
            labels.add(seg.getLabel());
        }
        assertEquals(3, labels.size(), labels.toString());
        // Each group is one segment; the "a" segment's centroid is in original units.
        Map<String, String> members = membership(s);
        for (String group : List.of("a", "b", "c")) {
            Set<String> segs = new HashSet<>();
            members.forEach((user, seg) -> {
                if (user.startsWith(group)) {
                    segs.add(seg);
                }
            });
            assertEquals(1, segs.size(), group + " users in " + segs);
        }
        Segment a = s.getSegmentsList().stream().filter(x -> x.getSegmentId().equals(members.get("a0")))
                .findFirst().orElseThrow();
        assertEquals((30 * 7 + 31 * 7 + 32 * 6) / 20.0, a.getCentroidOrThrow("frequency"), 1e-9);
        assertTrue(a.getLabel().toLowerCase().contains("frequent"), a.getLabel());
    }

    @Test
    void sameRequestSameResultAndStoredForGetAndList() {
        threeGroups();
        Segmentation first = build(kmeans().setK(3).build());
        Segmentation second = build(kmeans().setK(3).build());
        assertNotEquals(first.getSegmentationId(), second.getSegmentationId());
        assertEquals(first.getSse(), second.getSse(), 0);
        assertEquals(first.getSegmentsList().stream().map(Segment::getSize).toList(),
                second.getSegmentsList().stream().map(Segment::getSize).toList());
        assertEquals(membership(first), membership(second));
        assertEquals(first, stub().getSegmentation(GetSegmentationRequest.newBuilder()
                .setSegmentationId(first.getSegmentationId()).build()).getSegmentation());

        ListSegmentationsResponse page1 = stub().listSegmentations(ListSegmentationsRequest.newBuilder()
                .setPageSize(1).build());
        assertEquals(List.of(second), page1.getSegmentationsList());
        ListSegmentationsResponse page2 = stub().listSegmentations(ListSegmentationsRequest.newBuilder()
                .setPageSize(1).setPageToken(page1.getNextPageToken()).build());
        assertEquals(List.of(first), page2.getSegmentationsList());
        assertEquals("", page2.getNextPageToken());
        assertStatus(Status.Code.INVALID_ARGUMENT, "page_token", () -> stub().listSegmentations(
                ListSegmentationsRequest.newBuilder().setPageToken("not-a-token").build()));
        assertStatus(Status.Code.NOT_FOUND, "segmentation_id", () -> stub().getSegmentation(
                GetSegmentationRequest.newBuilder().setSegmentationId("nope").build()));
    }

    @Test
    void assignsMembersFromTheBuildAndNewcomersFromCurrentFeatures() {
        threeGroups();
        Segmentation s = build(kmeans().setK(3).build());
        Map<String, String> members = membership(s);
        AssignSegmentResponse member = assign(s, "a3");
        assertTrue(member.getFromBuild());
        assertEquals(members.get("a3"), member.getSegmentId());
        assertFalse(member.getLabel().isBlank());
        // Redis down or cold: PostgreSQL answers the same.
        redis(Request.cmd(Command.DEL).arg(AssignmentCache.key(tenant, s.getSegmentationId())));
        assertEquals(member, assign(s, "a3"));

        buyer("newcomer", 31, 3, 210);
        AssignSegmentResponse placed = assign(s, "newcomer");
        assertFalse(placed.getFromBuild());
        assertEquals(members.get("a0"), placed.getSegmentId());
        assertTrue(placed.getDistance() >= 0);

        assertStatus(Status.Code.NOT_FOUND, "user_id", () -> assign(s, "ghost"));
        assertStatus(Status.Code.FAILED_PRECONDITION, "lacks", () -> assign(s, "viewer1"));
        log.user(User.newBuilder().setUserId("a4").setConsent(ConsentStatus.CONSENT_STATUS_DENIED).build());
        assertStatus(Status.Code.FAILED_PRECONDITION, "consent", () -> assign(s, "a4"));
        assertStatus(Status.Code.NOT_FOUND, "segmentation_id", () -> stub().assignSegment(
                AssignSegmentRequest.newBuilder().setSegmentationId("nope").setUserId("a1").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user_id", () -> stub().assignSegment(
                AssignSegmentRequest.newBuilder().setSegmentationId(s.getSegmentationId()).build()));
    }

    private AssignSegmentResponse assign(Segmentation s, String user) {
        return stub().assignSegment(AssignSegmentRequest.newBuilder().setSegmentationId(s.getSegmentationId())
                .setUserId(user).build());
    }

    @Test
    void membersComeInOrderedBatchesWithoutDeniedUsers() {
        threeGroups();
        Segmentation s = build(kmeans().setK(3).build());
        String segA = membership(s).get("a0");
        List<String> all = members(s.getSegmentationId(), segA, 7);
        assertEquals(20, all.size());
        assertEquals(new ArrayList<>(new TreeSet<>(all)), all);
        log.user(User.newBuilder().setUserId("a5").setConsent(ConsentStatus.CONSENT_STATUS_DENIED).build());
        assertFalse(members(s.getSegmentationId(), segA, 0).contains("a5"));
        assertStatus(Status.Code.NOT_FOUND, "segment_id", () -> members(s.getSegmentationId(), "s99", 0));
        assertStatus(Status.Code.INVALID_ARGUMENT, "batch_size", () -> members(s.getSegmentationId(), segA,
                100_001));
    }

    @Test
    void rfmScoresNameTheSegmentsAndPlaceNewcomers() {
        threeGroups();
        Segmentation s = build(BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_RFM_SCORES)
                .setK(42).build());
        assertEquals(Algorithm.ALGORITHM_RFM_SCORES, s.getAlgorithm());
        assertEquals(0, s.getSse(), 0);
        assertEquals(60, s.getSegmentsList().stream().mapToLong(Segment::getSize).sum());
        Set<String> names = Set.of("Champions", "Loyal", "Potential loyalist", "New customers", "Promising",
                "Need attention", "About to sleep", "At risk", "Can't lose them", "Hibernating", "Lost");
        for (Segment seg : s.getSegmentsList()) {
            assertTrue(names.contains(seg.getLabel()), seg.getLabel());
            assertEquals(seg.getLabel().toLowerCase().replace("'", "").replace(' ', '_'), seg.getSegmentId());
        }
        membership(s).forEach((user, segment) -> {
            if (user.startsWith("a")) {
                assertTrue(Set.of("champions", "loyal").contains(segment), user + " in " + segment);
            } else if (user.startsWith("b")) {
                assertTrue(Set.of("lost", "hibernating").contains(segment), user + " in " + segment);
            }
        });
        buyer("newcomer", 40, 1, 300);
        AssignSegmentResponse placed = assign(s, "newcomer");
        assertEquals("champions", placed.getSegmentId());
        assertEquals("Champions", placed.getLabel());
    }

    @Test
    void hierarchicalClusteringWithAttributesAndOtherScalings() {
        threeGroups();
        Segmentation ward = build(BuildSegmentationRequest.newBuilder().setAlgorithm(Algorithm.ALGORITHM_HIERARCHICAL)
                .setK(3).build());
        assertEquals(List.of(20L, 20L, 20L), ward.getSegmentsList().stream().map(Segment::getSize).toList());
        assertEquals(1, ward.getNInit());
        Segmentation withPlan = build(kmeans().setK(2).addFeatures("frequency").addFeatures("attribute:plan")
                .setScaling(FeatureScaling.FEATURE_SCALING_ZSCORE).build());
        assertEquals(List.of("frequency", "attribute:plan=free", "attribute:plan=gold"),
                withPlan.getFeaturesList());
        assertEquals(60, withPlan.getUsers()); // viewers have no plan
        assertEquals(FeatureScaling.FEATURE_SCALING_ZSCORE, withPlan.getScaling());
        assertEquals(List.of(), withPlan.getNotesList());
    }

    @Test
    void aFeatureThatDoesNotVaryIsDroppedAndSaidSo() {
        for (int i = 1; i <= 4; i++) {
            buyer("fr" + i, i, 10 * i, 20, "country", "FR");
        }
        Segmentation s = build(kmeans().setK(2).addFeatures("frequency").addFeatures("attribute:country").build());
        assertEquals(List.of("frequency"), s.getFeaturesList());
        assertEquals(List.of("attribute:country=FR dropped: constant: 1.0 for every user"), s.getNotesList());
    }

    @Test
    void badRequestsSayWhatToChange() {
        threeGroups();
        assertStatus(Status.Code.INVALID_ARGUMENT, "k", () -> build(kmeans().setK(101).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k_min", () -> build(kmeans().setKMin(1).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k_max", () -> build(kmeans().setKMin(5).setKMax(4).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "unknown feature 'lifetime'",
                () -> build(kmeans().addFeatures("lifetime").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "named twice",
                () -> build(kmeans().addFeatures("frequency").addFeatures("frequency").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "no user has attribute 'height'",
                () -> build(kmeans().addFeatures("attribute:height").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "n_init", () -> build(kmeans().setNInit(1001).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "max_iterations",
                () -> build(kmeans().setMaxIterations(10_001).build()));
        assertStatus(Status.Code.FAILED_PRECONDITION, "fewer than the 100 segments",
                () -> build(kmeans().setK(100).build()));
        assertStatus(Status.Code.FAILED_PRECONDITION, "no user has every feature",
                () -> build(kmeans().setK(2).setAsOf(Timestamp.newBuilder().setSeconds(86_400)).build()));
    }

    @Test
    void aSecondBuildInTheTenantIsAborted() throws Exception {
        threeGroups();
        CountDownLatch gate = new CountDownLatch(1);
        log.gate = gate;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Segmentation> first = pool.submit(() -> build(kmeans().setK(3).build()));
            Thread.sleep(500);
            assertStatus(Status.Code.ABORTED, "another segmentation build", () -> build(kmeans().setK(3).build()));
            gate.countDown();
            assertEquals(3, first.get().getSegmentsCount());
        } finally {
            log.gate = null;
            pool.shutdownNow();
        }
        assertEquals(3, build(kmeans().setK(3).build()).getSegmentsCount());
    }

    @Test
    void anErasureRemovesTheUserEverywhere() throws Exception {
        threeGroups();
        Segmentation s = build(kmeans().setK(3).build());
        String segment = membership(s).get("b2");
        log.deleteUser("b2");
        feed("kind", "erase", "user", "b2");
        eventually("b2 is gone from PostgreSQL", () -> rows("b2") == 0);
        assertFalse(members(s.getSegmentationId(), segment, 0).contains("b2"));
        eventually("b2 is gone from the Redis cache", () -> redis(Request.cmd(Command.HEXISTS)
                .arg(AssignmentCache.key(tenant, s.getSegmentationId())).arg("b2")).toInteger() == 0);
        assertStatus(Status.Code.NOT_FOUND, "user_id", () -> assign(s, "b2"));
        assertEquals(19, members(s.getSegmentationId(), segment, 0).size());
    }

    private int rows(String user) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM segment_members WHERE tenant_id = ? AND user_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
