package dev.persona.profile.grpc;

import dev.persona.api.v1.AccessLogEntry;
import dev.persona.api.v1.CreateTenantRequest;
import dev.persona.api.v1.CreateTenantResponse;
import dev.persona.api.v1.DeleteUserRequest;
import dev.persona.api.v1.DeleteUserResponse;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.ExportItemsRequest;
import dev.persona.api.v1.ExportItemsResponse;
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
import dev.persona.api.v1.ListAccessLogRequest;
import dev.persona.api.v1.ListAccessLogResponse;
import dev.persona.api.v1.ListTenantsRequest;
import dev.persona.api.v1.ListTenantsResponse;
import dev.persona.api.v1.ListUserEventsRequest;
import dev.persona.api.v1.ListUserEventsResponse;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.PutItemRequest;
import dev.persona.api.v1.PutItemResponse;
import dev.persona.api.v1.PutUserRequest;
import dev.persona.api.v1.PutUserResponse;
import dev.persona.api.v1.RecordEventRequest;
import dev.persona.api.v1.RecordEventResponse;
import dev.persona.api.v1.RecordEventsRequest;
import dev.persona.api.v1.RecordEventsResponse;
import dev.persona.common.error.ApiError;
import dev.persona.common.grpc.AccessInterceptor;
import dev.persona.common.grpc.GrpcCalls;
import dev.persona.common.grpc.Tenant;
import dev.persona.common.security.Caller;
import dev.persona.common.validation.Ids;
import dev.persona.profile.service.ErasureService;
import dev.persona.profile.service.IngestService;
import dev.persona.profile.service.ReadService;
import dev.persona.profile.service.TenantService;
import dev.persona.profile.store.AccessLogSql;
import dev.persona.profile.store.EventEntity;
import dev.persona.profile.store.ItemRecord;
import dev.persona.profile.store.TenantSql;
import dev.persona.profile.store.UserRecord;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * The ProfileService RPCs: translation between protobuf and the services, nothing else. Written against the
 * plain grpc-java API so that streams get real flow control (see {@link Calls}). Unary calls and server streams
 * run on worker threads; client streams are received on the transport thread and committed on a worker.
 */
@GrpcService
public class ProfileGrpcService extends ProfileServiceGrpc.ProfileServiceImplBase {

    private static final int STREAM_CHUNK = 1000;
    private static final int MAX_TENANT_NAME = 200;
    /** Messages of a client stream requested ahead of the import: two commit batches, bounded memory. */
    private static final int CLIENT_WINDOW = 10_000;

    @Inject
    InputValidator validator;

    @Inject
    IngestService ingest;

    @Inject
    ReadService reads;

    @Inject
    ExportStreams exports;

    @Inject
    AccessLogSql accessLog;

    @Inject
    ErasureService erasure;

    @Inject
    TenantService tenants;

