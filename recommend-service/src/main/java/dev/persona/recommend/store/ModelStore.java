package dev.persona.recommend.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.common.error.ApiError;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Model versions in PostgreSQL: the fitted model (binary) with its parameters, training metrics and the log
 * position it was trained to, numbered per tenant and type ("als-implicit-7"), and which version serves each type;
 * and the advisory lock that lets one training per tenant and type run at a time.
 */
@ApplicationScoped
public class ModelStore {

    /** Advisory-lock class of version numbering; the second key is the hash of tenant and type. */
    private static final int NUMBERING_LOCK = 0x4d4f444c;
    /** Advisory-lock class of trainings; the second key is the hash of tenant and type. */
    private static final int TRAINING_LOCK = 0x5452414e;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ModelStore.class);

    private static final String COLUMNS = """
            m.model_version, m.model_type, m.number, m.trained_at, m.factors, m.iterations, m.regularization,
            m.alpha, m.seed, m.training_metrics::text, m.trained_to_sequence, m.users, m.items, m.elapsed_ms,
            (s.model_version IS NOT NULL)""";

    /**
     * One stored version (without the model itself).
     *
     * @param type "ALS_EXPLICIT", "ALS_IMPLICIT" or "EASE"
     */
    public record Version(String version, String type, int number, long trainedAtMillis, int factors, int iterations,
                          double regularization, double alpha, long seed, Map<String, Double> metrics,
                          long trainedToSequence, long users, long items, long elapsedMs, boolean serving) {
    }

    private final AgroalDataSource dataSource;

    public ModelStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The version id of a type and number, for example "als-implicit-7". */
    static String versionId(String type, int number) {
        return type.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + number;
    }

    /**
     * Stores a new version (its number is the next of the tenant and type) and, when {@code serve}, makes it the
     * serving version of its type, in one transaction. Returns the stored version.
     */
    @Transactional
    public Version save(String tenant, Version v, byte[] model, boolean serve) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, NUMBERING_LOCK);
                lock.setString(2, tenant + "\t" + v.type());
                lock.execute();
            }
            int number;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(max(number), 0) + 1 FROM models WHERE tenant_id = ? AND model_type = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, v.type());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    number = rs.getInt(1);
                }
            }
            String id = versionId(v.type(), number);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO models (tenant_id, model_version, model_type, number, trained_at, factors, iterations,
                        regularization, alpha, seed, training_metrics, trained_to_sequence, users, items, elapsed_ms,
                        model)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")) {
                int i = 1;
                ps.setString(i++, tenant);
                ps.setString(i++, id);
                ps.setString(i++, v.type());
                ps.setInt(i++, number);
                ps.setTimestamp(i++, new Timestamp(v.trainedAtMillis()));
                ps.setInt(i++, v.factors());
                ps.setInt(i++, v.iterations());
                ps.setDouble(i++, v.regularization());
                ps.setDouble(i++, v.alpha());
                ps.setLong(i++, v.seed());
                ps.setString(i++, json(v.metrics()));
                ps.setLong(i++, v.trainedToSequence());
                ps.setLong(i++, v.users());
                ps.setLong(i++, v.items());
                ps.setLong(i++, v.elapsedMs());
                ps.setBytes(i, model);
                ps.executeUpdate();
            }
            if (serve) {
                serve(c, tenant, v.type(), id);
            }
            return new Version(id, v.type(), number, v.trainedAtMillis(), v.factors(), v.iterations(),
                    v.regularization(), v.alpha(), v.seed(), v.metrics(), v.trainedToSequence(), v.users(), v.items(),
                    v.elapsedMs(), serve);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Runs {@code work} holding the training lock of the tenant and type, a session advisory lock held by a connection
     * of its own, so that one training per tenant and type runs at a time across replicas. ABORTED when another
     * training holds it; UNAVAILABLE when PostgreSQL fails.
     */
    public <T> T underTrainingLock(String tenant, String type, Supplier<T> work) {
        try (Connection lock = dataSource.getConnection()) {
            if (!advisory(lock, "pg_try_advisory_lock", tenant, type)) {
                throw ApiError.aborted("a training of " + type + " is already running in this tenant; "
                        + "retry when it ends");
            }
            try {
                return work.get();
            } finally {
                advisory(lock, "pg_advisory_unlock", tenant, type);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static boolean advisory(Connection c, String function, String tenant, String type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, hashtext(?))")) {
            ps.setInt(1, TRAINING_LOCK);
            ps.setString(2, tenant + "\t" + type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void serve(Connection c, String tenant, String type, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO serving_models (tenant_id, model_type, model_version) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, model_type) DO UPDATE SET model_version = EXCLUDED.model_version""")) {
            ps.setString(1, tenant);
            ps.setString(2, type);
            ps.setString(3, version);
            ps.executeUpdate();
        }
    }

    /** The stored versions, newest first, of one type or (type null) of every type. */
    public List<Version> list(String tenant, String type) {
        String sql = "SELECT " + COLUMNS + """
                 FROM models m LEFT JOIN serving_models s
                  ON s.tenant_id = m.tenant_id AND s.model_type = m.model_type AND s.model_version = m.model_version
                WHERE m.tenant_id = ? AND (?::text IS NULL OR m.model_type = ?)
                ORDER BY m.trained_at DESC, m.number DESC""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            ps.setString(2, type);
            ps.setString(3, type);
            List<Version> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(version(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A serving version and its tenant. */
    public record Serving(String tenant, Version version) {
    }

    /** Every tenant's serving versions. */
    public List<Serving> servingEverywhere() {
        String sql = "SELECT " + COLUMNS + """
                , m.tenant_id FROM models m JOIN serving_models s
                  ON s.tenant_id = m.tenant_id AND s.model_type = m.model_type AND s.model_version = m.model_version
                ORDER BY m.tenant_id, m.model_type""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<Serving> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Serving(rs.getString(16), version(rs)));
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static Version version(ResultSet rs) throws SQLException {
        return new Version(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).getTime(), rs.getInt(5),
                rs.getInt(6), rs.getDouble(7), rs.getDouble(8), rs.getLong(9), metrics(rs.getString(10)),
                rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getBoolean(15));
    }

    /** The serving version of each type of the tenant. */
    public Map<String, String> serving(String tenant) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT model_type, model_version FROM serving_models WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            Map<String, String> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The stored model of a version, or null when there is no such version. */
    public byte[] model(String tenant, String version) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT model FROM models WHERE tenant_id = ? AND model_version = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Rewrites every stored version of the tenant through {@code erase}, which returns the model without the user, or
     * null when the model held nothing of theirs. Returns the number of versions rewritten.
     */
    public int eraseUser(String tenant, UnaryOperator<byte[]> erase) {
        int rewritten = 0;
        for (Version v : list(tenant, null)) {
            byte[] before = model(tenant, v.version());
            byte[] after;
            try {
                after = before == null ? null : erase.apply(before);
            } catch (RuntimeException e) {
                // A version this build cannot read cannot serve either; say so and go on with the others.
                LOG.warnf("tenant %s: model %s not readable (%s); left as it is", tenant, v.version(), e.getMessage());
                continue;
            }
            if (after == null) {
                continue;
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE models SET model = ? WHERE tenant_id = ? AND model_version = ?")) {
                ps.setBytes(1, after);
                ps.setString(2, tenant);
                ps.setString(3, v.version());
                rewritten += ps.executeUpdate();
            } catch (SQLException e) {
                throw failure(e);
            }
        }
        return rewritten;
    }

    private static String json(Map<String, Double> metrics) {
        ObjectNode o = JSON.createObjectNode();
        metrics.forEach(o::put);
        return o.toString();
    }

    private static Map<String, Double> metrics(String json) {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            JsonNode o = JSON.readTree(json);
            o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored training metrics are not JSON", e);
        }
        return out;
    }

    private static RuntimeException failure(SQLException e) {
        return ApiError.unavailable("PostgreSQL failed: " + e.getMessage(), e);
    }
}
