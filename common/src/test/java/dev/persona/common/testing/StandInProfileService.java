package dev.persona.common.testing;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.ExportItemsRequest;
import dev.persona.api.v1.ExportItemsResponse;
import dev.persona.api.v1.ExportUsersRequest;
import dev.persona.api.v1.ExportUsersResponse;
import dev.persona.api.v1.GetItemRequest;
import dev.persona.api.v1.GetItemResponse;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.GetUserResponse;
import dev.persona.api.v1.Interaction;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.ListUserEventsRequest;
import dev.persona.api.v1.ListUserEventsResponse;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.User;
import dev.persona.common.grpc.AccessInterceptor;
import dev.persona.common.grpc.Tenant;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in ProfileService for the services' tests: the export and lookup RPCs the other services use, served from
 * fixture data each test puts in for its own tenant. Exports come in batches of {@link #BATCH} so that a failure can be
 * injected half-way through a stream.
 */
public final class StandInProfileService extends ProfileServiceGrpc.ProfileServiceImplBase {

    public static final int BATCH = 3;

    static final Context.Key<String> TENANT = Context.key("tenant");

    /** One tenant's data and the faults to inject into its exports. */
    public static final class Fixture {
        final List<Interaction> log = new ArrayList<>();
        final Map<String, User> users = new TreeMap<>();
        final Map<String, Item> items = new TreeMap<>();
        long sequence;
        /** Fail ExportInteractions with UNAVAILABLE after this many batches; -1 never. */
        public volatile int failAfterBatches = -1;
        /** When set, ExportInteractions waits for it before answering. */
        public volatile CountDownLatch gate;
        /** Runs when an ExportInteractions stream has sent its last batch, before it completes. */
        public volatile Runnable afterExport;

        /** Records an event now (creating the user and the item if needed); returns its sequence. */
        public long event(String user, String item, EventType type, double value) {
            return event(user, item, type, value, System.currentTimeMillis());
        }

        /** Records an event that happened at {@code now} (epoch ms); returns its sequence. */
        public long event(String user, String item, EventType type, double value, long now) {
            return event(user, item, type, value, now, "");
        }

        /** Records an event now that carries the id of the recommendation list it came from. */
        public long attributed(String user, String item, EventType type, double value, String recommendationId) {
            return event(user, item, type, value, System.currentTimeMillis(), recommendationId);
        }

        private synchronized long event(String user, String item, EventType type, double value, long now,
                                        String recommendationId) {
            user(user, ConsentStatus.CONSENT_STATUS_GRANTED, false);
            item(item, true, false);
            sequence += 2; // sequences have gaps, as in the real log
            log.add(Interaction.newBuilder().setSequence(sequence).setUserId(user).setItemId(item).setType(type)
                    .setValue(value).setOccurredAt(Timestamp.newBuilder().setSeconds(now / 1000)
                            .setNanos((int) (now % 1000) * 1_000_000)).setRecommendationId(recommendationId).build());
            return sequence;
        }

        public long rating(String user, String item, double stars) {
            return event(user, item, EventType.EVENT_TYPE_RATING, stars);
        }

        public synchronized void user(String id, ConsentStatus consent, boolean replace) {
            if (replace || !users.containsKey(id)) {
                users.put(id, User.newBuilder().setUserId(id).setConsent(consent).build());
            }
        }

        /** Puts a user with all its fields (replacing any earlier one). */
        public synchronized void user(User user) {
            users.put(user.getUserId(), user);
        }

        /** Puts an item with all its fields (replacing any earlier one). */
        public synchronized void item(Item item) {
            items.put(item.getItemId(), item);
        }

        public synchronized void item(String id, boolean active, boolean replace) {
            if (replace || !items.containsKey(id)) {
                items.put(id, Item.newBuilder().setItemId(id).setActive(active).build());
            }
        }

        /** Erases a user as profile-service does: the user and all their events. */
        public synchronized void deleteUser(String id) {
            users.remove(id);
            log.removeIf(i -> i.getUserId().equals(id));
        }

        synchronized List<Interaction> after(long sequence) {
            return log.stream().filter(i -> i.getSequence() > sequence).toList();
        }
    }

    private static final Map<String, Fixture> FIXTURES = new ConcurrentHashMap<>();

    /** The authorization header of the last call for each tenant that sent one (what the calling service presents). */
    public static final Map<String, String> AUTHORIZATIONS = new ConcurrentHashMap<>();

    /** The fixture of a tenant, created empty on first use. */
    public static Fixture fixture(String tenant) {
        return FIXTURES.computeIfAbsent(tenant, t -> new Fixture());
    }

    /** Puts the caller's tenant header into the call's context. */
    static final class TenantInterceptor implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            String tenant = headers.get(Tenant.HEADER);
            String authorization = headers.get(AccessInterceptor.AUTHORIZATION);
            if (tenant != null && authorization != null) {
                AUTHORIZATIONS.put(tenant, authorization);
            }
            return Contexts.interceptCall(Context.current().withValue(TENANT, tenant == null ? "default" : tenant),
                    call, headers, next);
        }
    }

    private static Fixture current() {
        return fixture(TENANT.get());
    }

    @Override
    public void exportInteractions(ExportInteractionsRequest request, StreamObserver<ExportInteractionsResponse> out) {
        Fixture f = current();
        try {
            CountDownLatch gate = f.gate;
            if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Interaction> rows = f.after(request.getAfterSequence());
        long head;
        synchronized (f) {
            head = f.sequence;
        }
        int batches = 0;
        for (int from = 0; from < rows.size(); from += BATCH) {
            if (batches++ == f.failAfterBatches) {
                out.onError(Status.UNAVAILABLE.withDescription("stand-in export failed half-way").asRuntimeException());
                return;
            }
            List<Interaction> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            out.onNext(ExportInteractionsResponse.newBuilder().addAllInteractions(batch)
                    .setLastSequence(batch.get(batch.size() - 1).getSequence()).setHeadSequence(head).build());
        }
        Runnable after = f.afterExport;
        if (after != null) {
            after.run();
        }
        out.onCompleted();
    }

    @Override
    public void exportUsers(ExportUsersRequest request, StreamObserver<ExportUsersResponse> out) {
        Fixture f = current();
        synchronized (f) {
            out.onNext(ExportUsersResponse.newBuilder().addAllUsers(f.users.values()).build());
        }
        out.onCompleted();
    }

    @Override
    public void exportItems(ExportItemsRequest request, StreamObserver<ExportItemsResponse> out) {
        Fixture f = current();
        synchronized (f) {
            out.onNext(ExportItemsResponse.newBuilder().addAllItems(f.items.values()).build());
        }
        out.onCompleted();
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> out) {
        Fixture f = current();
        User user;
        synchronized (f) {
            user = f.users.get(request.getUserId());
        }
        if (user == null) {
            out.onError(Status.NOT_FOUND.withDescription("user not found").asRuntimeException());
            return;
        }
        out.onNext(GetUserResponse.newBuilder().setUser(user).build());
        out.onCompleted();
    }

    @Override
    public void listUserEvents(ListUserEventsRequest request, StreamObserver<ListUserEventsResponse> out) {
        Fixture f = current();
        List<Event> events = new ArrayList<>();
        synchronized (f) {
            for (int i = f.log.size() - 1; i >= 0; i--) {
                Interaction x = f.log.get(i);
                if (x.getUserId().equals(request.getUserId())) {
                    events.add(Event.newBuilder().setEventId("e" + x.getSequence()).setUserId(x.getUserId())
                            .setItemId(x.getItemId()).setType(x.getType()).setValue(x.getValue())
                            .setOccurredAt(x.getOccurredAt()).build());
                }
            }
        }
        int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
        int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
        int to = Math.min(events.size(), from + size);
        out.onNext(ListUserEventsResponse.newBuilder().addAllEvents(events.subList(from, to))
                .setNextPageToken(to < events.size() ? Integer.toString(to) : "").build());
        out.onCompleted();
    }

    @Override
    public void getItem(GetItemRequest request, StreamObserver<GetItemResponse> out) {
        Fixture f = current();
        Item item;
        synchronized (f) {
            item = f.items.get(request.getItemId());
        }
        if (item == null) {
            out.onError(Status.NOT_FOUND.withDescription("item not found").asRuntimeException());
            return;
        }
        out.onNext(GetItemResponse.newBuilder().setItem(item).build());
        out.onCompleted();
    }
}
