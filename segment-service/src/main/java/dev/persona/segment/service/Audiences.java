package dev.persona.segment.service;

import dev.persona.api.v1.AudienceMember;
import dev.persona.api.v1.Segment;
import dev.persona.api.v1.Segmentation;
import dev.persona.api.v1.SelectAudienceResponse;
import dev.persona.common.error.ApiError;
import dev.persona.common.profile.ProfileClient;
import dev.persona.segment.features.FeatureTable;
import dev.persona.segment.features.Population;
import dev.persona.segment.store.PredictorStore;
import dev.persona.segment.store.SegmentationStore;
import dev.persona.segment.store.StoredPredictor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SelectAudience as the .proto describes it: the members of some segments, the users a stored predictor scores within
 * bounds, or the scored members of some segments; scored audiences by probability descending (ties by id), the others
 * by id. Users whose consent is denied are never in an audience.
 */
@ApplicationScoped
public class Audiences {

    /**
     * A SelectAudience request, validated against the contract with its defaults applied.
     *
     * @param segmentationId the segmentation whose members are candidates, or empty for every user
     * @param segmentIds     the segments of that segmentation (empty: every segment)
     * @param modelId        the predictor scoring the candidates, or empty for none
     * @param min            the lowest probability kept (0 without a predictor)
     * @param max            the highest probability kept (1 without a predictor)
     * @param limit          most members, 0 for no limit
     * @param asOf           the clock of the predictor's features, or null for the contract's default clock
     * @param batchSize      members per response message
     */
    public record Request(String segmentationId, List<String> segmentIds, String modelId, double min, double max,
                          long limit, Long asOf, int batchSize) {
    }

    private final ProfileData profiles;
    private final ProfileClient profileClient;
    private final PredictorStore store;
    private final SegmentationStore segmentations;

    public Audiences(ProfileData profiles, ProfileClient profileClient, PredictorStore store,
                     SegmentationStore segmentations) {
        this.profiles = profiles;
        this.profileClient = profileClient;
        this.store = store;
        this.segmentations = segmentations;
    }

    /** Selects the audience and hands it to {@code batches} in messages of the request's batch size. */
    public void select(String tenant, Request spec, Consumer<SelectAudienceResponse> batches) {
        if (!spec.segmentationId().isEmpty()) {
            Segmentation s = segmentations.find(tenant, spec.segmentationId())
                    .orElseThrow(() -> ApiError.notFound("segmentation_id", spec.segmentationId()));
            Set<String> known = new HashSet<>();
            for (Segment seg : s.getSegmentsList()) {
                known.add(seg.getSegmentId());
            }
            for (String id : spec.segmentIds()) {
                if (!known.contains(id)) {
                    throw ApiError.notFound("segment_ids entry", id + " (in segmentation " + spec.segmentationId()
                            + ")");
                }
            }
        }
        StoredPredictor predictor = spec.modelId().isEmpty() ? null : store.find(tenant, spec.modelId())
                .orElseThrow(() -> ApiError.notFound("model_id", spec.modelId()));

        // candidates, ordered by id: segment members, or every user
        List<String> users = new ArrayList<>();
        List<String> segmentOf = new ArrayList<>();
        if (!spec.segmentationId().isEmpty()) {
            segmentations.members(tenant, spec.segmentationId(), spec.segmentIds(), (user, segment) -> {
                users.add(user);
                segmentOf.add(segment);
            });
        }
        List<AudienceMember> members = predictor == null ? unscored(tenant, users, segmentOf)
                : scored(tenant, spec, predictor, users, segmentOf);
        long limit = spec.limit() == 0 ? Long.MAX_VALUE : spec.limit();
        int total = (int) Math.min(members.size(), limit);
        for (int from = 0; from < total; from += spec.batchSize()) {
            batches.accept(SelectAudienceResponse.newBuilder()
                    .addAllMembers(members.subList(from, Math.min(total, from + spec.batchSize()))).build());
        }
    }

    /** The segment members whose consent is not denied, in id order, with probability −1. */
    private List<AudienceMember> unscored(String tenant, List<String> users, List<String> segmentOf) {
        List<AudienceMember> members = new ArrayList<>();
        Set<String> denied = profileClient.deniedUsers(tenant);
        for (int i = 0; i < users.size(); i++) {
            if (!denied.contains(users.get(i))) {
                members.add(AudienceMember.newBuilder().setUserId(users.get(i)).setSegmentId(segmentOf.get(i))
                        .setProbability(-1).build());
            }
        }
        return members;
    }

    /**
     * The candidates (every user when no segmentation is named) scored by the predictor, within the probability
     * bounds, by probability descending and then id.
     */
    private List<AudienceMember> scored(String tenant, Request spec, StoredPredictor predictor,
                                        List<String> candidates, List<String> candidateSegments) {
        Population population = profiles.tenant(tenant, predictor.model().needsCategories(), loaded -> { });
        FeatureTable table = ScoringTable.of(predictor, population,
                spec.asOf() == null ? population.defaultClock() : spec.asOf());
        List<String> users = new ArrayList<>();
        List<String> segmentOf = new ArrayList<>();
        int[] rows;
        if (spec.segmentationId().isEmpty()) {
            rows = new int[table.rows()];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = r;
                users.add(table.userIds().get(r));
                segmentOf.add("");
            }
        } else {
            // members unknown to ProfileService or whose consent is denied are not in the table
            List<Integer> keptRows = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                int row = table.rowOf(candidates.get(i));
                if (row >= 0) {
                    users.add(candidates.get(i));
                    segmentOf.add(candidateSegments.get(i));
                    keptRows.add(row);
                }
            }
            rows = keptRows.stream().mapToInt(Integer::intValue).toArray();
        }
        double[] p = predictor.model().probabilities(table, rows);
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparing(users::get));
        List<AudienceMember> members = new ArrayList<>();
        for (int i : order) {
            if (p[i] >= spec.min() && p[i] <= spec.max()) {
                members.add(AudienceMember.newBuilder().setUserId(users.get(i)).setSegmentId(segmentOf.get(i))
                        .setProbability(p[i]).build());
            }
        }
        return members;
    }
}
