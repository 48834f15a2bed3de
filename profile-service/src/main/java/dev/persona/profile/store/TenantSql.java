package dev.persona.profile.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The tenant registry ({@code tenants}): the one place a tenant comes into being. */
@ApplicationScoped
public class TenantSql {

    /** One registered tenant. */
    public record Row(String tenantId, String displayName, Instant createdAt, String createdBy) {
    }

    private static final String COLUMNS = "tenant_id, display_name, created_at, created_by";

    @Inject
    AgroalDataSource dataSource;

    /** Registers a tenant unless it is registered; returns whether this call registered it. */
    public boolean insert(String tenantId, String displayName, String createdBy) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO tenants (tenant_id, display_name, created_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, tenantId);
            s.setString(2, displayName);
            s.setString(3, createdBy);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("registering a tenant failed", e);
        }
    }

    /** The tenant, when registered. */
    public Optional<Row> find(String tenantId) {
        List<Row> rows = query("SELECT " + COLUMNS + " FROM tenants WHERE tenant_id = ?", tenantId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Up to {@code limit} tenants by id after {@code after} (empty: from the first), only those in {@code only}
     * unless it is null.
     */
    public List<Row> page(String after, Collection<String> only, int limit) {
        if (only == null) {
            return query("SELECT " + COLUMNS + " FROM tenants WHERE tenant_id > ? ORDER BY tenant_id LIMIT ?",
                    after, limit);
        }
        return query("SELECT " + COLUMNS + " FROM tenants WHERE tenant_id > ? AND tenant_id = ANY (?) "
                + "ORDER BY tenant_id LIMIT ?", after, only.toArray(String[]::new), limit);
    }

    /** Every registered id. */
    public List<String> ids() {
        return query("SELECT " + COLUMNS + " FROM tenants ORDER BY tenant_id").stream().map(Row::tenantId).toList();
    }

    /** How many tenants are registered. */
    public long count() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM tenants");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting the tenants failed", e);
        }
    }

    private List<Row> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String[] array) {
                    s.setArray(i + 1, c.createArrayOf("varchar", array));
                } else {
                    s.setObject(i + 1, args[i]);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the tenants failed", e);
        }
    }
}
