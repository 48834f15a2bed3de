package dev.persona.segment.grpc;

import dev.persona.api.v1.AssignSegmentRequest;
import dev.persona.api.v1.AssignSegmentResponse;
import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.BuildSegmentationResponse;
import dev.persona.api.v1.GetSegmentationRequest;
import dev.persona.api.v1.GetSegmentationResponse;
import dev.persona.api.v1.ListSegmentMembersRequest;
import dev.persona.api.v1.ListSegmentMembersResponse;
import dev.persona.api.v1.ListSegmentationsRequest;
import dev.persona.api.v1.ListSegmentationsResponse;
import dev.persona.api.v1.PredictOutcomeRequest;
import dev.persona.api.v1.PredictOutcomeResponse;
import dev.persona.api.v1.Progress;
import dev.persona.api.v1.SegmentServiceGrpc.SegmentServiceImplBase;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.SelectAudienceResponse;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.common.error.ApiError;
import dev.persona.common.grpc.GrpcCalls;
import dev.persona.common.grpc.ProgressStream;
import dev.persona.common.grpc.Tenant;
import dev.persona.common.validation.Ids;
import dev.persona.segment.features.FeatureScaler.Scaling;
import dev.persona.segment.features.FeatureSpec;
import dev.persona.segment.grouping.GroupingParams;
import dev.persona.segment.grouping.GroupingParams.Method;
import dev.persona.segment.predictor.Predictors;
import dev.persona.segment.segmentation.SegmentationStore;
import dev.persona.segment.segmentation.Segmentations;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SegmentService RPCs: validation of the requests against the contract and translation, nothing else. Every
 * RPC runs on a worker thread (each reads ProfileService, PostgreSQL or Redis). Build progress is sent at most a
 * few times per second per phase.
 */
@GrpcService
public class SegmentServiceGrpc extends SegmentServiceImplBase {


    @Inject
    Segmentations segmentations;

    @Inject
    Predictors predictors;

    @ConfigProperty(name = "persona.segment.threads")
    int threads;

    @ConfigProperty(name = "persona.segment.mini-batch-above")
    int miniBatchAbove;

    @ConfigProperty(name = "persona.segment.ward-exact-max")
    int wardExactMax;

    @Override
    @Blocking
    public void buildSegmentation(BuildSegmentationRequest request, StreamObserver<BuildSegmentationResponse> out) {
        String tenant = Tenant.current();
        ProgressStream<BuildSegmentationResponse> stream = new ProgressStream<>(out,
                p -> BuildSegmentationResponse.newBuilder().setProgress(p).build());
        stream.run(() -> {
            Segmentations.BuildRequest build = buildRequest(request);
            var segmentation = segmentations.build(tenant, build, (phase, done, total, loss) ->
                    stream.progress(Progress.newBuilder().setPhase(phase).setDone(done).setTotal(total).setLoss(loss)));
            return BuildSegmentationResponse.newBuilder().setSegmentation(segmentation).build();
        });
    }

    Segmentations.BuildRequest buildRequest(BuildSegmentationRequest r) {
        Method method = switch (r.getAlgorithm()) {
            case ALGORITHM_UNSPECIFIED, ALGORITHM_KMEANS -> Method.KMEANS;
            case ALGORITHM_HIERARCHICAL -> Method.HIERARCHICAL;
            case ALGORITHM_RFM_SCORES -> Method.RFM_SCORES;
            default -> throw ApiError.invalid("algorithm", "unknown algorithm " + r.getAlgorithmValue()
                    + "; use KMEANS, HIERARCHICAL or RFM_SCORES");
        };
        Scaling scaling = switch (r.getScaling()) {
            case FEATURE_SCALING_UNSPECIFIED, FEATURE_SCALING_LOG1P_ZSCORE -> Scaling.LOG1P_ZSCORE;
            case FEATURE_SCALING_ZSCORE -> Scaling.ZSCORE;
            case FEATURE_SCALING_NONE -> Scaling.NONE;
            default -> throw ApiError.invalid("scaling", "unknown scaling " + r.getScalingValue()
                    + "; use LOG1P_ZSCORE, ZSCORE or NONE");
        };
        boolean rfm = method == Method.RFM_SCORES;
        int k = rfm ? 0 : Ids.range("k", r.getK(), 0, 100, "0 (choose k automatically) to 100");
        int kMin = r.getKMin() == 0 ? 2 : Ids.range("k_min", r.getKMin(), 2, 100, "2 to 100 (0 means 2)");
        int kMax = r.getKMax() == 0 ? Math.max(10, kMin) : r.getKMax();
        if (kMax < kMin) {
            throw ApiError.invalid("k_max", "is " + kMax + ", below k_min " + kMin + "; raise k_max or lower k_min");
        }
        Ids.range("k_max", kMax, 2, 100, "k_min to 100 (0 means 10)");
        int nInit = r.getNInit() == 0 ? 10 : Ids.range("n_init", r.getNInit(), 1, 1000, "1 to 1,000 (0 means 10)");
        int maxIterations = r.getMaxIterations() == 0 ? 300
                : Ids.range("max_iterations", r.getMaxIterations(), 1, 10_000, "1 to 10,000 (0 means 300)");
        FeatureSpec features;
        try {
            features = FeatureSpec.parse(r.getFeaturesList());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("features", e.getMessage());
        }
        Long asOf = r.hasAsOf() ? Ids.millis("as_of", r.getAsOf()) : null;
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        GroupingParams params = new GroupingParams(method, k, kMin, kMax, r.getSeed(), nInit, maxIterations, workers,
                miniBatchAbove, wardExactMax);
        return new Segmentations.BuildRequest(params, features, scaling, asOf);
    }

