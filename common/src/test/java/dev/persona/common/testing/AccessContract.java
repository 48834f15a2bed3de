package dev.persona.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.common.security.Role;
import dev.persona.common.security.RpcRoles;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access rules, checked for every RPC of a service as its descriptor lists them (nothing hand-listed): without a
 * token UNAUTHENTICATED, with a bad or expired one UNAUTHENTICATED, with a role the {@link RpcRoles} table does not
 * grant PERMISSION_DENIED, for a tenant the token does not grant PERMISSION_DENIED, for a tenant nobody registered
 * NOT_FOUND (even for an administrator of every tenant), and with a granted role and registered tenant anything but
 * those. A service's {@code @QuarkusTest} extends this class and names its descriptor.
 */
public abstract class AccessContract {

    private static ManagedChannel channel;

    /** The service under test, for example {@code ProfileServiceGrpc.getServiceDescriptor()}. */
    protected abstract ServiceDescriptor service();

    /** Registers {@code tenant} where the service under test looks tenants up (common's {@code tenant} package). */
    protected abstract void register(String tenant);

    @BeforeAll
    static void open() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
    }

    @AfterAll
    static void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void everyRpcHasDeclaredRoles() {
        for (MethodDescriptor<?, ?> m : service().getMethods()) {
            assertTrue(RpcRoles.allowed(m.getFullMethodName()).isPresent(),
                    () -> m.getFullMethodName() + " has no roles in RpcRoles");
        }
    }

    @Test
    void withoutAValidTokenEveryRpcIsUnauthenticated() {
        String tenant = freshTenant();
        String expired = TestTokens.sign("someone", List.of("admin"), List.of(tenant), -120);
        String malformed = "not.a.token";
        for (MethodDescriptor<?, ?> m : service().getMethods()) {
            assertCode(Status.Code.UNAUTHENTICATED, m, TenantStubs.headers(tenant, null), "no token");
            assertCode(Status.Code.UNAUTHENTICATED, m, TenantStubs.headers(tenant, expired), "an expired token");
            assertCode(Status.Code.UNAUTHENTICATED, m, TenantStubs.headers(tenant, malformed), "a malformed token");
        }
    }

    @Test
    void aRoleTheTableDoesNotGrantIsPermissionDenied() {
        String tenant = freshTenant();
        for (MethodDescriptor<?, ?> m : service().getMethods()) {
            Set<Role> allowed = RpcRoles.allowed(m.getFullMethodName()).orElse(Set.of());
            EnumSet<Role> others = EnumSet.allOf(Role.class);
            others.removeAll(allowed);
            others.remove(Role.ADMIN);
            List<String> wrong = others.stream().map(Role::claim).toList();
            assertFalse(wrong.isEmpty(), m.getFullMethodName());
            String token = TestTokens.token("wrong-role", wrong, List.of(tenant));
            assertCode(Status.Code.PERMISSION_DENIED, m, TenantStubs.headers(tenant, token), "roles " + wrong);
        }
    }

    @Test
    void anotherTenantIsPermissionDeniedAndTheGrantedOneIsServed() {
        String mine = freshTenant();
        String theirs = freshTenant();
        register(mine);
        register(theirs);
        for (MethodDescriptor<?, ?> m : service().getMethods()) {
            Set<Role> allowed = RpcRoles.allowed(m.getFullMethodName()).orElse(Set.of());
            List<String> roles = allowed.isEmpty() ? List.of("admin") : allowed.stream().map(Role::claim).toList();
            String token = TestTokens.token("right-role", roles, List.of(mine));
            assertCode(Status.Code.PERMISSION_DENIED, m, TenantStubs.headers(theirs, token), "another tenant");
            Status served = call(m, TenantStubs.headers(null, token));
            assertFalse(served.getCode() == Status.Code.UNAUTHENTICATED
                            || served.getCode() == Status.Code.PERMISSION_DENIED
                            || String.valueOf(served.getDescription()).contains("x-tenant-id"),
                    () -> m.getFullMethodName() + " with " + roles + " for its only tenant: " + served);
        }
    }

    @Test
    void aTokenForManyTenantsMustNameOne() {
        String token = TestTokens.token("many", List.of("admin"), List.of(freshTenant(), freshTenant()));
        for (MethodDescriptor<?, ?> m : scoped()) {
            assertCode(Status.Code.INVALID_ARGUMENT, m, TenantStubs.headers(null, token), "two tenants, no header");
        }
    }

    @Test
    void anUnregisteredTenantIsNotFoundEvenForAnAdminOfEveryTenant() {
        String typo = freshTenant();
        String everyTenant = TestTokens.platformAdmin();
        String onlyTheTypo = TestTokens.admin(typo);
        for (MethodDescriptor<?, ?> m : scoped()) {
            Status named = call(m, TenantStubs.headers(typo, everyTenant));
            assertEquals(Status.Code.NOT_FOUND, named.getCode(), () -> m.getFullMethodName() + ": " + named);
            assertTrue(named.getDescription().contains("x-tenant-id"), () -> m.getFullMethodName() + ": " + named);
            assertCode(Status.Code.NOT_FOUND, m, TenantStubs.headers(null, onlyTheTypo), "the token's only tenant");
        }
    }

    /** The service's RPCs that act within one tenant (all but the tenant registry's own). */
    private List<MethodDescriptor<?, ?>> scoped() {
        return service().getMethods().stream().filter(m -> !RpcRoles.unscoped(m.getFullMethodName()))
                .<MethodDescriptor<?, ?>>map(m -> m).toList();
    }

    private static String freshTenant() {
        return "access-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertCode(Status.Code expected, MethodDescriptor<?, ?> m, Metadata headers, String how) {
        Status status = call(m, headers);
        assertEquals(expected, status.getCode(), () -> m.getFullMethodName() + " with " + how + ": " + status);
    }

    /** Calls {@code m} with its request's default message and returns how the call closed. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Status call(MethodDescriptor<?, ?> m, Metadata headers) {
        Object request = ((MethodDescriptor.PrototypeMarshaller<?>) m.getRequestMarshaller()).getMessagePrototype();
        ClientCall call = channel.newCall(m, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
        CompletableFuture<Status> closed = new CompletableFuture<>();
        call.start(new ClientCall.Listener<Object>() {
            @Override
            public void onMessage(Object message) {
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, headers);
        call.request(1);
        call.sendMessage(request);
        call.halfClose();
        try {
            return closed.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            call.cancel("the test gave up", e);
            throw new AssertionError(m.getFullMethodName() + " did not close", e);
        }
    }
}
