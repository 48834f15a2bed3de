/**
 * Persistence. PostgreSQL, the record: Panache entities and repositories for reads a page at a time, set-based batch
 * SQL ({@link dev.persona.profile.store.BulkSql}), the erasure outbox
 * ({@link dev.persona.profile.store.ErasureOutboxSql}), the tenant registry ({@link dev.persona.profile.store.TenantSql},
 * and {@link dev.persona.profile.store.PostgresTenantDirectory}, where the access gate looks tenants up) and the cache of items' category and tags
 * ({@link dev.persona.profile.store.ItemMetadata}); the validated records those writes take
 * ({@link dev.persona.profile.store.UserRecord}, {@link dev.persona.profile.store.ItemRecord},
 * {@link dev.persona.profile.store.EventRecord}). Redis, best effort: recent histories and the change feed
 * ({@link dev.persona.profile.store.ChangeFeed}) and its trimming ({@link dev.persona.profile.store.FeedTrimmer}).
 * It may import config, profile, common's Redis, feed and tenant glue, Hibernate, JDBC and the Redis client; never service
 * or grpc.
 */
package dev.persona.profile.store;
