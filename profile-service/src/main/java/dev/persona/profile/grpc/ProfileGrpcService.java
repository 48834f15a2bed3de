package dev.persona.profile.grpc;

import dev.persona.api.v1.DeleteUserRequest;
import dev.persona.api.v1.DeleteUserResponse;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.ExportUserDataRequest;
import dev.persona.api.v1.ExportUserDataResponse;
import dev.persona.api.v1.ExportUsersRequest;
import dev.persona.api.v1.ExportUsersResponse;
import dev.persona.api.v1.GetItemRequest;
import dev.persona.api.v1.GetItemResponse;
import dev.persona.api.v1.GetProfileRequest;
import dev.persona.api.v1.GetProfileResponse;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.GetUserResponse;
import dev.persona.api.v1.ImportItemsRequest;
import dev.persona.api.v1.ImportItemsResponse;
import dev.persona.api.v1.ImportUsersRequest;
import dev.persona.api.v1.ImportUsersResponse;
import dev.persona.api.v1.ListUserEventsRequest;
import dev.persona.api.v1.ListUserEventsResponse;
import dev.persona.api.v1.MutinyProfileServiceGrpc;
import dev.persona.api.v1.PutItemRequest;
import dev.persona.api.v1.PutItemResponse;
import dev.persona.api.v1.PutUserRequest;
import dev.persona.api.v1.PutUserResponse;
import dev.persona.api.v1.RecordEventRequest;
import dev.persona.api.v1.RecordEventResponse;
import dev.persona.api.v1.RecordEventsRequest;
import dev.persona.api.v1.RecordEventsResponse;
import dev.persona.common.error.ApiError;
import dev.persona.common.grpc.Tenant;
import dev.persona.common.validation.Ids;
import dev.persona.profile.model.ItemRecord;
import dev.persona.profile.repository.EventEntity;
import dev.persona.profile.repository.UserEntity;
import dev.persona.profile.service.BatchImport;
import dev.persona.profile.service.ErasureService;
import dev.persona.profile.service.IngestService;
import dev.persona.profile.service.ReadService;
import dev.persona.profile.validation.InputValidator;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** The ProfileService RPCs: translation between protobuf and the services, nothing else. */
@GrpcService
public class ProfileGrpcService extends MutinyProfileServiceGrpc.ProfileServiceImplBase {

    private static final int STREAM_CHUNK = 1000;

    @Inject
    InputValidator validator;

    @Inject
    IngestService ingest;

    @Inject
    ReadService reads;

    @Inject
    ExportStreams exports;

    @Inject
    ErasureService erasure;

    @Override
    @Blocking
    public Uni<PutUserResponse> putUser(PutUserRequest request) {
        String tenant = Tenant.current();
        requirePresent(request.hasUser(), "user");
        IngestService.PutUserResult r = ingest.putUser(tenant, validator.user("user.", request.getUser()));
        return Uni.createFrom().item(PutUserResponse.newBuilder()
                .setUser(ProtoMapper.user(reads.user(tenant, r.user().userId())))
                .setCreated(r.created()).build());
    }

    @Override
    @Blocking
    public Uni<GetUserResponse> getUser(GetUserRequest request) {
        String tenant = Tenant.current();
        UserEntity user = reads.user(tenant, Ids.require("user_id", request.getUserId()));
        return Uni.createFrom().item(GetUserResponse.newBuilder().setUser(ProtoMapper.user(user)).build());
    }

    @Override
    @Blocking
    public Uni<PutItemResponse> putItem(PutItemRequest request) {
        String tenant = Tenant.current();
        requirePresent(request.hasItem(), "item");
        ItemRecord item = validator.item("item.", request.getItem());
        boolean created = ingest.putItem(tenant, item);
        return Uni.createFrom().item(PutItemResponse.newBuilder()
                .setItem(ProtoMapper.item(reads.item(tenant, item.itemId()))).setCreated(created).build());
    }

    @Override
    @Blocking
    public Uni<GetItemResponse> getItem(GetItemRequest request) {
        String tenant = Tenant.current();
        return Uni.createFrom().item(GetItemResponse.newBuilder()
                .setItem(ProtoMapper.item(reads.item(tenant, Ids.require("item_id", request.getItemId())))).build());
    }

    @Override
    public Uni<ImportUsersResponse> importUsers(Multi<ImportUsersRequest> requests) {
        String tenant = Tenant.current();
        return importStream(requests, ingest.userImport(tenant), r -> validator.user("user.", r.getUser()))
                .map(s -> ImportUsersResponse.newBuilder().setSummary(s).build());
    }

    @Override
    public Uni<ImportItemsResponse> importItems(Multi<ImportItemsRequest> requests) {
        String tenant = Tenant.current();
        return importStream(requests, ingest.itemImport(tenant), r -> validator.item("item.", r.getItem()))
                .map(s -> ImportItemsResponse.newBuilder().setSummary(s).build());
    }

    @Override
    public Uni<RecordEventsResponse> recordEvents(Multi<RecordEventsRequest> requests) {
        String tenant = Tenant.current();
        return importStream(requests, ingest.eventImport(tenant), r -> validator.event("event.", r.getEvent()))
                .map(s -> RecordEventsResponse.newBuilder().setSummary(s).build());
    }

