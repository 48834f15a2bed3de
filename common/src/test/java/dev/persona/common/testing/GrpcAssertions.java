package dev.persona.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.common.redis.RedisKeys;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.function.Executable;

/** Assertions the services' gRPC tests share. */
public final class GrpcAssertions {

    private GrpcAssertions() {
    }

    /** The call fails with {@code code} and a description that mentions {@code fragment}. */
    public static void assertStatus(Status.Code code, String fragment, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        String description = String.valueOf(e.getStatus().getDescription());
        assertTrue(description.contains(fragment), "'" + description + "' should mention '" + fragment + "'");
    }

    /** Waits up to 15 s for the condition, polling every 50 ms. */
    public static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Appends an entry to the tenant's change feed, as profile-service does ("kind", "erase", "user", "u3"). */
    public static void feed(Redis redis, String tenant, String... fieldsAndValues) {
        Request xadd = Request.cmd(Command.XADD).arg(RedisKeys.feed(tenant)).arg("*");
        for (String f : fieldsAndValues) {
            xadd.arg(f);
        }
        redis.send(xadd).await().atMost(Duration.ofSeconds(5));
    }
}
