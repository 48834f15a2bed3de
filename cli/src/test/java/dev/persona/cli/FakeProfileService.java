package dev.persona.cli;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.AccessLogEntry;
import dev.persona.api.v1.CreateTenantRequest;
import dev.persona.api.v1.CreateTenantResponse;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.GetProfileRequest;
import dev.persona.api.v1.GetProfileResponse;
import dev.persona.api.v1.ImportItemsRequest;
import dev.persona.api.v1.ImportItemsResponse;
import dev.persona.api.v1.ImportSummary;
import dev.persona.api.v1.ImportUsersRequest;
import dev.persona.api.v1.ImportUsersResponse;
import dev.persona.api.v1.Interaction;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.ListAccessLogRequest;
import dev.persona.api.v1.ListAccessLogResponse;
import dev.persona.api.v1.ListTenantsRequest;
import dev.persona.api.v1.ListTenantsResponse;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.RecordEventRequest;
import dev.persona.api.v1.RecordEventResponse;
import dev.persona.api.v1.RecordEventsRequest;
import dev.persona.api.v1.RecordEventsResponse;
import dev.persona.api.v1.Rejection;
import dev.persona.api.v1.Tenant;
import dev.persona.api.v1.User;
import dev.persona.api.v1.UserProfile;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory ProfileService for the command tests: users, items and events per tenant (the x-tenant-id header),
 * with RecordEvents deduplicating by event id and rejecting ratings outside 0.5..5 as the real service does.
 */
public final class FakeProfileService extends ProfileServiceGrpc.ProfileServiceImplBase {

    static final Context.Key<String> TENANT = Context.key("tenant");
    private static final Metadata.Key<String> TENANT_HEADER =
            Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final int EXPORT_BATCH = 2;

    private final Map<String, Map<String, User>> users = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Item>> items = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Event>> events = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Tenant> registered = new ConcurrentHashMap<>();
    private final List<GetProfileRequest> profileRequests = Collections.synchronizedList(new ArrayList<>());
    volatile long profileDelayMillis;

