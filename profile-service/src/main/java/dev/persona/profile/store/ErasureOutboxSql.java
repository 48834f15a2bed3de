package dev.persona.profile.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the erasure outbox: a notice is added in the transaction that erases the user and removed once the
 * change feed has it, so an erasure survives Redis being down. Callers hold the transaction; the connection from
 * the data source is enlisted in it.
 */
@ApplicationScoped
public class ErasureOutboxSql {

    @Inject
    AgroalDataSource dataSource;

    /** An erasure notice waiting to be published. */
    public record Pending(long id, String tenant, String userId) {
    }

    /** Adds a notice and returns its id. */
    public long add(String tenant, String userId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO erasure_outbox (tenant_id, user_id) VALUES (?, ?) RETURNING id")) {
            ps.setString(1, tenant);
            ps.setString(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The oldest {@code limit} notices, oldest first. */
    public List<Pending> oldest(int limit) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, tenant_id, user_id FROM erasure_outbox ORDER BY id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    public void remove(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM erasure_outbox WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }
}
