/**
 * The tenant registry as every service sees it: which tenants exist, so that a call naming an unregistered one is
 * NOT_FOUND rather than the start of a new tenant. profile-service keeps the registry in PostgreSQL and mirrors it
 * to a Redis set; the other services read the set, and each replica remembers the tenants it has seen (tenants are
 * never removed). May import {@code redis}, Quarkus and the Vert.x Redis client.
 */
package dev.persona.common.tenant;
