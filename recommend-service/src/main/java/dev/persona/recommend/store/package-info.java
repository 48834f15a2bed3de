/**
 * What this replica reads and keeps. From profile-service: each tenant's catalogue and log in memory
 * ({@link dev.persona.recommend.store.TenantStore}, {@link dev.persona.recommend.store.TenantData}) and who denied
 * consent ({@link dev.persona.recommend.store.Consents}). From Redis: users' recent history
 * ({@link dev.persona.recommend.store.RecentHistory}) and similarity-service's neighbour lists through common's
 * reader ({@link dev.persona.recommend.store.NeighborReading}). In PostgreSQL: trained model versions
 * ({@link dev.persona.recommend.store.ModelStore}, the decoded serving ones in
 * {@link dev.persona.recommend.store.ServingModels}) and strategy metrics
 * ({@link dev.persona.recommend.store.MetricsStore}, written in bulk by
 * {@link dev.persona.recommend.store.MetricsLog}).
 * It may import config, the algorithm packages, core, common's profile client, Redis, neighbour and error glue, the
 * generated {@code dev.persona.api} messages of the log, JDBC, Agroal, Jackson, the Redis client, CDI, the Quarkus
 * scheduler and Micrometer; never service or grpc.
 */
package dev.persona.recommend.store;
