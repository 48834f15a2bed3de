package dev.persona.common.profile;

import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.ExportItemsRequest;
import dev.persona.api.v1.ExportItemsResponse;
import dev.persona.api.v1.ExportUsersRequest;
import dev.persona.api.v1.ExportUsersResponse;
import dev.persona.api.v1.GetItemRequest;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.ListUserEventsRequest;
import dev.persona.api.v1.ListUserEventsResponse;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.User;
import dev.persona.common.error.ApiError;
import dev.persona.common.grpc.AccessInterceptor;
import dev.persona.common.grpc.Tenant;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What similarity-service reads from ProfileService: the log (ExportInteractions), who denied consent, which items
 * are inactive, and whether an id exists. Calls carry the tenant header and a deadline; ProfileService being
 * unreachable becomes UNAVAILABLE. Not a CDI bean: each service that calls ProfileService produces one around its
 * own gRPC client.
 */
public final class ProfileClient {

    private static final long UNARY_DEADLINE_MS = 5_000;
    private static final long STREAM_DEADLINE_MS = 600_000;
    private static final int EXPORT_BATCH = 20_000;

    private final ProfileServiceGrpc.ProfileServiceBlockingStub stub;
    private final Supplier<Optional<String>> token;

    /** A client that presents {@code token} (this service's own, when there is one) on every call. */
    public ProfileClient(ProfileServiceGrpc.ProfileServiceBlockingStub stub, Supplier<Optional<String>> token) {
        this.stub = stub;
        this.token = token;
    }

    /** Streams the log after {@code afterSequence} up to its head, batch by batch. */
    public void exportInteractions(String tenant, long afterSequence, Consumer<ExportInteractionsResponse> batches) {
        call(() -> {
            Iterator<ExportInteractionsResponse> it = stub(tenant, STREAM_DEADLINE_MS).exportInteractions(
                    ExportInteractionsRequest.newBuilder().setAfterSequence(afterSequence).setBatchSize(EXPORT_BATCH)
                            .build());
            while (it.hasNext()) {
                batches.accept(it.next());
            }
            return null;
        });
    }

    /** Ids of the users whose consent is DENIED. */
    public Set<String> deniedUsers(String tenant) {
        Set<String> denied = new HashSet<>();
        exportUsers(tenant, user -> {
            if (user.getConsent() == ConsentStatus.CONSENT_STATUS_DENIED) {
                denied.add(user.getUserId());
            }
        });
        return denied;
    }

    /** Every user of the tenant, in id order. */
    public void exportUsers(String tenant, Consumer<User> users) {
        call(() -> each(stub(tenant, STREAM_DEADLINE_MS)
                        .exportUsers(ExportUsersRequest.newBuilder().setBatchSize(10_000).build()),
                ExportUsersResponse::getUsersList, users));
    }

    /** The user, or null when unknown. */
    public User user(String tenant, String userId) {
        return call(() -> {
            try {
                return stub(tenant, UNARY_DEADLINE_MS).getUser(GetUserRequest.newBuilder().setUserId(userId).build())
                        .getUser();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return null;
                }
                throw e;
            }
        });
    }

    /** Every event of one user, newest first, page by page. */
    public void userEvents(String tenant, String userId, Consumer<Event> events) {
        call(() -> {
            String token = "";
            do {
                ListUserEventsResponse page = stub(tenant, UNARY_DEADLINE_MS).listUserEvents(
                        ListUserEventsRequest.newBuilder().setUserId(userId).setPageSize(1_000).setPageToken(token)
                                .build());
                page.getEventsList().forEach(events);
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            return null;
        });
    }

    /** Every item of the tenant's catalogue, in id order. */
    public void exportItems(String tenant, Consumer<Item> items) {
        call(() -> each(stub(tenant, STREAM_DEADLINE_MS)
                        .exportItems(ExportItemsRequest.newBuilder().setBatchSize(10_000).build()),
                ExportItemsResponse::getItemsList, items));
    }

    /** Ids of the items marked inactive. */
    public Set<String> inactiveItems(String tenant) {
        Set<String> inactive = new HashSet<>();
        exportItems(tenant, item -> {
            if (!item.getActive()) {
                inactive.add(item.getItemId());
            }
        });
        return inactive;
    }

    /** Hands every record of an export stream to {@code records}, batch by batch. */
    private static <B, R> Void each(Iterator<B> batches, Function<B, List<R>> recordsOf, Consumer<R> records) {
        while (batches.hasNext()) {
            recordsOf.apply(batches.next()).forEach(records);
        }
        return null;
    }

    /** The user's consent, or null when the user is unknown. */
    public ConsentStatus userConsent(String tenant, String userId) {
        User user = user(tenant, userId);
        return user == null ? null : user.getConsent();
    }

    /** Whether the item exists. */
    public boolean itemExists(String tenant, String itemId) {
        return call(() -> {
            try {
                stub(tenant, UNARY_DEADLINE_MS).getItem(GetItemRequest.newBuilder().setItemId(itemId).build());
                return true;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    return false;
                }
                throw e;
            }
        });
    }

    private ProfileServiceGrpc.ProfileServiceBlockingStub stub(String tenant, long deadlineMs) {
        Metadata headers = new Metadata();
        headers.put(Tenant.HEADER, tenant);
        token.get().ifPresent(t -> headers.put(AccessInterceptor.AUTHORIZATION, "Bearer " + t));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS);
    }

    private interface Work<T> {
        T run();
    }

    private static <T> T call(Work<T> work) {
        try {
            return work.run();
        } catch (StatusRuntimeException e) {
            throw ApiError.unavailable("profile-service failed: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription(), e);
        }
    }
}
