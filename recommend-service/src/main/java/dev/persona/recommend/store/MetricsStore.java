package dev.persona.recommend.store;

import dev.persona.common.error.ApiError;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Served lists and attributed events in PostgreSQL, written in bulk, read as per-strategy aggregates. */
@ApplicationScoped
public class MetricsStore {

    private static final String INSERT_SERVED = """
            INSERT INTO served_lists (tenant_id, recommendation_id, strategy, served_at, items)
            SELECT x.t, x.r, x.s, timestamptz 'epoch' + x.ms * interval '1 millisecond', x.n
            FROM unnest(?::text[], ?::text[], ?::text[], ?::int8[], ?::int4[]) AS x(t, r, s, ms, n)
            ON CONFLICT DO NOTHING""";

    private static final String INSERT_ATTRIBUTED = """
            INSERT INTO attributions (tenant_id, recommendation_id, item_id, kind, user_id, amount)
            SELECT x.t, x.r, x.i, x.k, x.u, x.a
            FROM unnest(?::text[], ?::text[], ?::text[], ?::int2[], ?::text[], ?::float8[]) AS x(t, r, i, k, u, a)
            ON CONFLICT DO NOTHING""";

    private static final String METRICS = """
            SELECT s.strategy, count(*), sum(s.items), coalesce(sum(a.clicks), 0), coalesce(sum(a.purchases), 0),
                   coalesce(sum(a.revenue), 0)
            FROM served_lists s
            LEFT JOIN (SELECT recommendation_id,
                              count(*) FILTER (WHERE kind = 2) AS clicks,
                              count(*) FILTER (WHERE kind = 4) AS purchases,
                              sum(amount) FILTER (WHERE kind = 4) AS revenue
                       FROM attributions WHERE tenant_id = ? GROUP BY recommendation_id) a
                   ON a.recommendation_id = s.recommendation_id
            WHERE s.tenant_id = ? AND s.served_at >= ? AND s.served_at < ?
            GROUP BY s.strategy""";

    private static final String ERASE = "DELETE FROM attributions WHERE tenant_id = ? AND user_id = ?";

    /** One list served. */
    public record Served(String tenant, String recommendationId, String strategy, long atMillis, int items) {
    }

    /** One click or purchase carrying a recommendation id; kind 2 = click, 4 = purchase. */
    public record Attributed(String tenant, String recommendationId, String itemId, short kind, String userId,
                             double amount) {
    }

    /** Aggregates of one strategy. */
    public record Row(String strategy, long served, long items, long clicks, long purchases, double revenue) {
    }

    private final AgroalDataSource dataSource;

    public MetricsStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes served lists; a list written twice is kept once. */
    public void saveServed(List<Served> rows) throws SQLException {
        int n = rows.size();
        String[] t = new String[n];
        String[] r = new String[n];
        String[] s = new String[n];
        Long[] ms = new Long[n];
        Integer[] items = new Integer[n];
        for (int i = 0; i < n; i++) {
            Served x = rows.get(i);
            t[i] = x.tenant();
            r[i] = x.recommendationId();
            s[i] = x.strategy();
            ms[i] = x.atMillis();
            items[i] = x.items();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_SERVED)) {
            ps.setArray(1, c.createArrayOf("text", t));
            ps.setArray(2, c.createArrayOf("text", r));
            ps.setArray(3, c.createArrayOf("text", s));
            ps.setArray(4, c.createArrayOf("int8", ms));
            ps.setArray(5, c.createArrayOf("int4", items));
            ps.executeUpdate();
        }
    }

    /** Writes attributed events; the same list, item and kind is kept once (the first amount). */
    public void saveAttributed(List<Attributed> rows) throws SQLException {
        int n = rows.size();
        String[] t = new String[n];
        String[] r = new String[n];
        String[] item = new String[n];
        Short[] kind = new Short[n];
        String[] user = new String[n];
        Double[] amount = new Double[n];
        for (int i = 0; i < n; i++) {
            Attributed x = rows.get(i);
            t[i] = x.tenant();
            r[i] = x.recommendationId();
            item[i] = x.itemId();
            kind[i] = x.kind();
            user[i] = x.userId();
            amount[i] = x.amount();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_ATTRIBUTED)) {
            ps.setArray(1, c.createArrayOf("text", t));
            ps.setArray(2, c.createArrayOf("text", r));
            ps.setArray(3, c.createArrayOf("text", item));
            ps.setArray(4, c.createArrayOf("int2", kind));
            ps.setArray(5, c.createArrayOf("text", user));
            ps.setArray(6, c.createArrayOf("float8", amount));
            ps.executeUpdate();
        }
    }

    /** Per-strategy aggregates of the lists served in [sinceMillis, untilMillis). */
    public List<Row> metrics(String tenant, long sinceMillis, long untilMillis) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(METRICS)) {
            ps.setString(1, tenant);
            ps.setString(2, tenant);
            ps.setTimestamp(3, new Timestamp(sinceMillis));
            ps.setTimestamp(4, new Timestamp(untilMillis));
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getDouble(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw ApiError.unavailable("PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    /** Removes an erased user's attributed events. */
    public void erase(String tenant, String userId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ERASE)) {
            ps.setString(1, tenant);
            ps.setString(2, userId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw ApiError.unavailable("PostgreSQL failed: " + e.getMessage(), e);
        }
    }
}
