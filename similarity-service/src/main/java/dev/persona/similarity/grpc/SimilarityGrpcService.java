package dev.persona.similarity.grpc;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.BuildNeighborsResponse;
import dev.persona.api.v1.BuildResult;
import dev.persona.api.v1.Entity;
import dev.persona.api.v1.GetNeighborsStatusRequest;
import dev.persona.api.v1.GetNeighborsStatusResponse;
import dev.persona.api.v1.GetSimilarItemsRequest;
import dev.persona.api.v1.GetSimilarItemsResponse;
import dev.persona.api.v1.GetSimilarUsersRequest;
import dev.persona.api.v1.GetSimilarUsersResponse;
import dev.persona.api.v1.GetSimilarityRequest;
import dev.persona.api.v1.GetSimilarityResponse;
import dev.persona.api.v1.NeighborsStatus;
import dev.persona.api.v1.Progress;
import dev.persona.api.v1.SimilarityServiceGrpc;
import dev.persona.common.error.ApiError;
import dev.persona.common.grpc.ErrorMapper;
import dev.persona.common.grpc.ProgressStream;
import dev.persona.common.grpc.GrpcCalls;
import dev.persona.common.grpc.Tenant;
import dev.persona.common.validation.Ids;
import dev.persona.core.similarity.Metric;
import dev.persona.core.similarity.PairSimilarity;
import dev.persona.similarity.service.BuildService;
import dev.persona.similarity.service.ServeService;
import dev.persona.similarity.store.Generation;
import dev.persona.core.similarity.Neighbor;
import dev.persona.similarity.store.Scope;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The SimilarityService RPCs: validation and translation between protobuf and the services, nothing else. List
 * queries answer near-cache hits on the I/O thread and move to a worker thread otherwise; the other RPCs run on
 * worker threads. BuildNeighbors streams at most a few Progress messages per second per phase.
 */
@GrpcService
public class SimilarityGrpcService extends SimilarityServiceGrpc.SimilarityServiceImplBase {

    private static final int MAX_K = 1000;
    private static final int DEFAULT_BUILD_K = 50;
    private static final int DEFAULT_QUERY_K = 10;
    private static final int MAX_THREADS = 256;

    @Inject
    BuildService builds;

    @Inject
    ServeService serve;

    @Override
    @Blocking
    public void buildNeighbors(BuildNeighborsRequest request, StreamObserver<BuildNeighborsResponse> out) {
        String tenant = Tenant.current();
        ProgressStream<BuildNeighborsResponse> stream = new ProgressStream<>(out,
                p -> BuildNeighborsResponse.newBuilder().setProgress(p).build());
        stream.run(() -> {
            BuildService.Request build = buildRequest(request);
            BuildService.Outcome outcome = builds.build(tenant, build, stream::progress);
            Generation g = outcome.generation();
            BuildResult result = BuildResult.newBuilder()
                    .setGeneration(g.generation())
                    .setEntities(g.entities())
                    .setElapsedMs(outcome.elapsedMs())
                    .setEntity(build.scope().users() ? Entity.ENTITY_USER : Entity.ENTITY_ITEM)
                    .setMetric(toProto(build.scope().metric()))
                    .setPairs(g.pairs())
                    .setBuiltToSequence(g.builtToSequence())
                    .setBuiltAt(timestamp(g.builtAtMillis()))
                    .build();
            return BuildNeighborsResponse.newBuilder().setResult(result).build();
        });
    }

    @Override
    public void getSimilarItems(GetSimilarItemsRequest request, StreamObserver<GetSimilarItemsResponse> out) {
        String tenant = Tenant.current();
        similar(out, tenant, false, "item_id", request.getItemId(), request.getK(), request.getMetricValue(),
                (neighbors, generation) -> GetSimilarItemsResponse.newBuilder().addAllNeighbors(neighbors)
                        .setGeneration(generation).build());
    }

    @Override
    public void getSimilarUsers(GetSimilarUsersRequest request, StreamObserver<GetSimilarUsersResponse> out) {
        String tenant = Tenant.current();
        similar(out, tenant, true, "user_id", request.getUserId(), request.getK(), request.getMetricValue(),
                (neighbors, generation) -> GetSimilarUsersResponse.newBuilder().addAllNeighbors(neighbors)
                        .setGeneration(generation).build());
    }

    /** Builds a GetSimilarItems or GetSimilarUsers response. */
    private interface SimilarResponse<T> {
        T of(List<dev.persona.api.v1.Neighbor> neighbors, long generation);
    }

    /**
     * Serves a list query. Runs on the I/O thread: validation and a near-cache hit answer right there, with no
     * thread hop; a miss (Redis or ProfileService to ask) moves to a worker thread.
     */
    private <T> void similar(StreamObserver<T> out, String tenant, boolean users, String field, String rawId,
                             int rawK, int metric, SimilarResponse<T> response) {
        String id;
        int k;
        Scope scope;
        try {
            id = Ids.require(field, rawId);
            k = queryK(rawK);
            scope = new Scope(users, metric(metric, "metric"));
        } catch (RuntimeException e) {
            out.onError(ErrorMapper.toStatus(e).asRuntimeException());
            return;
        }
        ServeService.Similar hit = serve.similarFromMemory(tenant, scope, id, k);
        if (hit != null) {
            out.onNext(response.of(toProto(hit.neighbors()), hit.generation()));
            out.onCompleted();
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> GrpcCalls.unary(out, () -> {
            ServeService.Similar similar = serve.similar(tenant, scope, field, id, k);
            return response.of(toProto(similar.neighbors()), similar.generation());
        }));
    }