    /** Puts the tenant header (default "default") in the call's context. */
    public static ServerInterceptor tenantInterceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                String tenant = headers.get(TENANT_HEADER);
                return Contexts.interceptCall(Context.current().withValue(TENANT, tenant == null ? "default" : tenant),
                        call, headers, next);
            }
        };
    }

    public Map<String, User> users(String tenant) {
        return users.getOrDefault(tenant, Map.of());
    }

    public Map<String, Item> items(String tenant) {
        return items.getOrDefault(tenant, Map.of());
    }

    public Map<String, Event> events(String tenant) {
        return events.getOrDefault(tenant, Map.of());
    }

    /** "tenant RpcName" of every call, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public List<GetProfileRequest> profileRequests() {
        return List.copyOf(profileRequests);
    }

    public Set<String> tenants() {
        Set<String> all = new TreeSet<>(users.keySet());
        all.addAll(items.keySet());
        all.addAll(events.keySet());
        return all;
    }

    /** The tenants CreateTenant registered. */
    public Set<String> registered() {
        return new TreeSet<>(registered.keySet());
    }

    @Override
    public void createTenant(CreateTenantRequest request, StreamObserver<CreateTenantResponse> responses) {
        calls.add(request.getTenantId() + " CreateTenant");
        Tenant tenant = Tenant.newBuilder().setTenantId(request.getTenantId()).setDisplayName(request.getDisplayName())
                .build();
        boolean created = registered.putIfAbsent(request.getTenantId(), tenant) == null;
        responses.onNext(CreateTenantResponse.newBuilder().setTenant(registered.get(request.getTenantId()))
                .setCreated(created).build());
        responses.onCompleted();
    }

    @Override
    public void listTenants(ListTenantsRequest request, StreamObserver<ListTenantsResponse> responses) {
        responses.onNext(ListTenantsResponse.newBuilder().addAllTenants(new TreeMap<>(registered).values()).build());
        responses.onCompleted();
    }

    @Override
    public StreamObserver<ImportUsersRequest> importUsers(StreamObserver<ImportUsersResponse> responses) {
        return upserts("ImportUsers", users, ImportUsersRequest::getUser, User::getUserId,
                summary -> responses.onNext(ImportUsersResponse.newBuilder().setSummary(summary).build()), responses);
    }

    @Override
    public StreamObserver<ImportItemsRequest> importItems(StreamObserver<ImportItemsResponse> responses) {
        return upserts("ImportItems", items, ImportItemsRequest::getItem, Item::getItemId,
                summary -> responses.onNext(ImportItemsResponse.newBuilder().setSummary(summary).build()), responses);
    }

    @Override
    public StreamObserver<RecordEventsRequest> recordEvents(StreamObserver<RecordEventsResponse> responses) {
        String tenant = tenant("RecordEvents");
        Map<String, Event> log = events.computeIfAbsent(tenant,
                t -> Collections.synchronizedMap(new LinkedHashMap<>()));
        ImportSummary.Builder summary = ImportSummary.newBuilder();
        return new StreamObserver<>() {
            @Override
            public void onNext(RecordEventsRequest request) {
                Event event = request.getEvent();
                long index = summary.getReceived();
                summary.setReceived(index + 1);
                boolean badRating = event.getType() == EventType.EVENT_TYPE_RATING
                        && (event.getValue() < 0.5 || event.getValue() > 5);
                if (badRating) {
                    summary.setRejected(summary.getRejected() + 1).addRejections(Rejection.newBuilder()
                            .setIndex(index).setField("event.value").setReason("rating must be 0.5 to 5"));
                } else if (log.putIfAbsent(event.getEventId(), event) == null) {
                    summary.setAccepted(summary.getAccepted() + 1);
                } else {
                    summary.setDuplicates(summary.getDuplicates() + 1);
                }
            }

            @Override
            public void onError(Throwable t) {
                calls.add(tenant + " RecordEvents cancelled");
            }

            @Override
            public void onCompleted() {
                responses.onNext(RecordEventsResponse.newBuilder().setSummary(summary).build());
                responses.onCompleted();
            }
        };
    }

    @Override
    public void recordEvent(RecordEventRequest request, StreamObserver<RecordEventResponse> responses) {
        String tenant = tenant("RecordEvent");
        Map<String, Event> log = events.computeIfAbsent(tenant,
                t -> Collections.synchronizedMap(new LinkedHashMap<>()));
        boolean duplicate = log.putIfAbsent(request.getEvent().getEventId(), request.getEvent()) != null;
        responses.onNext(RecordEventResponse.newBuilder().setDuplicate(duplicate).setSequence(log.size()).build());
        responses.onCompleted();
    }

    /** Two entries per tenant, newest first, one page at a time (page_size 1 pages through them). */
    @Override
    public void listAccessLog(ListAccessLogRequest request, StreamObserver<ListAccessLogResponse> responses) {
        String tenant = tenant("ListAccessLog");
        List<AccessLogEntry> all = List.of(
                AccessLogEntry.newBuilder().setAt(Timestamp.newBuilder().setSeconds(1_000_000_200L))
                        .setService("profile-service").setSubject("support").addRoles("profile-read")
                        .setRpc("persona.v1.ProfileService/GetUser").setUserId("u1").setOutcome("OK").build(),
                AccessLogEntry.newBuilder().setAt(Timestamp.newBuilder().setSeconds(1_000_000_100L))
                        .setService("profile-service").setSubject("storefront").addRoles("recommend")
                        .setRpc("persona.v1.ProfileService/GetProfile").setUserId("u1")
                        .setOutcome("PERMISSION_DENIED").build());
        List<AccessLogEntry> matching = all.stream()
                .filter(e -> request.getSubject().isEmpty() || e.getSubject().equals(request.getSubject())).toList();
        int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
        int to = Math.min(matching.size(), from + size);
        ListAccessLogResponse.Builder page = ListAccessLogResponse.newBuilder().addAllEntries(matching.subList(from, to));
        if (to < matching.size()) {
            page.setNextPageToken(Integer.toString(to));
        }
        calls.add("ListAccessLog " + tenant);
        responses.onNext(page.build());
        responses.onCompleted();
    }

    @Override
    public void getProfile(GetProfileRequest request, StreamObserver<GetProfileResponse> responses) {
        String tenant = tenant("GetProfile");
        profileRequests.add(request);
        sleep(profileDelayMillis);
        User user = users(tenant).get(request.getUserId());
        List<Event> history = events(tenant).values().stream()
                .filter(e -> e.getUserId().equals(request.getUserId())).toList();
        if (user == null && history.isEmpty()) {
            responses.onError(Status.NOT_FOUND.withDescription("user " + request.getUserId() + " not found")
                    .asRuntimeException());
            return;
        }
        UserProfile.Builder profile = UserProfile.newBuilder().setUserId(request.getUserId());
        if (user != null) {
            profile.putAllAttributes(user.getAttributesMap());
        }
        for (Event e : history) {
            profile.putEventCounts(e.getType().name(), profile.getEventCountsOrDefault(e.getType().name(), 0) + 1);
        }
        responses.onNext(GetProfileResponse.newBuilder().setProfile(profile).build());
        responses.onCompleted();
    }

    @Override
    public void exportInteractions(ExportInteractionsRequest request,
            StreamObserver<ExportInteractionsResponse> responses) {
        String tenant = tenant("ExportInteractions");
        List<Event> log;
        synchronized (events(tenant)) {
            log = new ArrayList<>(events(tenant).values());
        }
        for (int start = 0; start < log.size(); start += EXPORT_BATCH) {
            ExportInteractionsResponse.Builder batch =
                    ExportInteractionsResponse.newBuilder().setHeadSequence(log.size());
            for (int i = start; i < Math.min(log.size(), start + EXPORT_BATCH); i++) {
                Event e = log.get(i);
                batch.addInteractions(Interaction.newBuilder().setSequence(i + 1).setUserId(e.getUserId())
                        .setItemId(e.getItemId()).setType(e.getType()).setValue(e.getValue())
                        .setOccurredAt(e.getOccurredAt()));
                batch.setLastSequence(i + 1);
            }
            responses.onNext(batch.build());
        }
        responses.onCompleted();
    }

    private <Q, T, R> StreamObserver<Q> upserts(String rpc, Map<String, Map<String, T>> store, Function<Q, T> record,
            Function<T, String> id, Consumer<ImportSummary> respond, StreamObserver<R> responses) {
        String tenant = tenant(rpc);
        Map<String, T> records = store.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
        ImportSummary.Builder summary = ImportSummary.newBuilder();
        return new StreamObserver<>() {
            @Override
            public void onNext(Q request) {
                T value = record.apply(request);
                summary.setReceived(summary.getReceived() + 1).setAccepted(summary.getAccepted() + 1);
                records.put(id.apply(value), value);
            }

            @Override
            public void onError(Throwable t) {
                calls.add(tenant + " " + rpc + " cancelled");
            }

            @Override
            public void onCompleted() {
                respond.accept(summary.build());
                responses.onCompleted();
            }
        };
    }

    private String tenant(String rpc) {
        String tenant = TENANT.get();
        calls.add(tenant + " " + rpc);
        return tenant;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
