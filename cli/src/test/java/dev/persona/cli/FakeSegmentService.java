package dev.persona.cli;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Algorithm;
import dev.persona.api.v1.AssignSegmentRequest;
import dev.persona.api.v1.AssignSegmentResponse;
import dev.persona.api.v1.AudienceMember;
import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.BuildSegmentationResponse;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.FeatureContribution;
import dev.persona.api.v1.FeatureImportance;
import dev.persona.api.v1.FeatureScaling;
import dev.persona.api.v1.GetSegmentationRequest;
import dev.persona.api.v1.GetSegmentationResponse;
import dev.persona.api.v1.KCandidate;
import dev.persona.api.v1.KSelection;
import dev.persona.api.v1.ListSegmentMembersRequest;
import dev.persona.api.v1.ListSegmentMembersResponse;
import dev.persona.api.v1.ListSegmentationsRequest;
import dev.persona.api.v1.ListSegmentationsResponse;
import dev.persona.api.v1.PredictOutcomeRequest;
import dev.persona.api.v1.PredictOutcomeResponse;
import dev.persona.api.v1.PredictorAlgorithm;
import dev.persona.api.v1.PredictorMetrics;
import dev.persona.api.v1.Progress;
import dev.persona.api.v1.RocPoint;
import dev.persona.api.v1.Segment;
import dev.persona.api.v1.SegmentServiceGrpc;
import dev.persona.api.v1.Segmentation;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.SelectAudienceResponse;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.TrainPredictorResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An in-memory SegmentService for the command tests, over the {@link FakeProfileService}'s users and event users of
 * the same tenant (the x-tenant-id header). Segmentations are made up but deterministic: the users, sorted by id, are
 * dealt round-robin into k segments "s0", "s1", ...; the SSE is 1000/k and the silhouette 0.35 − 0.01·|k − 4| (so k =
 * 0 chooses 4 when it may); RFM scores give "champions" and "hibernating". A predictor's probability of a user is a
 * hash of the id in [0, 1); its metrics are fixed (tree AUC 0.84, logistic 0.86) with a small ROC curve.
 */
public final class FakeSegmentService extends SegmentServiceGrpc.SegmentServiceImplBase {

    private static final List<String> DEFAULT_FEATURES = List.of("recency_days", "frequency", "monetary");
    private static final Set<String> KNOWN_FEATURES = Set.of("recency_days", "frequency", "monetary", "avg_amount",
            "tenure_days", "purchases_90d", "purchases_180d", "events", "mean_rating");

    private final FakeProfileService profiles;
    private final Map<String, List<Stored>> segmentations = new ConcurrentHashMap<>();
    private final Map<String, TrainPredictorRequest> models = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong();

    /** A stored segmentation and the segment of each user at build time. */
    private record Stored(Segmentation segmentation, Map<String, String> segmentOf) {
    }

    public FakeSegmentService(FakeProfileService profiles) {
        this.profiles = profiles;
    }

    /** "tenant RpcName" of every call, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The requests received, in order. */
    public List<Object> requests() {
        return List.copyOf(requests);
    }

    /** The made-up probability of a user under any predictor. */
    public static double probability(String userId) {
        return Math.floorMod(userId.hashCode() * 31 + 7, 1000) / 1000.0;
    }