    /**
     * Feeds a client stream into an import in chunks, validating and committing on a worker thread (never on
     * the event loop), and answers once the last batch is committed.
     */
    private <M, R> Uni<dev.persona.api.v1.ImportSummary> importStream(Multi<M> requests, BatchImport<R> session,
            Function<M, R> validate) {
        return requests
                .group().intoLists().of(STREAM_CHUNK)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(chunk -> chunk.forEach(m -> session.offer(() -> validate.apply(m))))
                .collect().last()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(ignored -> ProtoMapper.summary(session.finish()));
    }

    @Override
    @Blocking
    public Uni<RecordEventResponse> recordEvent(RecordEventRequest request) {
        String tenant = Tenant.current();
        requirePresent(request.hasEvent(), "event");
        IngestService.RecordResult r = ingest.record(tenant, validator.event("event.", request.getEvent()));
        return Uni.createFrom().item(RecordEventResponse.newBuilder()
                .setDuplicate(r.duplicate()).setSequence(r.sequence()).build());
    }

    @Override
    @Blocking
    public Uni<GetProfileResponse> getProfile(GetProfileRequest request) {
        String tenant = Tenant.current();
        String userId = Ids.require("user_id", request.getUserId());
        long asOf;
        if (request.hasAsOf()) {
            if (request.getAsOf().getSeconds() < 0 || request.getAsOf().getNanos() < 0) {
                throw ApiError.invalid("as_of", "is before 1970-01-01");
            }
            asOf = request.getAsOf().getSeconds() * 1_000_000L + request.getAsOf().getNanos() / 1000;
        } else {
            Instant now = Instant.now();
            asOf = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        }
        ReadService.UserProfile p = reads.profile(tenant, userId, asOf);
        return Uni.createFrom().item(GetProfileResponse.newBuilder()
                .setProfile(ProtoMapper.profile(p.user(), p.profile(), asOf)).build());
    }

    @Override
    @Blocking
    public Uni<ListUserEventsResponse> listUserEvents(ListUserEventsRequest request) {
        String tenant = Tenant.current();
        String userId = Ids.require("user_id", request.getUserId());
        int size = pageSize("page_size", request.getPageSize(), 100, 1000);
        OffsetDateTime beforeTime = null;
        long beforeSeq = 0;
        if (!request.getPageToken().isEmpty()) {
            long[] cursor = decodeToken(request.getPageToken());
            beforeTime = OffsetDateTime.ofInstant(ProtoMapper.toInstant(cursor[0]), ZoneOffset.UTC);
            beforeSeq = cursor[1];
        }
        List<EventEntity> page = reads.eventPage(tenant, userId, beforeTime, beforeSeq, size + 1);
        ListUserEventsResponse.Builder b = ListUserEventsResponse.newBuilder();
        for (int i = 0; i < Math.min(size, page.size()); i++) {
            b.addEvents(ProtoMapper.event(page.get(i)));
        }
        if (page.size() > size) {
            EventEntity last = page.get(size - 1);
            b.setNextPageToken(encodeToken(ProtoMapper.micros(last.occurredAt), last.seq));
        }
        return Uni.createFrom().item(b.build());
    }

    @Override
    @Blocking
    public Uni<DeleteUserResponse> deleteUser(DeleteUserRequest request) {
        String tenant = Tenant.current();
        long deleted = erasure.delete(tenant, Ids.require("user_id", request.getUserId()));
        return Uni.createFrom().item(DeleteUserResponse.newBuilder().setEventsDeleted(deleted).build());
    }

    @Override
    public Multi<ExportUserDataResponse> exportUserData(ExportUserDataRequest request) {
        String tenant = Tenant.current();
        String userId = Ids.require("user_id", request.getUserId());
        return exports.userData(tenant, userId, STREAM_CHUNK);
    }

    @Override
    public Multi<ExportInteractionsResponse> exportInteractions(ExportInteractionsRequest request) {
        String tenant = Tenant.current();
        if (request.getAfterSequence() < 0) {
            throw ApiError.invalid("after_sequence", "must not be negative");
        }
        int size = pageSize("batch_size", request.getBatchSize(), 10_000, 50_000);
        short[] types = new short[request.getTypesCount()];
        for (int i = 0; i < types.length; i++) {
            int t = request.getTypesValue(i);
            if (t <= 0 || EventType.forNumber(t) == null) {
                throw ApiError.invalid("types[" + i + "]", "unknown or unspecified event type " + t);
            }
            types[i] = (short) t;
        }
        return exports.interactions(tenant, request.getAfterSequence(), types, size);
    }

    @Override
    public Multi<ExportUsersResponse> exportUsers(ExportUsersRequest request) {
        String tenant = Tenant.current();
        int size = pageSize("batch_size", request.getBatchSize(), 1000, 10_000);
        return exports.users(tenant, size);
    }

    private static void requirePresent(boolean present, String field) {
        if (!present) {
            throw ApiError.invalid(field, "is required");
        }
    }

    private static int pageSize(String field, int requested, int dflt, int max) {
        if (requested < 0 || requested > max) {
            throw ApiError.invalid(field, "must be between 1 and " + max + " (0 for " + dflt + "), got " + requested);
        }
        return requested == 0 ? dflt : requested;
    }

    static String encodeToken(long micros, long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    static long[] decodeToken(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("two parts expected");
            }
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("page_token", "is not a token returned by ListUserEvents");
        }
    }
}
