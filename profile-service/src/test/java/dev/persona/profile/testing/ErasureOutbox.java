package dev.persona.profile.testing;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the erasure outbox directly, for tests of the erasure path. */
public final class ErasureOutbox {

    private ErasureOutbox() {
    }

    /** Erasure notices of the tenant still waiting to be published. */
    public static int pending(AgroalDataSource dataSource, String tenant) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM erasure_outbox WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