    @Override
    public void buildSegmentation(BuildSegmentationRequest request,
            StreamObserver<BuildSegmentationResponse> responses) {
        String tenant = tenant("BuildSegmentation", request);
        try {
            int k = request.getK();
            int kMin = request.getKMin() == 0 ? 2 : request.getKMin();
            int kMax = request.getKMax() == 0 ? 10 : request.getKMax();
            if (k < 0 || k > 100) {
                throw invalid("k: must be 0 to 100");
            }
            if (kMax < kMin) {
                throw invalid("k_max: below k_min");
            }
            List<String> features = request.getFeaturesCount() == 0 ? DEFAULT_FEATURES : request.getFeaturesList();
            for (String feature : features) {
                if (!KNOWN_FEATURES.contains(feature) && !feature.startsWith("attribute:")
                        || new HashSet<>(features).size() < features.size()) {
                    throw invalid("features: unknown or duplicated feature '" + feature + "'");
                }
            }
            List<String> users = new ArrayList<>(users(tenant));
            responses.onNext(progress("load", users.size(), users.size(), 0));
            boolean rfm = request.getAlgorithm() == Algorithm.ALGORITHM_RFM_SCORES;
            Segmentation.Builder s = Segmentation.newBuilder()
                    .setSegmentationId("seg-" + ids.incrementAndGet())
                    .setAlgorithm(request.getAlgorithm() == Algorithm.ALGORITHM_UNSPECIFIED ? Algorithm.ALGORITHM_KMEANS
                            : request.getAlgorithm())
                    .setCreatedAt(Timestamps.fromSeconds(1_700_000_000L + ids.get()))
                    .addAllFeatures(rfm ? DEFAULT_FEATURES : features)
                    .setUsers(users.size())
                    .setAsOf(request.hasAsOf() ? request.getAsOf() : Timestamps.fromSeconds(1_426_550_400L))
                    .setScaling(request.getScaling() == FeatureScaling.FEATURE_SCALING_UNSPECIFIED
                            ? FeatureScaling.FEATURE_SCALING_LOG1P_ZSCORE : request.getScaling())
                    .setSeed(request.getSeed())
                    .setNInit(rfm || request.getAlgorithm() == Algorithm.ALGORITHM_HIERARCHICAL ? 1
                            : request.getNInit() == 0 ? 10 : request.getNInit());
            List<String> segmentIds = new ArrayList<>();
            if (rfm) {
                segmentIds.addAll(List.of("champions", "hibernating"));
            } else {
                if (k == 0) {
                    KSelection.Builder selection = KSelection.newBuilder()
                            .setMethod("highest mean silhouette; ties go to the smaller k");
                    int best = 0;
                    for (int candidate = kMin; candidate <= Math.min(kMax, users.size()); candidate++) {
                        responses.onNext(progress("cluster k=" + candidate, 1, 1, sse(candidate)));
                        selection.addCandidates(KCandidate.newBuilder().setK(candidate).setSse(sse(candidate))
                                .setSilhouette(silhouette(candidate)));
                        if (best == 0 || silhouette(candidate) > silhouette(best)) {
                            best = candidate;
                        }
                    }
                    k = best;
                    s.setKSelection(selection.setChosenK(best));
                }
                if (k == 0 || users.size() < k) {
                    throw Status.FAILED_PRECONDITION.withDescription("only " + users.size()
                            + " users have every feature, fewer than the " + k + " segments asked for")
                            .asRuntimeException();
                }
                s.setSse(sse(k)).setSilhouette(silhouette(k));
                for (int i = 0; i < k; i++) {
                    segmentIds.add("s" + i);
                }
            }
            Map<String, String> segmentOf = new TreeMap<>();
            for (int i = 0; i < users.size(); i++) {
                segmentOf.put(users.get(i), segmentIds.get(i % segmentIds.size()));
            }
            for (int i = 0; i < segmentIds.size(); i++) {
                String id = segmentIds.get(i);
                long size = segmentOf.values().stream().filter(id::equals).count();
                Segment.Builder segment = Segment.newBuilder().setSegmentId(id)
                        .setLabel(rfm ? (i == 0 ? "Champions" : "Hibernating") : "Segment " + i).setSize(size)
                        .setDescription("Made-up segment " + i + ".");
                List<String> centroidNames = rfm ? DEFAULT_FEATURES : features;
                for (int f = 0; f < centroidNames.size(); f++) {
                    segment.putCentroid(centroidNames.get(f), 10.0 * (i + 1) + f + 0.5);
                }
                s.addSegments(segment);
            }
            responses.onNext(progress("store", 1, 1, 0));
            Segmentation built = s.build();
            segmentations.computeIfAbsent(tenant, t -> Collections.synchronizedList(new ArrayList<>()))
                    .add(0, new Stored(built, segmentOf));
            responses.onNext(BuildSegmentationResponse.newBuilder().setSegmentation(built).build());
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    @Override
    public void getSegmentation(GetSegmentationRequest request, StreamObserver<GetSegmentationResponse> responses) {
        answer(responses, () -> GetSegmentationResponse.newBuilder().setSegmentation(
                stored(tenant("GetSegmentation", request), request.getSegmentationId()).segmentation()).build());
    }

    @Override
    public void listSegmentations(ListSegmentationsRequest request,
            StreamObserver<ListSegmentationsResponse> responses) {
        answer(responses, () -> {
            List<Stored> all = List.copyOf(segmentations.getOrDefault(tenant("ListSegmentations", request),
                    List.of()));
            int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
            int from;
            try {
                from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
            } catch (NumberFormatException e) {
                throw invalid("page_token: malformed");
            }
            int to = Math.min(all.size(), from + size);
            ListSegmentationsResponse.Builder page = ListSegmentationsResponse.newBuilder();
            all.subList(Math.min(from, to), to).forEach(stored -> page.addSegmentations(stored.segmentation()));
            return page.setNextPageToken(to < all.size() ? Integer.toString(to) : "").build();
        });
    }

    @Override
    public void assignSegment(AssignSegmentRequest request, StreamObserver<AssignSegmentResponse> responses) {
        answer(responses, () -> {
            String tenant = tenant("AssignSegment", request);
            Stored stored = stored(tenant, request.getSegmentationId());
            if (request.getUserId().isEmpty()) {
                throw invalid("user_id: required");
            }
            String segmentId = stored.segmentOf().get(request.getUserId());
            boolean fromBuild = segmentId != null;
            if (!fromBuild) {
                if (!users(tenant).contains(request.getUserId())) {
                    throw Status.NOT_FOUND.withDescription("user_id: user " + request.getUserId() + " not found")
                            .asRuntimeException();
                }
                segmentId = stored.segmentation().getSegments(0).getSegmentId();
            }
            String id = segmentId;
            Segment segment = stored.segmentation().getSegmentsList().stream()
                    .filter(candidate -> candidate.getSegmentId().equals(id)).findFirst().orElseThrow();
            return AssignSegmentResponse.newBuilder().setSegmentId(id).setLabel(segment.getLabel())
                    .setDistance(fromBuild ? 0.5 : 1.25).setFromBuild(fromBuild).build();
        });
    }

    @Override
    public void listSegmentMembers(ListSegmentMembersRequest request,
            StreamObserver<ListSegmentMembersResponse> responses) {
        try {
            Stored stored = stored(tenant("ListSegmentMembers", request), request.getSegmentationId());
            if (stored.segmentation().getSegmentsList().stream()
                    .noneMatch(s -> s.getSegmentId().equals(request.getSegmentId()))) {
                throw Status.NOT_FOUND.withDescription("segment_id: segment " + request.getSegmentId()
                        + " not found").asRuntimeException();
            }
            List<String> members = stored.segmentOf().entrySet().stream()
                    .filter(e -> e.getValue().equals(request.getSegmentId())).map(Map.Entry::getKey).toList();
            int batch = request.getBatchSize() == 0 ? 2 : request.getBatchSize();
            for (int from = 0; from < members.size(); from += batch) {
                responses.onNext(ListSegmentMembersResponse.newBuilder()
                        .addAllUserIds(members.subList(from, Math.min(members.size(), from + batch))).build());
            }
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    @Override
    public void trainPredictor(TrainPredictorRequest request, StreamObserver<TrainPredictorResponse> responses) {
        answer(responses, () -> {
            tenant("TrainPredictor", request);
            if (request.getTarget() == Target.TARGET_UNSPECIFIED) {
                throw invalid("target: required");
            }
            if (request.getTarget() == Target.TARGET_ATTRIBUTE && request.getLabelAttribute().isEmpty()) {
                throw invalid("label_attribute: required with TARGET_ATTRIBUTE");
            }
            String modelId = "model-" + ids.incrementAndGet();
            models.put(modelId, request);
            boolean logistic = request.getAlgorithm() == PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION;
            PredictorMetrics.Builder metrics = PredictorMetrics.newBuilder().setAuc(logistic ? 0.86 : 0.84)
                    .setAucStd(0.01).setLogLoss(logistic ? 0.41 : 0.5).setAccuracy(0.8).setPrecision(0.65)
                    .setRecall(0.55).setF1(0.6).setN(7043).setPositiveRate(0.2654)
                    .setFolds(request.getValidationFolds() == 0 ? 5 : request.getValidationFolds());
            double[][] roc = {{0, 0, 1}, {0.1, 0.5, 0.7}, {0.3, 0.8, 0.4}, {1, 1, 0}};
            for (double[] point : roc) {
                metrics.addRoc(RocPoint.newBuilder().setFalsePositiveRate(point[0]).setTruePositiveRate(point[1])
                        .setThreshold(point[2]));
            }
            TrainPredictorResponse.Builder trained = TrainPredictorResponse.newBuilder().setModelId(modelId)
                    .setMetrics(metrics)
                    .addFeatureImportances(FeatureImportance.newBuilder().setFeature("attribute:Contract=Month-to-month")
                            .setImportance(0.6).setCoefficient(logistic ? 0.9 : 0))
                    .addFeatureImportances(FeatureImportance.newBuilder().setFeature("recency_days")
                            .setImportance(0.4).setCoefficient(logistic ? -0.3 : 0))
                    .setTrainedAt(Timestamps.fromSeconds(1_700_000_000L));
            if (request.getTarget() != Target.TARGET_ATTRIBUTE) {
                trained.setCutoff(request.hasCutoff() ? request.getCutoff() : Timestamps.fromSeconds(1_418_688_000L));
            }
            return trained.build();
        });
    }

    @Override
    public void predictOutcome(PredictOutcomeRequest request, StreamObserver<PredictOutcomeResponse> responses) {
        answer(responses, () -> {
            String tenant = tenant("PredictOutcome", request);
            TrainPredictorRequest model = model(request.getModelId(), "model_id");
            if (!users(tenant).contains(request.getUserId())) {
                throw Status.NOT_FOUND.withDescription("user_id: user " + request.getUserId() + " not found")
                        .asRuntimeException();
            }
            double p = probability(request.getUserId());
            PredictOutcomeResponse.Builder response = PredictOutcomeResponse.newBuilder().setProbability(p);
            if (model.getAlgorithm() == PredictorAlgorithm.PREDICTOR_ALGORITHM_LOGISTIC_REGRESSION) {
                response.setExplanation("Long since the last purchase raises the odds.")
                        .addContributions(FeatureContribution.newBuilder().setFeature("recency_days").setValue(120)
                                .setContribution(0.75));
            } else {
                response.setExplanation("No purchase for over 100 days: 70 % of such customers churned.")
                        .addDecisionPath("recency_days > 100.5")
                        .addContributions(FeatureContribution.newBuilder().setFeature("recency_days").setValue(120));
            }
            return response.build();
        });
    }

    @Override
    public void selectAudience(SelectAudienceRequest request, StreamObserver<SelectAudienceResponse> responses) {
        try {
            String tenant = tenant("SelectAudience", request);
            if (request.getSegmentationId().isEmpty() && request.getModelId().isEmpty()) {
                throw invalid("segmentation_id: give segmentation_id, model_id or both");
            }
            if (request.getSegmentationId().isEmpty() && request.getSegmentIdsCount() > 0) {
                throw invalid("segment_ids: needs segmentation_id");
            }
            double max = request.getMaxProbability() == 0 ? 1 : request.getMaxProbability();
            if (max < request.getMinProbability()) {
                throw invalid("max_probability: below min_probability");
            }
            Map<String, String> segmentOf = new TreeMap<>();
            if (request.getSegmentationId().isEmpty()) {
                users(tenant).forEach(user -> segmentOf.put(user, ""));
            } else {
                Stored stored = stored(tenant, request.getSegmentationId());
                for (String id : request.getSegmentIdsList()) {
                    if (stored.segmentation().getSegmentsList().stream().noneMatch(s -> s.getSegmentId().equals(id))) {
                        throw Status.NOT_FOUND.withDescription("segment_ids: segment " + id + " not found")
                                .asRuntimeException();
                    }
                }
                stored.segmentOf().forEach((user, segment) -> {
                    if (request.getSegmentIdsCount() == 0 || request.getSegmentIdsList().contains(segment)) {
                        segmentOf.put(user, segment);
                    }
                });
            }
            boolean scored = !request.getModelId().isEmpty();
            if (scored) {
                model(request.getModelId(), "model_id");
            }
            List<AudienceMember> members = new ArrayList<>();
            segmentOf.forEach((user, segment) -> {
                double p = scored ? probability(user) : -1;
                if (!scored || p >= request.getMinProbability() && p <= max) {
                    members.add(AudienceMember.newBuilder().setUserId(user).setSegmentId(segment).setProbability(p)
                            .build());
                }
            });
            if (scored) {
                members.sort(Comparator.comparingDouble(AudienceMember::getProbability).reversed()
                        .thenComparing(AudienceMember::getUserId));
            }
            List<AudienceMember> kept = request.getLimit() > 0 && members.size() > request.getLimit()
                    ? members.subList(0, (int) request.getLimit()) : members;
            int batch = request.getBatchSize() == 0 ? 3 : request.getBatchSize();
            for (int from = 0; from < kept.size(); from += batch) {
                responses.onNext(SelectAudienceResponse.newBuilder()
                        .addAllMembers(kept.subList(from, Math.min(kept.size(), from + batch))).build());
            }
            responses.onCompleted();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
        }
    }

    private static double sse(int k) {
        return 1000.0 / k;
    }

    private static double silhouette(int k) {
        return 0.35 - 0.01 * Math.abs(k - 4);
    }

    private static BuildSegmentationResponse progress(String phase, long done, long total, double loss) {
        return BuildSegmentationResponse.newBuilder().setProgress(Progress.newBuilder().setPhase(phase).setDone(done)
                .setTotal(total).setLoss(loss)).build();
    }

    /** The tenant's users: those imported and those with events, sorted by id. */
    private Set<String> users(String tenant) {
        Set<String> users = new TreeSet<>(profiles.users(tenant).keySet());
        profiles.events(tenant).values().stream().map(Event::getUserId).forEach(users::add);
        return users;
    }

    private Stored stored(String tenant, String segmentationId) {
        if (segmentationId.isEmpty()) {
            throw invalid("segmentation_id: required");
        }
        return segmentations.getOrDefault(tenant, List.of()).stream()
                .filter(s -> s.segmentation().getSegmentationId().equals(segmentationId)).findFirst()
                .orElseThrow(() -> Status.NOT_FOUND.withDescription("segmentation_id: segmentation "
                        + segmentationId + " not found").asRuntimeException());
    }

    private TrainPredictorRequest model(String modelId, String field) {
        if (modelId.isEmpty()) {
            throw invalid(field + ": required");
        }
        TrainPredictorRequest model = models.get(modelId);
        if (model == null) {
            throw Status.NOT_FOUND.withDescription(field + ": model " + modelId + " not found").asRuntimeException();
        }
        return model;
    }

    private static StatusRuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }

    private String tenant(String rpc, Object request) {
        String tenant = FakeProfileService.TENANT.get();
        calls.add(tenant + " " + rpc);
        requests.add(request);
        return tenant;
    }

    private static <R> void answer(StreamObserver<R> responses, Supplier<R> response) {
        R value;
        try {
            value = response.get();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return;
        }
        responses.onNext(value);
        responses.onCompleted();
    }
}
