package dev.persona.profile.grpc;

import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.ExportItemsResponse;
import dev.persona.api.v1.ExportUserDataResponse;
import dev.persona.api.v1.ExportUsersResponse;
import dev.persona.api.v1.Interaction;
import dev.persona.common.error.ApiError;
import dev.persona.profile.service.ReadService;
import dev.persona.profile.store.BulkSql;
import dev.persona.profile.store.EventEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * The pages of the server streams. Each page is one short keyset query, run when the transport is ready for
 * it, so an export holds no transaction or cursor open between pages.
 */
@ApplicationScoped
class ExportStreams {

    @Inject
    BulkSql sql;

    @Inject
    ReadService reads;

    Calls.Pager<ExportInteractionsResponse> interactions(String tenant, long afterSequence, short[] types, int batchSize) {
        long[] cursor = {afterSequence, -1};
        boolean[] done = {false};
        return () -> {
            if (done[0]) {
                return null;
            }
            if (cursor[1] < 0) {
                cursor[1] = sql(() -> sql.head(tenant));
            }
            ExportInteractionsResponse.Builder b = ExportInteractionsResponse.newBuilder().setHeadSequence(cursor[1]);
            Interaction.Builder row = Interaction.newBuilder();
            int n = sql(() -> sql.export(tenant, cursor[0], cursor[1], types, batchSize,
                    (seq, user, item, type, value, at, rec) -> b.addInteractions(row.clear()
                            .setSequence(seq).setUserId(user).setItemId(item).setTypeValue(type).setValue(value)
                            .setOccurredAt(ProtoMapper.timestampOfMicros(at)).setRecommendationId(rec).build())));
            done[0] = n < batchSize;
            if (n == 0) {
                return null;
            }
            cursor[0] = b.getInteractions(n - 1).getSequence();
            return b.setLastSequence(cursor[0]).build();
        };
    }

    Calls.Pager<ExportUsersResponse> users(String tenant, int batchSize) {
        return byId(batchSize, after -> reads.usersAfter(tenant, after, batchSize), u -> u.userId, page -> {
            ExportUsersResponse.Builder b = ExportUsersResponse.newBuilder();
            page.forEach(u -> b.addUsers(ProtoMapper.user(u)));
            return b.build();
        });
    }

    Calls.Pager<ExportItemsResponse> items(String tenant, int batchSize) {
        return byId(batchSize, after -> reads.itemsAfter(tenant, after, batchSize), i -> i.itemId, page -> {
            ExportItemsResponse.Builder b = ExportItemsResponse.newBuilder();
            page.forEach(i -> b.addItems(ProtoMapper.item(i)));
            return b.build();
        });
    }

    /** The user first (NOT_FOUND when unknown), then the events in commit order. */
    Calls.Pager<ExportUserDataResponse> userData(String tenant, String userId, int batchSize) {
        ExportUserDataResponse first = ExportUserDataResponse.newBuilder().setUser(ProtoMapper.user(reads.user(tenant, userId))).build();
        long[] after = {0};
        boolean[] state = {true, false};
        return () -> {
            if (state[0]) {
                state[0] = false;
                return first;
            }
            if (state[1]) {
                return null;
            }
            List<EventEntity> page = reads.eventsAfter(tenant, userId, after[0], batchSize);
            state[1] = page.size() < batchSize;
            if (page.isEmpty()) {
                return null;
            }
            after[0] = page.get(page.size() - 1).seq;
            ExportUserDataResponse.Builder b = ExportUserDataResponse.newBuilder();
            page.forEach(e -> b.addEvents(ProtoMapper.event(e)));
            return b.build();
        };
    }

    /**
     * Rows ordered by their text id, a page at a time: each page holds the rows after the last id of the one
     * before (ids are never empty, so the first page starts after ""). A short page is the last.
     */
    private static <E, T> Calls.Pager<T> byId(int batchSize, Function<String, List<E>> pageAfter,
            Function<E, String> id, Function<List<E>, T> message) {
        String[] after = {""};
        boolean[] done = {false};
        return () -> {
            if (done[0]) {
                return null;
            }
            List<E> page = pageAfter.apply(after[0]);
            done[0] = page.size() < batchSize;
            if (page.isEmpty()) {
                return null;
            }
            after[0] = id.apply(page.get(page.size() - 1));
            return message.apply(page);
        };
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw ApiError.unavailable("database error: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }
}
