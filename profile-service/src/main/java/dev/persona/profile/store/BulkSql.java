package dev.persona.profile.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.profile.profile.UserEvents;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.PGConnection;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The set-based SQL of profile-service: whole batches in one statement each (arrays through {@code unnest}),
 * reads of the log and of profiles without entity overhead. Callers hold the transaction; the connection
 * from the data source is enlisted in it.
 */
@ApplicationScoped
public class BulkSql {

    /** Advisory-lock class of the event log; the second key is the tenant's hash. */
    private static final int EVENT_LOG_LOCK = 0x50455253;

    private static final String UPSERT_USERS = """
            INSERT INTO users AS u (tenant_id, user_id, attributes, consent)
            SELECT ?, x.id, x.attrs::jsonb, x.consent FROM unnest(?::text[], ?::text[], ?::int2[]) AS x(id, attrs, consent)
            ON CONFLICT (tenant_id, user_id) DO UPDATE
              SET attributes = EXCLUDED.attributes, consent = EXCLUDED.consent, updated_at = now()
            RETURNING u.user_id, (u.xmax = 0) AS inserted""";

    private static final String UPSERT_ITEMS = """
            INSERT INTO items AS i (tenant_id, item_id, title, category, tags, price, attributes, active)
            SELECT ?, x.id, x.title, x.category, ARRAY(SELECT jsonb_array_elements_text(x.tags::jsonb)),
                   x.price, x.attrs::jsonb, x.active
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::bool[])
                 AS x(id, title, category, tags, price, attrs, active)
            ON CONFLICT (tenant_id, item_id) DO UPDATE
              SET title = EXCLUDED.title, category = EXCLUDED.category, tags = EXCLUDED.tags, price = EXCLUDED.price,
                  attributes = EXCLUDED.attributes, active = EXCLUDED.active, updated_at = now()
            RETURNING i.item_id, (i.xmax = 0) AS inserted""";

    private static final String INSERT_EVENTS = """
            INSERT INTO events (tenant_id, event_id, user_id, item_id, type, value, occurred_at, recommendation_id)
            SELECT ?, x.eid, x.uid, x.iid, x.t, x.v, timestamptz 'epoch' + x.us * interval '1 microsecond', x.rid
            FROM unnest(?::text[], ?::text[], ?::text[], ?::int2[], ?::float8[], ?::int8[], ?::text[])
                 WITH ORDINALITY AS x(eid, uid, iid, t, v, us, rid, ord)
            ORDER BY x.ord
            ON CONFLICT (tenant_id, event_id) DO NOTHING
            RETURNING seq, event_id""";

    private static final String EXPORT = """
            SELECT seq, user_id, item_id, type, value, occurred_at, recommendation_id
            FROM events WHERE tenant_id = ? AND seq > ? AND seq <= ? AND (cardinality(?::int2[]) = 0 OR type = ANY(?::int2[]))
            ORDER BY seq LIMIT ?""";

    private static final String PROFILE_ROWS = """
            SELECT item_id, type, value, occurred_at
            FROM events
            WHERE tenant_id = ? AND user_id = ? AND occurred_at <= timestamptz 'epoch' + ? * interval '1 microsecond'""";

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    ItemMetadata itemMetadata;

    /** Result of an upsert: how many rows were written, and which of them were created (the others updated). */
    public record Upserted(int written, Set<String> created) {
    }

