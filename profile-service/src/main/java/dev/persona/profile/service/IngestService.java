package dev.persona.profile.service;

import dev.persona.profile.config.ProfileConfig;
import dev.persona.profile.store.BulkSql;
import dev.persona.profile.store.ChangeFeed;
import dev.persona.profile.store.EventRecord;
import dev.persona.profile.store.ItemMetadata;
import dev.persona.profile.store.ItemRecord;
import dev.persona.profile.store.UserRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes users, items and events. Every batch commits in its own transaction; committed events then go to
 * the change feed and recent histories (best effort: the log in PostgreSQL is the record).
 */
@ApplicationScoped
public class IngestService {

    @Inject
    BulkSql sql;

    @Inject
    ChangeFeed feed;

    @Inject
    ProfileConfig config;

    @Inject
    ItemMetadata itemMetadata;

    private final Counter ingested;

    public IngestService(MeterRegistry registry) {
        ingested = Counter.builder("persona.events.ingested")
                .description("Events committed to the log (duplicates not counted)").register(registry);
    }

    /** The outcome of RecordEvent: whether it was a duplicate, and the event's sequence. */
    public record RecordResult(boolean duplicate, long sequence) {
    }

    /** Whether the user was created (rather than replaced). */
    public boolean putUser(String tenant, UserRecord user) {
        return inTransaction(() -> sql.upsertUsers(tenant, List.of(user))).created().contains(user.userId());
    }

    /** Whether the item was created (rather than replaced). */
    public boolean putItem(String tenant, ItemRecord item) {
        return writeItems(tenant, List.of(item)).created().contains(item.itemId());
    }

    private BulkSql.Upserted writeItems(String tenant, List<ItemRecord> items) {
        BulkSql.Upserted r = inTransaction(() -> sql.upsertItems(tenant, items));
        itemMetadata.invalidate(tenant, items.stream().map(ItemRecord::itemId).toList());
        return r;
    }

    public RecordResult record(String tenant, EventRecord event) {
        List<EventRecord> inserted = inTransaction(() -> sql.insertEvents(tenant, List.of(event)));
        if (inserted.isEmpty()) {
            return new RecordResult(true, inTransaction(() -> sql.sequenceOf(tenant, event.eventId())));
        }
        feed.publishEvents(tenant, inserted);
        ingested.increment(inserted.size());
        return new RecordResult(false, inserted.get(0).sequence());
    }

    public BatchImport<UserRecord> userImport(String tenant) {
        return new BatchImport<>(config.ingest().batchSize(), config.ingest().maxRejections(),
                batch -> inTransaction(() -> sql.upsertUsers(tenant, batch)).written(), UserRecord::userId);
    }

    public BatchImport<ItemRecord> itemImport(String tenant) {
        return new BatchImport<>(config.ingest().batchSize(), config.ingest().maxRejections(),
                batch -> writeItems(tenant, batch).written(), ItemRecord::itemId);
    }

    public BatchImport<EventRecord> eventImport(String tenant) {
        return new BatchImport<>(config.ingest().batchSize(), config.ingest().maxRejections(), batch -> {
            List<EventRecord> inserted = inTransaction(() -> sql.insertEvents(tenant, batch));
            feed.publishEvents(tenant, inserted);
            ingested.increment(inserted.size());
            return inserted.size();
        }, null);
    }

    /** A unit of SQL work. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    static <T> T inTransaction(SqlWork<T> work) {
        return QuarkusTransaction.requiringNew().call(work::run);
    }
}
