package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.CreateTenantRequest;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.Interaction;
import dev.persona.api.v1.MutinyProfileServiceGrpc;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.common.testing.TenantStubs;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/** Stubs bound to a fresh tenant per test class, so that tests never see each other's data. */
abstract class GrpcTestSupport {

    @GrpcClient("profile")
    ProfileServiceGrpc.ProfileServiceBlockingStub rawBlocking;

    @GrpcClient("profile")
    MutinyProfileServiceGrpc.MutinyProfileServiceStub rawMutiny;

    final String tenant = "t-" + UUID.randomUUID();
    private final Set<String> registered = new HashSet<>();

    @BeforeEach
    void registerTheTenant() {
        register(tenant);
    }

    ProfileServiceGrpc.ProfileServiceBlockingStub blocking() {
        return blocking(tenant);
    }

    ProfileServiceGrpc.ProfileServiceBlockingStub blocking(String tenantId) {
        register(tenantId);
        return TenantStubs.bound(rawBlocking, tenantId);
    }

    MutinyProfileServiceGrpc.MutinyProfileServiceStub mutiny() {
        register(tenant);
        return GrpcClientUtils.attachHeaders(rawMutiny, headers(tenant));
    }

    /** Registers a tenant as a platform administrator does (CreateTenant), once per test. */
    void register(String tenantId) {
        if (registered.add(tenantId)) {
            TenantStubs.platform(rawBlocking).createTenant(CreateTenantRequest.newBuilder().setTenantId(tenantId).build());
        }
    }

    static Metadata headers(String tenantId) {
        return TenantStubs.headers(tenantId);
    }

    static Timestamp ts(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Event event(String id, String user, String item, EventType type, double value, Instant at) {
        return Event.newBuilder().setEventId(id).setUserId(user).setItemId(item).setType(type).setValue(value)
                .setOccurredAt(ts(at)).build();
    }

    /** Asserts that the call fails with the code, and that the description mentions {@code mention}. */
    static StatusRuntimeException assertStatus(Status.Code code, String mention, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), () -> "status of " + e.getStatus());
        if (mention != null) {
            String description = String.valueOf(e.getStatus().getDescription());
            assertTrue(description.contains(mention), () -> "'" + description + "' should mention " + mention);
        }
        return e;
    }

    List<Interaction> exportAll(long after) {
        return exportAll(tenant, after);
    }

    List<Interaction> exportAll(String tenantId, long after) {
        List<Interaction> out = new ArrayList<>();
        blocking(tenantId).exportInteractions(ExportInteractionsRequest.newBuilder().setAfterSequence(after).build())
                .forEachRemaining(r -> out.addAll(r.getInteractionsList()));
        return out;
    }
}
