package dev.persona.profile.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.common.redis.RedisKeys;
import dev.persona.profile.testing.ErasureOutbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An erasure notice left in the outbox while Redis was down is published once Redis is back. */
@QuarkusTest
class ErasureRelayTest {

    @Inject
    ErasureService erasure;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RedisDataSource redis;

    private final String tenant = "t-" + UUID.randomUUID();

    @Test
    void pendingNoticesArePublishedAndLeaveTheOutbox() throws SQLException {
        execute("INSERT INTO erasure_outbox (tenant_id, user_id) VALUES (?, 'erased-user')");

        erasure.relayPending();

        List<StreamMessage<String, String, String>> feed = redis.stream(String.class).xrange(RedisKeys.feed(tenant), StreamRange.of("-", "+"));
        assertEquals(1, feed.size());
        assertEquals("erase", feed.get(0).payload().get("kind"));
        assertEquals("erased-user", feed.get(0).payload().get("user"));
        assertEquals(0, ErasureOutbox.pending(dataSource, tenant), "no erased id lingers in PostgreSQL");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.executeUpdate();
        }
    }
}
