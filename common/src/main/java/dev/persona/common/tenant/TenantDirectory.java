package dev.persona.common.tenant;

/**
 * Where a service learns whether a tenant is registered: profile-service asks PostgreSQL, the other services the
 * Redis set profile-service keeps ({@link RedisTenantDirectory}, the default). Called from a worker thread; may block.
 */
public interface TenantDirectory {

    /**
     * Whether {@code tenant} is registered.
     *
     * @throws RuntimeException when the registry cannot be reached (the call is then UNAVAILABLE)
     */
    boolean exists(String tenant);
}
