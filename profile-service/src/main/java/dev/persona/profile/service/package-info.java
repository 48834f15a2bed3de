/**
 * The use cases: ingestion one committed batch at a time, then the change feed
 * ({@link dev.persona.profile.service.IngestService}, {@link dev.persona.profile.service.BatchImport}), reads and
 * derived profiles ({@link dev.persona.profile.service.ReadService}), and erasure with the relay of its outbox
 * ({@link dev.persona.profile.service.ErasureService}), and the tenant registry with its Redis mirror
 * ({@link dev.persona.profile.service.TenantService}). It owns the transactions. It may import store, config and
 * profile, common's error vocabulary and tenant mirror, the Quarkus transaction, scheduler and metrics APIs; never grpc, protobuf
 * or SQL of its own.
 */
package dev.persona.profile.service;