    @Override
    @Blocking
    public void putUser(PutUserRequest request, StreamObserver<PutUserResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            requirePresent(request.hasUser(), "user");
            UserRecord user = validator.user("user.", request.getUser());
            boolean created = ingest.putUser(tenant, user);
            return PutUserResponse.newBuilder().setUser(ProtoMapper.user(reads.user(tenant, user.userId())))
                    .setCreated(created).build();
        });
    }

    @Override
    @Blocking
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> GetUserResponse.newBuilder()
                .setUser(ProtoMapper.user(reads.user(tenant, Ids.require("user_id", request.getUserId())))).build());
    }

    @Override
    @Blocking
    public void putItem(PutItemRequest request, StreamObserver<PutItemResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            requirePresent(request.hasItem(), "item");
            ItemRecord item = validator.item("item.", request.getItem());
            boolean created = ingest.putItem(tenant, item);
            return PutItemResponse.newBuilder().setItem(ProtoMapper.item(reads.item(tenant, item.itemId())))
                    .setCreated(created).build();
        });
    }

    @Override
    @Blocking
    public void getItem(GetItemRequest request, StreamObserver<GetItemResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> GetItemResponse.newBuilder()
                .setItem(ProtoMapper.item(reads.item(tenant, Ids.require("item_id", request.getItemId())))).build());
    }

    @Override
    public StreamObserver<ImportUsersRequest> importUsers(StreamObserver<ImportUsersResponse> out) {
        return Calls.clientStream(out, STREAM_CHUNK, CLIENT_WINDOW, Calls.importing(ingest.userImport(Tenant.current()),
                (ImportUsersRequest r) -> validator.user("user.", r.getUser()),
                s -> ImportUsersResponse.newBuilder().setSummary(ProtoMapper.summary(s)).build()));
    }

    @Override
    public StreamObserver<ImportItemsRequest> importItems(StreamObserver<ImportItemsResponse> out) {
        return Calls.clientStream(out, STREAM_CHUNK, CLIENT_WINDOW, Calls.importing(ingest.itemImport(Tenant.current()),
                (ImportItemsRequest r) -> validator.item("item.", r.getItem()),
                s -> ImportItemsResponse.newBuilder().setSummary(ProtoMapper.summary(s)).build()));
    }

    @Override
    public StreamObserver<RecordEventsRequest> recordEvents(StreamObserver<RecordEventsResponse> out) {
        return Calls.clientStream(out, STREAM_CHUNK, CLIENT_WINDOW, Calls.importing(ingest.eventImport(Tenant.current()),
                (RecordEventsRequest r) -> validator.event("event.", r.getEvent()),
                s -> RecordEventsResponse.newBuilder().setSummary(ProtoMapper.summary(s)).build()));
    }

    @Override
    @Blocking
    public void recordEvent(RecordEventRequest request, StreamObserver<RecordEventResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            requirePresent(request.hasEvent(), "event");
            IngestService.RecordResult r = ingest.record(tenant, validator.event("event.", request.getEvent()));
            return RecordEventResponse.newBuilder().setDuplicate(r.duplicate()).setSequence(r.sequence()).build();
        });
    }

    @Override
    @Blocking
    public void getProfile(GetProfileRequest request, StreamObserver<GetProfileResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            String userId = Ids.require("user_id", request.getUserId());
            long asOf;
            if (request.hasAsOf()) {
                if (request.getAsOf().getSeconds() < 0 || request.getAsOf().getNanos() < 0) {
                    throw ApiError.invalid("as_of", "is before 1970-01-01");
                }
                asOf = request.getAsOf().getSeconds() * 1_000_000L + request.getAsOf().getNanos() / 1000;
            } else {
                asOf = ProtoMapper.micros(Instant.now());
            }
            ReadService.UserProfile p = reads.profile(tenant, userId, asOf);
            return GetProfileResponse.newBuilder().setProfile(ProtoMapper.profile(userId, p.attributes(), p.consent(), p.profile(), asOf)).build();
        });
    }

    @Override
    @Blocking
    public void listUserEvents(ListUserEventsRequest request, StreamObserver<ListUserEventsResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
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
            return b.build();
        });
    }

    @Override
    @Blocking
    public void deleteUser(DeleteUserRequest request, StreamObserver<DeleteUserResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> DeleteUserResponse.newBuilder()
                .setEventsDeleted(erasure.delete(tenant, Ids.require("user_id", request.getUserId()))).build());
    }

    @Override
    @Blocking
    public void exportUserData(ExportUserDataRequest request, StreamObserver<ExportUserDataResponse> out) {
        String tenant = Tenant.current();
        Calls.serverStream(out, () -> exports.userData(tenant, Ids.require("user_id", request.getUserId()), STREAM_CHUNK));
    }

    @Override
    @Blocking
    public void exportInteractions(ExportInteractionsRequest request, StreamObserver<ExportInteractionsResponse> out) {
        String tenant = Tenant.current();
        Calls.serverStream(out, () -> {
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
        });
    }

    @Override
    @Blocking
    public void exportUsers(ExportUsersRequest request, StreamObserver<ExportUsersResponse> out) {
        String tenant = Tenant.current();
        Calls.serverStream(out, () -> exports.users(tenant, pageSize("batch_size", request.getBatchSize(), 1000, 10_000)));
    }

    @Override
    @Blocking
    public void exportItems(ExportItemsRequest request, StreamObserver<ExportItemsResponse> out) {
        String tenant = Tenant.current();
        Calls.serverStream(out, () -> exports.items(tenant, pageSize("batch_size", request.getBatchSize(), 1000, 10_000)));
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

    @Override
    @Blocking
    public void listAccessLog(ListAccessLogRequest request, StreamObserver<ListAccessLogResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            if (!request.getUserId().isEmpty()) {
                Ids.require("user_id", request.getUserId());
            }
            int size = pageSize("page_size", request.getPageSize(), 100, 1000);
            Instant since = request.hasSince() ? ProtoMapper.toInstant(Ids.micros("since", request.getSince())) : null;
            Instant until = request.hasUntil() ? ProtoMapper.toInstant(Ids.micros("until", request.getUntil())) : null;
            Instant beforeAt = null;
            long beforeId = 0;
            if (!request.getPageToken().isEmpty()) {
                long[] cursor = decodeToken(request.getPageToken(), "ListAccessLog");
                beforeAt = ProtoMapper.toInstant(cursor[0]);
                beforeId = cursor[1];
            }
            List<AccessLogSql.Row> page = accessLog.page(tenant,
                    new AccessLogSql.Filter(request.getUserId(), request.getSubject(), since, until),
                    beforeAt, beforeId, size + 1);
            ListAccessLogResponse.Builder b = ListAccessLogResponse.newBuilder();
            for (int i = 0; i < Math.min(size, page.size()); i++) {
                AccessLogSql.Row r = page.get(i);
                b.addEntries(AccessLogEntry.newBuilder().setAt(ProtoMapper.timestamp(r.at())).setService(r.service())
                        .setSubject(r.subject()).addAllRoles(r.roles()).setRpc(r.rpc()).setUserId(r.userId())
                        .setOutcome(r.outcome()));
            }
            if (page.size() > size) {
                AccessLogSql.Row last = page.get(size - 1);
                b.setNextPageToken(encodeToken(ProtoMapper.micros(last.at()), last.id()));
            }
            return b.build();
        });
    }

    @Override
    @Blocking
    public void createTenant(CreateTenantRequest request, StreamObserver<CreateTenantResponse> out) {
        Caller caller = AccessInterceptor.caller();
        GrpcCalls.unary(out, () -> {
            String id = Ids.require("tenant_id", request.getTenantId());
            String name = Ids.checkText("display_name", request.getDisplayName(), MAX_TENANT_NAME);
            if (!caller.mayUse(id)) {
                throw ApiError.permissionDenied("tenant_id: the token does not grant the tenant " + id);
            }
            TenantService.Registration r = tenants.create(id, name, caller.subject());
            return CreateTenantResponse.newBuilder().setTenant(ProtoMapper.tenant(r.tenant())).setCreated(r.created())
                    .build();
        });
    }

    @Override
    @Blocking
    public void listTenants(ListTenantsRequest request, StreamObserver<ListTenantsResponse> out) {
        Caller caller = AccessInterceptor.caller();
        GrpcCalls.unary(out, () -> {
            int size = pageSize("page_size", request.getPageSize(), 100, 1000);
            String after = "";
            if (!request.getPageToken().isEmpty()) {
                try {
                    after = Ids.require("page_token", new String(Base64.getUrlDecoder().decode(request.getPageToken()),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw ApiError.invalid("page_token", "is not a token returned by ListTenants");
                }
            }
            List<TenantSql.Row> page = tenants.page(after, caller.allTenants() ? null : caller.tenants(), size + 1);
            ListTenantsResponse.Builder b = ListTenantsResponse.newBuilder();
            for (int i = 0; i < Math.min(size, page.size()); i++) {
                b.addTenants(ProtoMapper.tenant(page.get(i)));
            }
            if (page.size() > size) {
                b.setNextPageToken(Base64.getUrlEncoder().withoutPadding().encodeToString(
                        page.get(size - 1).tenantId().getBytes(StandardCharsets.UTF_8)));
            }
            return b.build();
        });
    }

    static String encodeToken(long micros, long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    static long[] decodeToken(String token) {
        return decodeToken(token, "ListUserEvents");
    }

    static long[] decodeToken(String token, String rpc) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("two parts expected");
            }
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("page_token", "is not a token returned by " + rpc);
        }
    }
}
