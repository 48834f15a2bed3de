package dev.persona.profile.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and trims {@code audit.access_log}, the access log every service appends to (common's AccessLog). */
@ApplicationScoped
public class AccessLogSql {

    /** One stored entry, with its id for paging. */
    public record Row(long id, Instant at, String service, String subject, List<String> roles, String rpc,
                      String userId, String outcome) {
    }

    /** The filters of a page; null or empty means any. */
    public record Filter(String userId, String subject, Instant since, Instant until) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** Up to {@code limit} entries of the tenant matching {@code filter}, newest first, before the cursor if given. */
    public List<Row> page(String tenant, Filter filter, Instant beforeAt, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, service, subject, roles, rpc, user_id, outcome "
                + "FROM audit.access_log WHERE tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenant));
        if (filter.userId() != null && !filter.userId().isEmpty()) {
            sql.append(" AND user_id = ?");
            args.add(filter.userId());
        }
        if (filter.subject() != null && !filter.subject().isEmpty()) {
            sql.append(" AND subject = ?");
            args.add(filter.subject());
        }
        if (filter.since() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(filter.since()));
        }
        if (filter.until() != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(filter.until()));
        }
        if (beforeAt != null) {
            sql.append(" AND (at, id) < (?, ?)");
            args.add(Timestamp.from(beforeAt));
            args.add(beforeId);
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Array roles = r.getArray(5);
                    rows.add(new Row(r.getLong(1), r.getTimestamp(2).toInstant(), r.getString(3), r.getString(4),
                            List.of((String[]) roles.getArray()), r.getString(6), r.getString(7), r.getString(8)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the access log failed", e);
        }
    }

    /** Deletes the entries older than {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM audit.access_log WHERE at < ?")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("trimming the access log failed", e);
        }
    }
}
