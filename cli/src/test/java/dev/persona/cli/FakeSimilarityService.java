package dev.persona.cli;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.BuildNeighborsResponse;
import dev.persona.api.v1.BuildResult;
import dev.persona.api.v1.Entity;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.GetNeighborsStatusRequest;
import dev.persona.api.v1.GetNeighborsStatusResponse;
import dev.persona.api.v1.GetSimilarItemsRequest;
import dev.persona.api.v1.GetSimilarItemsResponse;
import dev.persona.api.v1.GetSimilarUsersRequest;
import dev.persona.api.v1.GetSimilarUsersResponse;
import dev.persona.api.v1.GetSimilarityRequest;
import dev.persona.api.v1.GetSimilarityResponse;
import dev.persona.api.v1.Metric;
import dev.persona.api.v1.Neighbor;
import dev.persona.api.v1.NeighborsStatus;
import dev.persona.api.v1.Progress;
import dev.persona.api.v1.SimilarityServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory SimilarityService for the command tests. Tests give the neighbour lists a build would compute, per
 * tenant (the x-tenant-id header) and entity; BuildNeighbors then "builds" them as a new generation of the entity
 * and metric, streaming one Progress per phase first. Errors follow the contract: FAILED_PRECONDITION for a build
 * over an empty log or a read before any build, NOT_FOUND for an unknown id, INVALID_ARGUMENT for an unspecified
 * entity. Linked to a {@link FakeProfileService} with {@link #buildingFrom}, a build for a tenant given no lists
 * takes the ids of that tenant's log, each with an empty list.
 */
public final class FakeSimilarityService extends SimilarityServiceGrpc.SimilarityServiceImplBase {

    static final List<String> PHASES = List.of("load", "compute", "write", "switch");
    static final long BUILD_ELAPSED_MS = 7;
    static final long BUILT_TO_SEQUENCE = 42;
    static final Timestamp BUILT_AT = Timestamp.newBuilder().setSeconds(1_000_000_000L).build();

    /** One entity's lists of one tenant: the data a build computes, whatever the metric. */
    private record Lists(String tenant, Entity entity) {
    }

    /** The serving generation of one tenant, entity and metric. */
    private record Serving(String tenant, Entity entity, Metric metric) {
    }

    private final Map<Lists, Map<String, List<Neighbor>>> lists = new ConcurrentHashMap<>();
    private final Map<Serving, NeighborsStatus> serving = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile FakeProfileService log;

    /** Builds for tenants given no lists take the ids of their log in {@code profiles}. */
    public FakeSimilarityService buildingFrom(FakeProfileService profiles) {
        this.log = profiles;
        return this;
    }

    /** The neighbours of {@code id} that a build of the tenant's {@code entity} lists computes. */
    public FakeSimilarityService neighbors(String tenant, Entity entity, String id, Neighbor... neighbors) {
        lists.computeIfAbsent(new Lists(tenant, entity), key -> new ConcurrentHashMap<>()).put(id, List.of(neighbors));
        return this;
    }

    public static Neighbor neighbor(String id, double score, int support) {
        return Neighbor.newBuilder().setId(id).setScore(score).setSupport(support).build();
    }

    /** "tenant RpcName" of every call, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The requests received, in order. */
    public List<Object> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void buildNeighbors(BuildNeighborsRequest request, StreamObserver<BuildNeighborsResponse> responses) {
        String tenant = tenant("BuildNeighbors", request);
        if (request.getEntity() == Entity.ENTITY_UNSPECIFIED) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription("entity: required").asRuntimeException());
            return;
        }
        Map<String, List<Neighbor>> built = lists.getOrDefault(new Lists(tenant, request.getEntity()),
                idsOfLog(tenant, request.getEntity()));
        if (built.isEmpty()) {
            responses.onError(Status.FAILED_PRECONDITION.withDescription("the log holds no interaction")
                    .asRuntimeException());
            return;
        }
        for (String phase : PHASES) {
            responses.onNext(BuildNeighborsResponse.newBuilder().setProgress(Progress.newBuilder().setPhase(phase)
                    .setDone(built.size()).setTotal(built.size())).build());
        }
        Metric metric = metric(request.getMetric());
        Serving key = new Serving(tenant, request.getEntity(), metric);
        long generation = Optional.ofNullable(serving.get(key)).map(NeighborsStatus::getGeneration).orElse(0L) + 1;
        long entities = built.values().stream().filter(list -> !list.isEmpty()).count();
        long pairs = built.values().stream().mapToLong(List::size).sum();
        serving.put(key, NeighborsStatus.newBuilder().setEntity(request.getEntity()).setMetric(metric)
                .setGeneration(generation).setBuiltAt(BUILT_AT).setEntities(entities).setK(request.getK())
                .setBuiltToSequence(BUILT_TO_SEQUENCE).setMinSupport(request.getMinSupport())
                .setShrinkage(request.getShrinkage()).setBinary(request.getBinary()).build());
        responses.onNext(BuildNeighborsResponse.newBuilder().setResult(BuildResult.newBuilder()
                .setGeneration(generation).setEntities(entities).setPairs(pairs).setElapsedMs(BUILD_ELAPSED_MS)
                .setEntity(request.getEntity()).setMetric(metric).setBuiltToSequence(BUILT_TO_SEQUENCE)
                .setBuiltAt(BUILT_AT)).build());
        responses.onCompleted();
    }

    @Override
    public void getSimilarItems(GetSimilarItemsRequest request, StreamObserver<GetSimilarItemsResponse> responses) {
        String tenant = tenant("GetSimilarItems", request);
        read(tenant, Entity.ENTITY_ITEM, request.getItemId(), request.getK(), request.getMetric(), responses,
                (neighbors, generation) -> GetSimilarItemsResponse.newBuilder().addAllNeighbors(neighbors)
                        .setGeneration(generation).build());
    }

    @Override
    public void getSimilarUsers(GetSimilarUsersRequest request, StreamObserver<GetSimilarUsersResponse> responses) {
        String tenant = tenant("GetSimilarUsers", request);
        read(tenant, Entity.ENTITY_USER, request.getUserId(), request.getK(), request.getMetric(), responses,
                (neighbors, generation) -> GetSimilarUsersResponse.newBuilder().addAllNeighbors(neighbors)
                        .setGeneration(generation).build());
    }

    /** The score of b in a's list, else 0 with support 0. */
    @Override
    public void getSimilarity(GetSimilarityRequest request, StreamObserver<GetSimilarityResponse> responses) {
        String tenant = tenant("GetSimilarity", request);
        Map<String, List<Neighbor>> known = lists.getOrDefault(new Lists(tenant, request.getEntity()), Map.of());
        for (String id : List.of(request.getA(), request.getB())) {
            if (!known.containsKey(id)) {
                String field = id.equals(request.getA()) ? "a" : "b";
                responses.onError(Status.NOT_FOUND.withDescription(field + ": " + id + " not found")
                        .asRuntimeException());
                return;
            }
        }
        Neighbor pair = known.get(request.getA()).stream().filter(n -> n.getId().equals(request.getB())).findFirst()
                .orElse(Neighbor.getDefaultInstance());
        responses.onNext(GetSimilarityResponse.newBuilder().setScore(pair.getScore()).setSupport(pair.getSupport())
                .build());
        responses.onCompleted();
    }

    @Override
    public void getNeighborsStatus(GetNeighborsStatusRequest request,
            StreamObserver<GetNeighborsStatusResponse> responses) {
        String tenant = tenant("GetNeighborsStatus", request);
        responses.onNext(GetNeighborsStatusResponse.newBuilder().addAllStatuses(serving.entrySet().stream()
                .filter(e -> e.getKey().tenant().equals(tenant))
                .map(Map.Entry::getValue)
                .sorted(Comparator.comparing(NeighborsStatus::getEntity).thenComparing(NeighborsStatus::getMetric))
                .toList()).build());
        responses.onCompleted();
    }

    /** Every user or item id of the tenant's log in the linked profile fake, each without neighbours. */
    private Map<String, List<Neighbor>> idsOfLog(String tenant, Entity entity) {
        if (log == null) {
            return Map.of();
        }
        Map<String, Event> events = log.events(tenant);
        Map<String, List<Neighbor>> ids = new ConcurrentHashMap<>();
        synchronized (events) {
            for (Event event : events.values()) {
                ids.put(entity == Entity.ENTITY_USER ? event.getUserId() : event.getItemId(), List.of());
            }
        }
        return ids;
    }

    /** Makes a GetSimilarItems or GetSimilarUsers response. */
    @FunctionalInterface
    private interface ListResponse<R> {
        R of(List<Neighbor> neighbors, long generation);
    }

    private <R> void read(String tenant, Entity entity, String id, int k, Metric metric,
            StreamObserver<R> responses, ListResponse<R> response) {
        NeighborsStatus status = serving.get(new Serving(tenant, entity, metric(metric)));
        if (status == null) {
            responses.onError(Status.FAILED_PRECONDITION.withDescription("no " + entity + " generation for "
                    + metric(metric)).asRuntimeException());
            return;
        }
        List<Neighbor> neighbors = lists.getOrDefault(new Lists(tenant, entity), Map.of()).get(id);
        if (neighbors == null) {
            responses.onError(Status.NOT_FOUND.withDescription(id + " not found").asRuntimeException());
            return;
        }
        responses.onNext(response.of(neighbors.subList(0, Math.min(k == 0 ? 10 : k, neighbors.size())),
                status.getGeneration()));
        responses.onCompleted();
    }

    private static Metric metric(Metric requested) {
        return requested == Metric.METRIC_UNSPECIFIED ? Metric.METRIC_COSINE : requested;
    }

    private String tenant(String rpc, Object request) {
        String tenant = FakeProfileService.TENANT.get();
        calls.add(tenant + " " + rpc);
        requests.add(request);
        return tenant;
    }
}