    public Upserted upsertUsers(String tenant, List<UserRecord> users) throws SQLException {
        int n = users.size();
        String[] ids = new String[n];
        String[] attrs = new String[n];
        short[] consent = new short[n];
        for (int i = 0; i < n; i++) {
            UserRecord u = users.get(i);
            ids[i] = u.userId();
            attrs[i] = toJson(u.attributes());
            consent[i] = (short) u.consent();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT_USERS)) {
            ps.setString(1, tenant);
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setArray(3, c.createArrayOf("text", attrs));
            ps.setArray(4, primitiveArray(c, "int2", consent));
            return upserted(ps);
        }
    }

    public Upserted upsertItems(String tenant, List<ItemRecord> items) throws SQLException {
        int n = items.size();
        String[] ids = new String[n];
        String[] titles = new String[n];
        String[] categories = new String[n];
        String[] tags = new String[n];
        double[] prices = new double[n];
        String[] attrs = new String[n];
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            ItemRecord it = items.get(i);
            ids[i] = it.itemId();
            titles[i] = it.title();
            categories[i] = it.category();
            tags[i] = toJson(it.tags());
            prices[i] = it.price();
            attrs[i] = toJson(it.attributes());
            active[i] = it.active();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT_ITEMS)) {
            ps.setString(1, tenant);
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setArray(3, c.createArrayOf("text", titles));
            ps.setArray(4, c.createArrayOf("text", categories));
            ps.setArray(5, c.createArrayOf("text", tags));
            ps.setArray(6, primitiveArray(c, "float8", prices));
            ps.setArray(7, c.createArrayOf("text", attrs));
            ps.setArray(8, primitiveArray(c, "bool", active));
            return upserted(ps);
        }
    }

    /** Reads an upsert's RETURNING id, inserted. */
    private static Upserted upserted(PreparedStatement ps) throws SQLException {
        Set<String> created = new LinkedHashSet<>();
        int written = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                written++;
                if (rs.getBoolean(2)) {
                    created.add(rs.getString(1));
                }
            }
        }
        return new Upserted(written, created);
    }

    /**
     * Inserts a batch of events after creating the users and items they name, under the tenant's log lock,
     * and returns the events actually inserted (with their sequence), in stream order. Events whose id is
     * already stored, or repeated in the batch, are skipped.
     */
    public List<EventRecord> insertEvents(String tenant, List<EventRecord> events) throws SQLException {
        int n = events.size();
        String[] eventIds = new String[n];
        String[] userIds = new String[n];
        String[] itemIds = new String[n];
        short[] types = new short[n];
        double[] values = new double[n];
        long[] times = new long[n];
        String[] recs = new String[n];
        Set<String> users = new TreeSet<>();
        Set<String> items = new TreeSet<>();
        Map<String, EventRecord> byId = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            EventRecord e = events.get(i);
            eventIds[i] = e.eventId();
            userIds[i] = e.userId();
            itemIds[i] = e.itemId();
            types[i] = (short) e.kind().code();
            values[i] = e.value();
            times[i] = e.occurredAtMicros();
            recs[i] = e.recommendationId();
            users.add(e.userId());
            items.add(e.itemId());
            byId.putIfAbsent(e.eventId(), e);
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, EVENT_LOG_LOCK);
                lock.setString(2, tenant);
                lock.execute();
            }
            insertBare(c, "INSERT INTO users (tenant_id, user_id) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING", tenant, users);
            insertBare(c, "INSERT INTO items (tenant_id, item_id) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING", tenant, items);
            List<EventRecord> inserted = new ArrayList<>(n);
            try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS)) {
                ps.setString(1, tenant);
                ps.setArray(2, c.createArrayOf("text", eventIds));
                ps.setArray(3, c.createArrayOf("text", userIds));
                ps.setArray(4, c.createArrayOf("text", itemIds));
                ps.setArray(5, primitiveArray(c, "int2", types));
                ps.setArray(6, primitiveArray(c, "float8", values));
                ps.setArray(7, primitiveArray(c, "int8", times));
                ps.setArray(8, c.createArrayOf("text", recs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inserted.add(byId.get(rs.getString(2)).withSequence(rs.getLong(1)));
                    }
                }
            }
            inserted.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            return inserted;
        }
    }

    /**
     * A timestamptz column as microseconds since the epoch. Decoded in Java (from the driver's binary format
     * once the statement is server-prepared): converting in SQL with extract() costs the database more than
     * the whole rest of a profile query.
     */
    private static long micros(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t.toEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** A SQL array of a primitive Java array, without boxing (a PostgreSQL driver extension). */
    private static Array primitiveArray(Connection c, String type, Object values) throws SQLException {
        return c.unwrap(PGConnection.class).createArrayOf(type, values);
    }

    private static void insertBare(Connection c, String sql, String tenant, Set<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setArray(2, c.createArrayOf("text", ids.toArray(String[]::new)));
            ps.executeUpdate();
        }
    }

    /** The stored sequence of an event id, or -1. */
    public long sequenceOf(String tenant, String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM events WHERE tenant_id = ? AND event_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** The highest sequence of the tenant's log, 0 when empty. */
    public long head(String tenant) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM events WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Consumer of one exported row. */
    @FunctionalInterface
    public interface RowSink {
        void accept(long seq, String userId, String itemId, int type, double value, long occurredAtMicros, String recommendationId);
    }

    /** Streams up to {@code limit} rows with afterSeq < seq <= toSeq, in sequence order; returns how many. */
    public int export(String tenant, long afterSeq, long toSeq, short[] types, int limit, RowSink sink) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(EXPORT)) {
            Array typeArray = primitiveArray(c, "int2", types);
            ps.setString(1, tenant);
            ps.setLong(2, afterSeq);
            ps.setLong(3, toSeq);
            ps.setArray(4, typeArray);
            ps.setArray(5, typeArray);
            ps.setInt(6, limit);
            ps.setFetchSize(limit);
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getShort(4), rs.getDouble(5),
                            micros(rs, 6), rs.getString(7));
                    rows++;
                }
            }
            return rows;
        }
    }

    /** What a profile is computed from: the user's attributes and consent, and their events with item metadata. */
    public record ProfileInput(Map<String, String> attributes, int consent, UserEvents events) {
    }

    /**
     * The user and their events up to {@code asOfMicros}, with their items' category and tags, on one
     * connection outside any transaction (two short reads); null when the user does not exist.
     */
    public ProfileInput profileInput(String tenant, String userId, long asOfMicros) throws SQLException {
        List<String> items = new ArrayList<>();
        UserEvents events = new UserEvents();
        try (Connection c = dataSource.getConnection()) {
            Map<String, String> attributes;
            int consent;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT attributes::text, consent FROM users WHERE tenant_id = ? AND user_id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    attributes = fromJson(rs.getString(1));
                    consent = rs.getShort(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(PROFILE_ROWS)) {
                ps.setString(1, tenant);
                ps.setString(2, userId);
                ps.setLong(3, asOfMicros);
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(rs.getString(1));
                        events.add(rs.getShort(2), rs.getDouble(3), micros(rs, 4), "", null);
                    }
                }
            }
            Map<String, ItemMetadata.Meta> meta = itemMetadata.get(c, tenant, new HashSet<>(items));
            for (int i = 0; i < items.size(); i++) {
                ItemMetadata.Meta m = meta.get(items.get(i));
                events.describeItem(i, m.category(), m.tags());
            }
            return new ProfileInput(attributes, consent, events);
        }
    }

    private Map<String, String> fromJson(String text) {
        try {
            return json.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
