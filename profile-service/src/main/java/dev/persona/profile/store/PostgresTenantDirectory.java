package dev.persona.profile.store;

import dev.persona.common.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** profile-service learns whether a tenant exists from the registry itself, not from its Redis mirror. */
@ApplicationScoped
public class PostgresTenantDirectory implements TenantDirectory {

    @Inject
    TenantSql tenants;

    @Override
    public boolean exists(String tenant) {
        return tenants.find(tenant).isPresent();
    }
}
