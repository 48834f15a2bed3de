package dev.persona.profile.grpc;

import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.ExportUserDataResponse;
import dev.persona.api.v1.ExportUsersResponse;
import dev.persona.api.v1.Interaction;
import dev.persona.common.error.ApiError;
import dev.persona.profile.repository.BulkSql;
import dev.persona.profile.repository.EventEntity;
import dev.persona.profile.repository.UserEntity;
import dev.persona.profile.service.ReadService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The server streams. Each batch is one short keyset query run on a worker thread when the stream asks for
 * it, so an export holds no transaction or cursor open between batches.
 */
@ApplicationScoped
class ExportStreams {

    @Inject
    BulkSql sql;

    @Inject
    ReadService reads;

    /** Paging state: what comes next, and whether the stream is over. */
    private static final class Cursor {
        long after;
        long head = -1;
        String afterKey = "";
        boolean first = true;
        boolean done;
    }

    Multi<ExportInteractionsResponse> interactions(String tenant, long afterSequence, short[] types, int batchSize) {
        return pages(() -> {
            Cursor c = new Cursor();
            c.after = afterSequence;
            return c;
        }, c -> {
            if (c.head < 0) {
                c.head = sql(() -> sql.head(tenant));
            }
            ExportInteractionsResponse.Builder b = ExportInteractionsResponse.newBuilder().setHeadSequence(c.head);
            Interaction.Builder row = Interaction.newBuilder();
            int n = sql(() -> sql.export(tenant, c.after, c.head, types, batchSize,
                    (seq, user, item, type, value, at, rec) -> b.addInteractions(row.clear()
                            .setSequence(seq).setUserId(user).setItemId(item).setTypeValue(type).setValue(value)
                            .setOccurredAt(ProtoMapper.timestampOfMicros(at)).setRecommendationId(rec).build())));
            if (n == 0) {
                return null;
            }
            c.after = b.getInteractions(n - 1).getSequence();
            c.done = n < batchSize;
            return b.setLastSequence(c.after).build();
        });
    }

    Multi<ExportUsersResponse> users(String tenant, int batchSize) {
        return pages(Cursor::new, c -> {
            List<UserEntity> page = reads.usersAfter(tenant, c.afterKey, batchSize);
            if (page.isEmpty()) {
                return null;
            }
            c.afterKey = page.get(page.size() - 1).userId;
            c.done = page.size() < batchSize;
            ExportUsersResponse.Builder b = ExportUsersResponse.newBuilder();
            page.forEach(u -> b.addUsers(ProtoMapper.user(u)));
            return b.build();
        });
    }

    Multi<ExportUserDataResponse> userData(String tenant, String userId, int batchSize) {
        return pages(Cursor::new, c -> {
            if (c.first) {
                c.first = false;
                return ExportUserDataResponse.newBuilder().setUser(ProtoMapper.user(reads.user(tenant, userId))).build();
            }
            List<EventEntity> page = reads.eventsAfter(tenant, userId, c.after, batchSize);
            if (page.isEmpty()) {
                return null;
            }
            c.after = page.get(page.size() - 1).seq;
            c.done = page.size() < batchSize;
            ExportUserDataResponse.Builder b = ExportUserDataResponse.newBuilder();
            page.forEach(e -> b.addEvents(ProtoMapper.event(e)));
            return b.build();
        });
    }

    /** A stream of pages: {@code next} returns the next message, or null when there is none. */
    private static <T> Multi<T> pages(Supplier<Cursor> start, Function<Cursor, T> next) {
        return Multi.createBy().repeating()
                .uni(start, c -> Uni.createFrom().item(() -> Optional.ofNullable(c.done ? null : next.apply(c)))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .until(Optional::isEmpty)
                .map(Optional::get);
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return QuarkusTransaction.joiningExisting().call(call::run);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException s) {
                throw ApiError.unavailable("database error: " + s.getMessage(), s);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }
}
