package dev.persona.common.tenant;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The registry as the services other than profile-service see it: the Redis set profile-service mirrors it to. */
@ApplicationScoped
@DefaultBean
public class RedisTenantDirectory implements TenantDirectory {

    private final RedisTenants tenants;

    @Inject
    public RedisTenantDirectory(RedisTenants tenants) {
        this.tenants = tenants;
    }

    @Override
    public boolean exists(String tenant) {
        return tenants.contains(tenant);
    }
}
