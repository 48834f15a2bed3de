package dev.persona.segment.service;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.AssignSegmentResponse;
import dev.persona.api.v1.FeatureScaling;
import dev.persona.api.v1.KCandidate;
import dev.persona.api.v1.KSelection;
import dev.persona.api.v1.Segment;
import dev.persona.api.v1.Segmentation;
import dev.persona.common.error.ApiError;
import dev.persona.common.profile.ProfileClient;
import dev.persona.segment.config.SegmentConfig;
import dev.persona.segment.features.FeatureMatrix;
import dev.persona.segment.features.FeatureScaler.Scaling;
import dev.persona.segment.features.FeatureSpec;
import dev.persona.segment.features.FeatureTable;
import dev.persona.segment.features.Population;
import dev.persona.segment.grouping.Grouped;
import dev.persona.segment.grouping.Grouped.Placement;
import dev.persona.segment.grouping.Grouping;
import dev.persona.segment.grouping.GroupingParams;
import dev.persona.segment.grouping.GroupingParams.Method;
import dev.persona.segment.store.AssignmentCache;
import dev.persona.segment.store.SegmentationStore;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Builds, stores and serves segmentations: reads users and events from ProfileService, computes the features at
 * the clock, groups the users ({@link Grouping}), names the segments, stores everything in PostgreSQL and caches
 * the assignments in Redis. One build per tenant at a time across replicas (a PostgreSQL advisory lock held for
 * the build's duration, released if the replica dies).
 */
@ApplicationScoped
public class Segmentations {

    private static final Logger LOG = Logger.getLogger(Segmentations.class);

    /** Advisory-lock class of segmentation builds; the second key is the tenant's hash. */
    private static final int BUILD_LOCK = 0x53454742;

    /** A validated BuildSegmentation request. */
    public record BuildRequest(GroupingParams params, FeatureSpec features, Scaling scaling, Long asOfMillis) {
    }

    private final ProfileData data;
    private final ProfileClient profiles;
    private final SegmentationStore store;
    private final AssignmentCache cache;
    private final AgroalDataSource dataSource;
    private final int hierarchicalMax;
    private final MeterRegistry registry;

    public Segmentations(ProfileData data, ProfileClient profiles, SegmentationStore store, AssignmentCache cache,
                         AgroalDataSource dataSource, SegmentConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.data = data;
        this.profiles = profiles;
        this.store = store;
        this.cache = cache;
        this.dataSource = dataSource;
        this.hierarchicalMax = config.hierarchicalMaxUsers();
    }

    /** Builds and stores a segmentation; returns it as stored. */
    public Segmentation build(String tenant, BuildRequest request, Grouping.Progress progress) {
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock, tenant)) {
                throw ApiError.aborted("another segmentation build is running in this tenant; retry when it ends");
            }
            try {
                return buildLocked(tenant, request, progress);
            } finally {
                unlock(lock, tenant);
            }
        } catch (SQLException e) {
            throw ApiError.unavailable("PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private Segmentation buildLocked(String tenant, BuildRequest request, Grouping.Progress progress) {
        GroupingParams params = request.params();
        boolean rfm = params.method() == Method.RFM_SCORES;
        FeatureSpec spec = rfm ? FeatureSpec.defaults() : request.features();
        long started = System.nanoTime();
        progress.report("load", 0, 0, 0);
        Population population = data.tenant(tenant, spec.needsCategories(),
                events -> progress.report("load", events, 0, 0));
        long loaded = System.nanoTime();
        long asOf = request.asOfMillis() != null ? request.asOfMillis() : population.defaultClock();
        progress.report("features", 0, 1, 0);
        FeatureTable table;
        try {
            table = FeatureTable.build(spec, population.customers(), population.events(), asOf, Set.of());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("features", e.getMessage());
        }
        Grouped grouped;
        long skipped;
        List<String> notes = new ArrayList<>();
        if (rfm) {
            try {
                grouped = Grouping.rfm(table, progress);
            } catch (IllegalArgumentException e) {
                throw ApiError.precondition(e.getMessage());
            }
            skipped = table.rows() - grouped.userIds().size();
        } else {
            FeatureMatrix matrix = FeatureMatrix.of(table, request.scaling());
            progress.report("features", 1, 1, 0);
            matrix.dropped().forEach(d -> notes.add(d.name() + " dropped: " + d.reason()));
            skipped = matrix.skippedUserIds().size();
            if (matrix.rows() == 0) {
                throw ApiError.precondition("no user has every feature (" + skipped + " users lack one); choose "
                        + "features the users have, for example drop recency_days for users without purchases");
            }
            if (matrix.columns() == 0) {
                throw ApiError.precondition("no feature is usable: each is constant over the users or a category "
                        + "with too many values (" + matrix.dropped() + "); choose features that vary");
            }
            if (params.method() == Method.HIERARCHICAL && matrix.rows() > hierarchicalMax) {
                throw ApiError.precondition(matrix.rows() + " users are more than hierarchical clustering takes ("
                        + hierarchicalMax + ", persona.segment.hierarchical-max-users); use K-Means");
            }
            try {
                grouped = Grouping.cluster(matrix, params, progress);
            } catch (IllegalArgumentException e) {
                throw ApiError.precondition(e.getMessage());
            }
            if (!grouped.note().isEmpty()) {
                notes.add(grouped.note());
                LOG.infof("tenant %s: %s", tenant, grouped.note());
            }
        }
        long clustered = System.nanoTime();
        progress.report("store", 0, grouped.userIds().size(), 0);
        Segmentation segmentation = toProto(grouped, request, asOf, skipped).toBuilder().addAllNotes(notes).build();
        String[] segmentIds = new String[grouped.userIds().size()];
        for (int i = 0; i < segmentIds.length; i++) {
            segmentIds[i] = grouped.segments().get(grouped.segmentOfRow()[i]).id();
        }
        store.save(tenant, segmentation, grouped.placement(), grouped.userIds(), segmentIds, grouped.distance());
        cache.put(tenant, segmentation.getSegmentationId(), grouped.userIds(), segmentIds, grouped.distance());
        progress.report("store", grouped.userIds().size(), grouped.userIds().size(), 0);
        long done = System.nanoTime();
        Timer.builder("persona.segmentation.build").description("BuildSegmentation, load to store")
                .tag("algorithm", params.method().name()).register(registry).record(done - started, TimeUnit.NANOSECONDS);
        LOG.infof("tenant %s: segmentation %s of %d users in %d ms (load %d, features and grouping %d, store %d)",
                tenant, segmentation.getSegmentationId(), grouped.userIds().size(), (done - started) / 1_000_000,
                (loaded - started) / 1_000_000, (clustered - loaded) / 1_000_000, (done - clustered) / 1_000_000);
        return segmentation;
    }

    private static Segmentation toProto(Grouped g, BuildRequest request, long asOf, long skipped) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        GroupingParams p = request.params();
        Segmentation.Builder b = Segmentation.newBuilder()
                .setSegmentationId(UUID.randomUUID().toString())
                .setAlgorithm(switch (p.method()) {
                    case KMEANS -> Algorithm.ALGORITHM_KMEANS;
                    case HIERARCHICAL -> Algorithm.ALGORITHM_HIERARCHICAL;
                    case RFM_SCORES -> Algorithm.ALGORITHM_RFM_SCORES;
                })
                .setCreatedAt(Timestamps.fromMicros(now.getEpochSecond() * 1_000_000 + now.getNano() / 1000))
                .addAllFeatures(g.featureNames())
                .setSse(g.sse())
                .setSilhouette(g.silhouette())
                .setUsers(g.userIds().size())
                .setUsersSkipped(skipped)
                .setAsOf(Timestamps.fromMillis(asOf))
                .setScaling(switch (request.scaling()) {
                    case LOG1P_ZSCORE -> FeatureScaling.FEATURE_SCALING_LOG1P_ZSCORE;
                    case ZSCORE -> FeatureScaling.FEATURE_SCALING_ZSCORE;
                    case NONE -> FeatureScaling.FEATURE_SCALING_NONE;
                })
                .setSeed(p.seed())
                .setNInit(p.method() == Method.KMEANS ? p.nInit() : 1);
        for (Grouped.Segment s : g.segments()) {
            b.addSegments(Segment.newBuilder().setSegmentId(s.id()).setLabel(s.label()).setSize(s.size())
                    .putAllCentroid(s.centroid()).setDescription(s.description()));
        }
        if (p.automaticK()) {
            KSelection.Builder k = KSelection.newBuilder().setChosenK(g.chosenK()).setMethod(Grouping.METHOD);
            g.candidates().forEach(c -> k.addCandidates(KCandidate.newBuilder().setK(c.k()).setSse(c.sse())
                    .setSilhouette(c.silhouette())));
            b.setKSelection(k);
        }
        return b.build();
    }
    /** The stored segmentation. */
    public Segmentation get(String tenant, String segmentationId) {
        return store.find(tenant, segmentationId)
                .orElseThrow(() -> ApiError.notFound("segmentation_id", segmentationId));
    }

    /** A page of segmentations, newest first. */
    public SegmentationStore.Page list(String tenant, int pageSize, String token) {
        return store.list(tenant, pageSize, token);
    }

    /**
     * The segment of a user: the build-time assignment when the user was in the build (Redis, then PostgreSQL),
     * else placed now from current features with the segmentation's scaling.
     */
    public AssignSegmentResponse assign(String tenant, String segmentationId, String userId) {
        SegmentationStore.Stored stored = store.stored(tenant, segmentationId)
                .orElseThrow(() -> ApiError.notFound("segmentation_id", segmentationId));
        Segmentation segmentation = stored.segmentation();
        Population one = data.user(tenant, userId, segmentation.getFeaturesList().stream()
                .anyMatch(f -> f.startsWith("affinity:")));
        if (one == null) {
            throw ApiError.notFound("user_id", userId);
        }
        if (one.customers().get(0).consentDenied()) {
            throw ApiError.precondition("user " + userId + " denied consent: they are not segmented");
        }
        SegmentationStore.Member member = cache.get(tenant, segmentationId, userId);
        if (member == null) {
            member = store.member(tenant, segmentationId, userId);
        }
        if (member != null) {
            return response(segmentation, member.segmentId(), member.distance(), true);
        }
        Placement placement = stored.placement();
        long asOf = one.defaultClock();
        if (segmentation.getAlgorithm() == Algorithm.ALGORITHM_RFM_SCORES) {
            FeatureTable t = FeatureTable.build(FeatureSpec.defaults(), one.customers(), one.events(), asOf, Set.of());
            double recency = t.column("recency_days").numeric()[0];
            if (Double.isNaN(recency)) {
                throw ApiError.precondition("user " + userId + " has no purchase, so no RFM scores");
            }
            String segmentId = Grouping.rfmSegmentOf(placement, recency, t.column("frequency").numeric()[0]);
            return response(segmentation, segmentId, 0, false);
        }
        FeatureTable t = FeatureTable.build(featureSpecOf(placement), one.customers(), one.events(), asOf, Set.of());
        double[] raw = placement.scaler().raw(t, 0);
        if (raw == null) {
            throw ApiError.precondition("user " + userId + " lacks one of the segmentation's features "
                    + segmentation.getFeaturesList());
        }
        double[] nearest = Grouping.nearest(placement, placement.scaler().scale(raw));
        return response(segmentation, placement.segmentIds().get((int) nearest[0]), nearest[1], false);
    }

    /** The features to compute for a newcomer: every table feature the placement's columns come from. */
    private static FeatureSpec featureSpecOf(Placement placement) {
        List<String> names = placement.scaler().columns().stream()
                .map(c -> c.feature().startsWith("affinity:") ? "affinity:category" : c.feature())
                .distinct().toList();
        return FeatureSpec.parse(names);
    }

    private static AssignSegmentResponse response(Segmentation s, String segmentId, double distance, boolean build) {
        String label = s.getSegmentsList().stream().filter(x -> x.getSegmentId().equals(segmentId))
                .map(Segment::getLabel).findFirst().orElse("");
        return AssignSegmentResponse.newBuilder().setSegmentId(segmentId).setLabel(label).setDistance(distance)
                .setFromBuild(build).build();
    }

    /**
     * Streams the build-time members of one segment, ordered by id, leaving out users whose consent is now denied
     * (erased users are already gone from the store).
     */
    public void members(String tenant, String segmentationId, String segmentId, BiConsumer<String, String> each) {
        Segmentation s = get(tenant, segmentationId);
        if (s.getSegmentsList().stream().noneMatch(x -> x.getSegmentId().equals(segmentId))) {
            throw ApiError.notFound("segment_id", segmentId);
        }
        Set<String> denied = profiles.deniedUsers(tenant);
        store.members(tenant, segmentationId, List.of(segmentId), (user, segment) -> {
            if (!denied.contains(user)) {
                each.accept(user, segment);
            }
        });
    }

    /** Removes an erased user from every segmentation of the tenant (PostgreSQL and Redis). */
    public void erase(String tenant, String userId) {
        int rows = store.erase(tenant, userId);
        cache.erase(tenant, userId);
        LOG.debugf("tenant %s: erased user removed from %d segmentations", tenant, rows);
    }

    private static boolean tryLock(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, BUILD_LOCK);
            ps.setString(2, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, String tenant) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, BUILD_LOCK);
            ps.setString(2, tenant);
            ps.execute();
        } catch (SQLException e) {
            LOG.warnf("advisory lock of tenant %s not released (%s); it goes with the connection", tenant,
                    e.getMessage());
        }
    }
}
