package dev.persona.segment.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.persona.api.v1.TrainPredictorResponse;
import dev.persona.common.error.ApiError;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Trained predictors in PostgreSQL (table {@code predictors}): per tenant, versions 1, 2, 3, … in the order they
 * were stored, an opaque model id, the TrainPredictorResponse as the API returned it ({@code summary}) and the model
 * with what it needs to score a user ({@code model}, see {@link StoredPredictor}). Stored predictors never change, so
 * a few recently used ones are kept parsed in memory.
 */
@ApplicationScoped
public class PredictorStore {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(?))";
    private static final String NEXT_VERSION = "SELECT COALESCE(MAX(version), 0) + 1 FROM predictors WHERE tenant_id = ?";
    private static final String INSERT = """
            INSERT INTO predictors (tenant_id, model_id, created_at, target, algorithm, version, summary, model)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""";
    private static final String FIND = "SELECT version, model FROM predictors WHERE tenant_id = ? AND model_id = ?";

    private static final int CACHED = 32;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace()
            .preservingProtoFieldNames();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgroalDataSource dataSource;
    private final Map<String, StoredPredictor> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredPredictor> eldest) {
            return size() > CACHED;
        }
    };

    public PredictorStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a predictor under the tenant's next version.
     *
     * @param summary builds the response to store and return from the new model id and version
     * @return the stored response
     */
    @Transactional
    public TrainPredictorResponse save(String tenant, Instant createdAt, StoredPredictor predictor,
                                       BiFunction<String, Integer, TrainPredictorResponse> summary) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(LOCK)) {
                ps.setString(1, "persona:predictors:" + tenant);
                ps.execute();
            }
            int version;
            try (PreparedStatement ps = c.prepareStatement(NEXT_VERSION)) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    version = rs.getInt(1);
                }
            }
            byte[] salt = new byte[4];
            RANDOM.nextBytes(salt);
            String modelId = "p" + version + "-" + HexFormat.of().formatHex(salt);
            TrainPredictorResponse response = summary.apply(modelId, version);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, tenant);
                ps.setString(2, modelId);
                ps.setObject(3, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
                ps.setString(4, predictor.target().name());
                ps.setString(5, predictor.model().algorithm().name());
                ps.setInt(6, version);
                ps.setString(7, PRINTER.print(response));
                ps.setString(8, JSON.writeValueAsString(predictor.toJson()));
                ps.executeUpdate();
            }
            return response;
        } catch (SQLException e) {
            throw ApiError.unavailable("PostgreSQL failed: " + e.getMessage(), e);
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalStateException("a predictor could not be written as JSON", e);
        }
    }

    /** The stored predictor, if any. */
    public Optional<StoredPredictor> find(String tenant, String modelId) {
        String key = tenant + "\t" + modelId;
        synchronized (cache) {
            StoredPredictor hit = cache.get(key);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        StoredPredictor found;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, tenant);
            ps.setString(2, modelId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                JsonNode model = JSON.readTree(rs.getString(2));
                found = StoredPredictor.fromJson((ObjectNode) model, rs.getInt(1));
            }
        } catch (SQLException e) {
            throw ApiError.unavailable("PostgreSQL failed: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored predictor " + modelId + " is not readable", e);
        }
        synchronized (cache) {
            cache.put(key, found);
        }
        return Optional.of(found);
    }
}