    @Override
    @Blocking
    public void getSimilarity(GetSimilarityRequest request, StreamObserver<GetSimilarityResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            boolean users = entity(request.getEntityValue());
            String a = Ids.require("a", request.getA());
            String b = Ids.require("b", request.getB());
            Metric metric = metric(request.getMetricValue(), "metric");
            double shrinkage = shrinkage(request.getShrinkage());
            boolean binary = binary(request.getBinary(), metric);
            PairSimilarity.Score score = serve.similarity(tenant, users, a, b, metric, shrinkage, binary);
            return GetSimilarityResponse.newBuilder().setScore(score.score()).setSupport(score.support()).build();
        });
    }

    @Override
    @Blocking
    public void getNeighborsStatus(GetNeighborsStatusRequest request, StreamObserver<GetNeighborsStatusResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            GetNeighborsStatusResponse.Builder response = GetNeighborsStatusResponse.newBuilder();
            for (ServeService.Status s : serve.status(tenant)) {
                NeighborsStatus.Builder b = NeighborsStatus.newBuilder()
                        .setEntity(s.scope().users() ? Entity.ENTITY_USER : Entity.ENTITY_ITEM)
                        .setMetric(toProto(s.scope().metric()))
                        .setBuilding(s.building())
                        .setEventsBehind(s.eventsBehind());
                Generation g = s.generation();
                if (g != null) {
                    b.setGeneration(g.generation()).setBuiltAt(timestamp(g.builtAtMillis())).setEntities(g.entities())
                            .setK(g.k()).setBuiltToSequence(g.builtToSequence()).setMinSupport(g.minSupport())
                            .setShrinkage(g.shrinkage()).setBinary(g.binary());
                }
                response.addStatuses(b);
            }
            return response.build();
        });
    }

    // ---- validation

    private static BuildService.Request buildRequest(BuildNeighborsRequest r) {
        boolean users = entity(r.getEntityValue());
        Metric metric = metric(r.getMetricValue(), "metric");
        int k = r.getK() == 0 ? DEFAULT_BUILD_K : r.getK();
        if (k < 1 || k > MAX_K) {
            throw ApiError.invalid("k", "must be between 1 and " + MAX_K + " (0 means " + DEFAULT_BUILD_K + "), got "
                    + r.getK());
        }
        if (r.getMinSupport() < 0) {
            throw ApiError.invalid("min_support", "must be 0 or more (0 means 1), got " + r.getMinSupport());
        }
        if (r.getThreads() < 0 || r.getThreads() > MAX_THREADS) {
            throw ApiError.invalid("threads", "must be between 0 and " + MAX_THREADS + " (0 means the configured"
                    + " default), got " + r.getThreads());
        }
        return new BuildService.Request(new Scope(users, metric), k, Math.max(1, r.getMinSupport()),
                shrinkage(r.getShrinkage()), binary(r.getBinary(), metric), r.getThreads());
    }

    private static boolean entity(int value) {
        if (value == Entity.ENTITY_ITEM_VALUE) {
            return false;
        }
        if (value == Entity.ENTITY_USER_VALUE) {
            return true;
        }
        throw ApiError.invalid("entity", "must be ENTITY_ITEM or ENTITY_USER, got " + value);
    }

    private static Metric metric(int value, String field) {
        return switch (value) {
            case dev.persona.api.v1.Metric.METRIC_UNSPECIFIED_VALUE, dev.persona.api.v1.Metric.METRIC_COSINE_VALUE ->
                    Metric.COSINE;
            case dev.persona.api.v1.Metric.METRIC_ADJUSTED_COSINE_VALUE -> Metric.ADJUSTED_COSINE;
            case dev.persona.api.v1.Metric.METRIC_PEARSON_VALUE -> Metric.PEARSON;
            case dev.persona.api.v1.Metric.METRIC_JACCARD_VALUE -> Metric.JACCARD;
            default -> throw ApiError.invalid(field, "unknown metric " + value);
        };
    }

    private static double shrinkage(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw ApiError.invalid("shrinkage", "must be a finite number, 0 or more (0 means none), got " + value);
        }
        return value;
    }

    private static boolean binary(boolean binary, Metric metric) {
        if (binary && metric != Metric.COSINE && metric != Metric.JACCARD) {
            throw ApiError.invalid("binary", "only METRIC_COSINE and METRIC_JACCARD can be binary; "
                    + metric.name() + " centres ratings, which binary data does not have");
        }
        return binary;
    }

    private static int queryK(int k) {
        if (k == 0) {
            return DEFAULT_QUERY_K;
        }
        if (k < 1 || k > MAX_K) {
            throw ApiError.invalid("k", "must be between 1 and " + MAX_K + " (0 means " + DEFAULT_QUERY_K + "), got "
                    + k);
        }
        return k;
    }

    // ---- translation

    private static dev.persona.api.v1.Metric toProto(Metric metric) {
        return switch (metric) {
            case COSINE -> dev.persona.api.v1.Metric.METRIC_COSINE;
            case ADJUSTED_COSINE -> dev.persona.api.v1.Metric.METRIC_ADJUSTED_COSINE;
            case PEARSON -> dev.persona.api.v1.Metric.METRIC_PEARSON;
            case JACCARD -> dev.persona.api.v1.Metric.METRIC_JACCARD;
        };
    }

    private static List<dev.persona.api.v1.Neighbor> toProto(List<Neighbor> neighbors) {
        return neighbors.stream().map(n -> dev.persona.api.v1.Neighbor.newBuilder().setId(n.id()).setScore(n.score())
                .setSupport(n.support()).build()).toList();
    }

    private static Timestamp timestamp(long millis) {
        return Timestamp.newBuilder().setSeconds(Math.floorDiv(millis, 1000))
                .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000).build();
    }
}
