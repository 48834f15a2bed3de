package dev.persona.similarity.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.persona.api.v1.Entity;
import dev.persona.api.v1.GetSimilarItemsRequest;
import dev.persona.api.v1.GetSimilarUsersRequest;
import dev.persona.api.v1.Metric;
import dev.persona.common.testing.StandInProfileResource;
import dev.persona.common.testing.TenantStubs;
import dev.persona.common.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * similarity-service appends to the access log (audit.access_log, which profile-service's migrations create in the
 * tests' database) the calls that read personal data: GetSimilarUsers names a user; similar items name none and are
 * not logged.
 */
@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class AccessLogTest extends SimilarityTestSupport {

    @Inject
    AgroalDataSource dataSource;

    private List<String> entries() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT subject || ' ' || rpc || ' ' || user_id || ' ' || outcome FROM audit.access_log"
                        + " WHERE tenant_id = ? AND service = 'similarity-service' ORDER BY id")) {
            s.setString(1, tenant);
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1));
                }
            }
            return rows;
        }
    }

    private boolean logExists() throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet r = c.createStatement().executeQuery(
                "SELECT to_regclass('audit.access_log') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }

    @Test
    void similarUsersAreLoggedWithWhoAndWhomSimilarItemsAreNot() throws Exception {
        assumeTrue(logExists(), "audit.access_log is created by profile-service's migrations (its tests run first)");
        log.rating("u1", "a", 5);
        log.rating("u2", "a", 4);
        build(Entity.ENTITY_USER, Metric.METRIC_COSINE, 5);
        build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 5);
        TenantStubs.with(raw, TenantStubs.headers(tenant, TestTokens.token("storefront", List.of("recommend"),
                List.of(tenant)))).getSimilarUsers(GetSimilarUsersRequest.newBuilder().setUserId("u1").build());
        stub().getSimilarItems(GetSimilarItemsRequest.newBuilder().setItemId("a").build());
        List<String> expected = List.of("storefront persona.v1.SimilarityService/GetSimilarUsers u1 OK");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!entries().equals(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(expected, entries());
    }
}
