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
import dev.persona.api.v1.SegmentServiceGrpc.SegmentServiceImplBase;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.SelectAudienceResponse;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.common.grpc.GrpcCalls;
import dev.persona.common.grpc.ProgressStream;
import dev.persona.common.grpc.Tenant;
import dev.persona.common.validation.Ids;
import dev.persona.segment.config.SegmentConfig;
import dev.persona.segment.service.Audiences;
import dev.persona.segment.service.PredictorTraining;
import dev.persona.segment.service.Predictions;
import dev.persona.segment.service.Segmentations;
import dev.persona.segment.store.SegmentationStore;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The SegmentService RPCs: validation of the requests against the contract ({@link SegmentationRequests},
 * {@link PredictorRequests}) and translation, nothing else. Every RPC runs on a worker thread (each reads
 * ProfileService, PostgreSQL or Redis). Build progress is sent at most a few times per second per phase.
 */
@GrpcService
public class SegmentServiceGrpc extends SegmentServiceImplBase {

    @Inject
    Segmentations segmentations;

    @Inject
    PredictorTraining training;

    @Inject
    Predictions predictions;

    @Inject
    Audiences audiences;

    @Inject
    SegmentConfig config;

    @Override
    @Blocking
    public void buildSegmentation(BuildSegmentationRequest request, StreamObserver<BuildSegmentationResponse> out) {
        String tenant = Tenant.current();
        ProgressStream<BuildSegmentationResponse> stream = new ProgressStream<>(out,
                p -> BuildSegmentationResponse.newBuilder().setProgress(p).build());
        stream.run(() -> {
            Segmentations.BuildRequest build = SegmentationRequests.build(request, config);
            var segmentation = segmentations.build(tenant, build, stream::progress);
            return BuildSegmentationResponse.newBuilder().setSegmentation(segmentation).build();
        });
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
        GrpcCalls.unary(out, () -> training.train(tenant, PredictorRequests.training(request)));
    }

    @Override
    @Blocking
    public void predictOutcome(PredictOutcomeRequest request, StreamObserver<PredictOutcomeResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> predictions.predict(tenant, Ids.require("model_id", request.getModelId()),
                Ids.require("user_id", request.getUserId()),
                request.hasAsOf() ? Ids.millis("as_of", request.getAsOf()) : null));
    }

    @Override
    @Blocking
    public void selectAudience(SelectAudienceRequest request, StreamObserver<SelectAudienceResponse> out) {
        String tenant = Tenant.current();
        ProgressStream<SelectAudienceResponse> stream = new ProgressStream<>(out);
        stream.run(() -> {
            audiences.select(tenant, PredictorRequests.audience(request), stream::next);
            return null;
        });
    }
}
