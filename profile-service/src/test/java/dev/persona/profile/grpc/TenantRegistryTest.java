package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.CreateTenantRequest;
import dev.persona.api.v1.CreateTenantResponse;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.ListTenantsRequest;
import dev.persona.api.v1.ListTenantsResponse;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.PutUserRequest;
import dev.persona.api.v1.Tenant;
import dev.persona.api.v1.User;
import dev.persona.common.tenant.RedisTenants;
import dev.persona.common.testing.TenantStubs;
import dev.persona.common.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The tenant registry: CreateTenant and ListTenants, and every call's NOT_FOUND for a tenant nobody registered. */
@QuarkusTest
class TenantRegistryTest extends GrpcTestSupport {

    @Inject
    RedisTenants mirror;

    @Inject
    RedisDataSource redis;

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static CreateTenantRequest create(String id, String name) {
        return CreateTenantRequest.newBuilder().setTenantId(id).setDisplayName(name).build();
    }

    private ProfileServiceGrpc.ProfileServiceBlockingStub as(String token) {
        return TenantStubs.with(rawBlocking, TenantStubs.headers(null, token));
    }

    @Test
    void aTypoIsNotFoundUntilTheTenantIsRegisteredOnceAndForAll() {
        String acme = fresh("acme");
        ProfileServiceGrpc.ProfileServiceBlockingStub unregistered = TenantStubs.bound(rawBlocking, acme);
        assertStatus(Status.Code.NOT_FOUND, "x-tenant-id", () -> unregistered.putUser(
                PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("u1")).build()));

        CreateTenantResponse first = TenantStubs.platform(rawBlocking).createTenant(create(acme, "ACME retail"));
        assertTrue(first.getCreated());
        assertEquals(acme, first.getTenant().getTenantId());
        assertEquals("ACME retail", first.getTenant().getDisplayName());
        assertEquals("platform-admin", first.getTenant().getCreatedBy());
        assertTrue(first.getTenant().getCreatedAt().getSeconds() > 0);
        assertTrue(mirror.contains(acme), "mirrored to Redis for the other services at once");

        CreateTenantResponse again = TenantStubs.platform(rawBlocking).createTenant(create(acme, "another name"));
        assertFalse(again.getCreated());
        assertEquals("ACME retail", again.getTenant().getDisplayName(), "registering again changes nothing");

        unregistered.putUser(PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("u1")).build());
        assertEquals("u1", unregistered.getUser(GetUserRequest.newBuilder().setUserId("u1").build()).getUser()
                .getUserId());
    }

    @Test
    void aTenantAdministratorRegistersOnlyTheTenantsItsTokenGrants() {
        String mine = fresh("mine");
        String theirs = fresh("theirs");
        ProfileServiceGrpc.ProfileServiceBlockingStub tenantAdmin = as(TestTokens.admin(mine));
        assertTrue(tenantAdmin.createTenant(create(mine, "")).getCreated());
        assertStatus(Status.Code.PERMISSION_DENIED, "tenant_id", () -> tenantAdmin.createTenant(create(theirs, "")));
        assertStatus(Status.Code.PERMISSION_DENIED, "CreateTenant",
                () -> as(TestTokens.token("analyst", List.of("analyst"), List.of("*"))).createTenant(create(theirs, "")));
        // A header, even where none is needed, must name a tenant the token grants.
        assertStatus(Status.Code.PERMISSION_DENIED, "x-tenant-id", () -> TenantStubs.with(rawBlocking,
                TenantStubs.headers(theirs, TestTokens.admin(mine))).createTenant(create(mine, "")));
    }

    @Test
    void listsOnlyTheGrantedTenantsByIdInPages() {
        String prefix = fresh("list");
        List<String> ids = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        for (String id : ids) {
            TenantStubs.platform(rawBlocking).createTenant(create(id, "name of " + id));
        }
        String unregistered = prefix + "-z";
        ProfileServiceGrpc.ProfileServiceBlockingStub twoAndAGhost = as(TestTokens.token("ops", List.of("admin"),
                List.of(ids.get(2), ids.get(0), unregistered)));
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListTenantsResponse page = twoAndAGhost.listTenants(ListTenantsRequest.newBuilder().setPageSize(1)
                    .setPageToken(token).build());
            page.getTenantsList().forEach(t -> seen.add(t.getTenantId()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(List.of(ids.get(0), ids.get(2)), seen, "granted and registered, by id");
        assertEquals(2, pages);

        List<String> all = TenantStubs.platform(rawBlocking).listTenants(ListTenantsRequest.newBuilder()
                .setPageSize(1000).build()).getTenantsList().stream().map(Tenant::getTenantId).toList();
        assertTrue(all.containsAll(ids), "a platform administrator sees every tenant");
        assertStatus(Status.Code.INVALID_ARGUMENT, "page_token", () -> twoAndAGhost.listTenants(
                ListTenantsRequest.newBuilder().setPageToken("%%%").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "page_size", () -> twoAndAGhost.listTenants(
                ListTenantsRequest.newBuilder().setPageSize(1001).build()));
    }

    @Test
    void malformedIdsAndNamesAreInvalidArguments() {
        ProfileServiceGrpc.ProfileServiceBlockingStub platform = TenantStubs.platform(rawBlocking);
        assertStatus(Status.Code.INVALID_ARGUMENT, "tenant_id", () -> platform.createTenant(create("", "")));
        assertStatus(Status.Code.INVALID_ARGUMENT, "tenant_id", () -> platform.createTenant(create("t".repeat(129), "")));
        assertStatus(Status.Code.INVALID_ARGUMENT, "tenant_id", () -> platform.createTenant(create("a\nb", "")));
        assertStatus(Status.Code.INVALID_ARGUMENT, "display_name",
                () -> platform.createTenant(create(fresh("named"), "n".repeat(201))));
    }

    @Test
    void theRedisMirrorComesBackAfterRedisLosesIt() throws InterruptedException {
        String id = fresh("mirrored");
        TenantStubs.platform(rawBlocking).createTenant(create(id, ""));
        redis.key().del(RedisTenants.KEY);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!mirror.contains(id) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(mirror.contains(id), "profile-service wrote the registry to Redis again");
        assertTrue(mirror.contains(tenant), "every registered tenant, not only the newest");
    }
}
