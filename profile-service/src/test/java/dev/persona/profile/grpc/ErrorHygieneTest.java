package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.PutUserRequest;
import dev.persona.api.v1.User;
import io.agroal.api.AgroalDataSource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A database error forced inside a call (a trigger that fails for this test's tenant only, with personal data in its
 * message) reaches the caller as INTERNAL with a correlation id, and nothing of the exception or the SQL.
 */
@QuarkusTest
class ErrorHygieneTest extends GrpcTestSupport {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aForcedDatabaseErrorIsInternalWithACorrelationIdAndNoDetail() throws SQLException {
        String trigger = "fail_" + tenant.replace("-", "_");
        sql("CREATE FUNCTION " + trigger + "() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.tenant_id = '" + tenant + "' THEN RAISE EXCEPTION 'secret detail for %', NEW.user_id; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        sql("CREATE TRIGGER " + trigger + " BEFORE INSERT ON public.users FOR EACH ROW EXECUTE FUNCTION " + trigger + "()");
        try {
            StatusRuntimeException e = assertStatus(Status.Code.INTERNAL, "correlation id", () -> blocking().putUser(
                    PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("alice@example.com")).build()));
            String description = String.valueOf(e.getStatus().getDescription());
            for (String leak : new String[] {"secret", "alice", "SQL", "Exception", "users", "at "}) {
                assertFalse(description.contains(leak), () -> "'" + description + "' leaks " + leak);
            }
            assertTrue(description.matches("internal error \\(correlation id [0-9a-f]+\\)"), description);
        } finally {
            sql("DROP TRIGGER " + trigger + " ON public.users");
            sql("DROP FUNCTION " + trigger + "()");
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