    @Override
    @Blocking
    public void getSegmentation(GetSegmentationRequest request, StreamObserver<GetSegmentationResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> GetSegmentationResponse.newBuilder().setSegmentation(segmentations.get(tenant,
                Ids.require("segmentation_id", request.getSegmentationId()))).build());
    }

    @Override
    @Blocking
    public void listSegmentations(ListSegmentationsRequest request, StreamObserver<ListSegmentationsResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            int size = request.getPageSize() == 0 ? 100
                    : Ids.range("page_size", request.getPageSize(), 1, 1000, "1 to 1,000 (0 means 100)");
            SegmentationStore.Page page = segmentations.list(tenant, size, request.getPageToken());
            return ListSegmentationsResponse.newBuilder().addAllSegmentations(page.segmentations())
                    .setNextPageToken(page.nextToken()).build();
        });
    }

    @Override
    @Blocking
    public void assignSegment(AssignSegmentRequest request, StreamObserver<AssignSegmentResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> segmentations.assign(tenant,
                Ids.require("segmentation_id", request.getSegmentationId()),
                Ids.require("user_id", request.getUserId())));
    }

    @Override
    @Blocking
    public void listSegmentMembers(ListSegmentMembersRequest request,
                                   StreamObserver<ListSegmentMembersResponse> out) {
        String tenant = Tenant.current();
        ProgressStream<ListSegmentMembersResponse> stream = new ProgressStream<>(out);
        stream.run(() -> {
            String segmentation = Ids.require("segmentation_id", request.getSegmentationId());
            String segment = Ids.require("segment_id", request.getSegmentId());
            int batch = request.getBatchSize() == 0 ? 10_000
                    : Ids.range("batch_size", request.getBatchSize(), 1, 100_000, "1 to 100,000 (0 means 10,000)");
            List<String> ids = new ArrayList<>(Math.min(batch, 10_000));
            segmentations.members(tenant, segmentation, segment, (user, s) -> {
                ids.add(user);
                if (ids.size() == batch) {
                    stream.next(ListSegmentMembersResponse.newBuilder().addAllUserIds(ids).build());
                    ids.clear();
                }
            });
            if (!ids.isEmpty()) {
                stream.next(ListSegmentMembersResponse.newBuilder().addAllUserIds(ids).build());
            }
            return null;
        });
    }

    @Override
    @Blocking
    public void trainPredictor(TrainPredictorRequest request, StreamObserver<TrainPredictorResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> predictors.train(tenant, request));
    }

    @Override
    @Blocking
    public void predictOutcome(PredictOutcomeRequest request, StreamObserver<PredictOutcomeResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> predictors.predict(tenant, request));
    }

    @Override
    @Blocking
    public void selectAudience(SelectAudienceRequest request, StreamObserver<SelectAudienceResponse> out) {
        String tenant = Tenant.current();
        ProgressStream<SelectAudienceResponse> stream = new ProgressStream<>(out);
        stream.run(() -> {
            predictors.selectAudience(tenant, request, stream::next);
            return null;
        });
    }
}
