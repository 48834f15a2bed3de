package dev.persona.recommend.service;

import dev.persona.common.redis.RedisKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records what GetStrategyMetrics will need: per tenant, lists served per strategy and hour (a Redis hash
 * {@code persona:<t>:served:<yyyyMMddHH>}, field = strategy), and which strategy served each recommendation id
 * ({@code persona:<t>:rec:<id>}, kept 30 days) so that clicks and purchases carrying the id can be attributed.
 * Sent without waiting: counting never slows or fails a request (a count lost while Redis is down is counted in
 * {@link #dropped()}).
 */
@ApplicationScoped
public class ServedLog {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");
    private static final long KEEP_SECONDS = 30L * 24 * 3600;

    @Inject
    Redis redis;

    private final LongAdder dropped = new LongAdder();

    public void served(String tenant, String recommendationId, Strategy strategy) {
        String hour = RedisKeys.tenantPrefix(tenant) + "served:" + ZonedDateTime.now(ZoneOffset.UTC).format(HOUR);
        redis.batch(List.of(
                Request.cmd(Command.HINCRBY).arg(hour).arg(strategy.name()).arg(1),
                Request.cmd(Command.EXPIRE).arg(hour).arg(KEEP_SECONDS),
                Request.cmd(Command.SET).arg(RedisKeys.of(tenant, "rec", recommendationId)).arg(strategy.name())
                        .arg("EX").arg(KEEP_SECONDS)))
                .subscribe().with(ok -> { }, failure -> dropped.increment());
    }

    /** Counts that could not be recorded since start. */
    public long dropped() {
        return dropped.sum();
    }
}
