package dev.persona.common.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a tenant is registered, as the access gate asks on every call: a tenant once found is remembered by this
 * replica (tenants are never removed), so only a replica's first call for a tenant, or a call naming an unregistered
 * one, reaches the {@link TenantDirectory}. Unregistered answers are not remembered: a tenant registered a moment ago
 * is found at once.
 */
@ApplicationScoped
public class TenantRegistry {

    /** More tenants than this are still checked, but no longer remembered. */
    static final int MAX_REMEMBERED = 100_000;

    private final TenantDirectory directory;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @Inject
    public TenantRegistry(TenantDirectory directory) {
        this.directory = directory;
    }

    /** Whether this replica has found {@code tenant} registered before (memory only; never blocks). */
    public boolean known(String tenant) {
        return known.contains(tenant);
    }

    /**
     * Whether {@code tenant} is registered; may block on the directory.
     *
     * @throws RuntimeException when the registry cannot be reached
     */
    public boolean exists(String tenant) {
        if (known.contains(tenant)) {
            return true;
        }
        if (!directory.exists(tenant)) {
            return false;
        }
        if (known.size() < MAX_REMEMBERED) {
            known.add(tenant);
        }
        return true;
    }
}
