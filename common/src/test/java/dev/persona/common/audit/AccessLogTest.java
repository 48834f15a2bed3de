package dev.persona.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The writer's promises, against a database that records what it was given: what was queued is written on a clean
 * shutdown, a failed write loses nothing and repeats nothing, and only an overflowing queue drops entries.
 */
class AccessLogTest {

    /** A DataSource whose statements record the user id of each row committed, and can be made to fail. */
    static final class RecordingDatabase {
        final List<String> written = new ArrayList<>();
        volatile boolean failing;

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getConnection" -> connection();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Connection connection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "prepareStatement" -> statement();
                        case "createArrayOf" -> null;
                        case "getAutoCommit" -> true;
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private PreparedStatement statement() {
            List<String> batch = new ArrayList<>();
            String[] userId = new String[1];
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "setString" -> {
                            if ((Integer) args[0] == 7) {
                                userId[0] = (String) args[1];
                            }
                            yield null;
                        }
                        case "setTimestamp", "setArray", "close" -> null;
                        case "addBatch" -> batch.add(userId[0]);
                        case "executeBatch" -> {
                            if (failing) {
                                throw new SQLException("the database is gone", "08006");
                            }
                            synchronized (written) {
                                written.addAll(batch);
                            }
                            yield new int[batch.size()];
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static AccessLogEntry entry(String user) {
        return new AccessLogEntry(Instant.now(), "profile-service", "t", "someone", List.of("admin"),
                "persona.v1.ProfileService/GetUser", user, "OK");
    }

    @Test
    void whatWasQueuedIsWrittenOnACleanShutdown() {
        RecordingDatabase db = new RecordingDatabase();
        AccessLog log = new AccessLog(db.dataSource(), 100, 3_600_000);
        log.startWriter();
        log.record(entry("a"));
        log.record(entry("b"));
        log.record(entry("c"));
        assertEquals(List.of(), db.written, "nothing written before the first flush (an hour away)");
        log.stop(null);
        assertEquals(List.of("a", "b", "c"), db.written);
    }

    @Test
    void aFailedWriteLosesNothingAndRepeatsNothing() throws SQLException {
        RecordingDatabase db = new RecordingDatabase();
        AccessLog log = new AccessLog(db.dataSource(), 100, 3_600_000);
        log.record(entry("a"));
        log.record(entry("b"));
        db.failing = true;
        assertThrows(SQLException.class, log::flush);
        log.record(entry("c"));
        db.failing = false;
        log.flush();
        assertEquals(List.of("a", "b", "c"), db.written);
        log.flush();
        assertEquals(3, db.written.size(), "a second flush writes nothing again");
    }

    @Test
    void onlyAnOverflowingQueueDropsEntries() throws SQLException {
        RecordingDatabase db = new RecordingDatabase();
        AccessLog log = new AccessLog(db.dataSource(), 2, 3_600_000);
        log.record(entry("a"));
        log.record(entry("b"));
        log.record(entry("c"));
        log.flush();
        assertEquals(List.of("a", "b"), db.written);
    }
}
