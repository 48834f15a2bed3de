-- The tenant registry: a call naming a tenant that is not here is NOT_FOUND in every service, so a typo cannot start
-- a new tenant. profile-service mirrors the ids to the Redis set persona:tenants for the other services.
CREATE TABLE tenants (
    tenant_id    VARCHAR(128) PRIMARY KEY,
    display_name VARCHAR(200) NOT NULL DEFAULT '',
    created_at   timestamptz  NOT NULL DEFAULT now(),
    created_by   text         NOT NULL
);

-- Tenants that hold data from before the registry existed are registered as they are.
INSERT INTO tenants (tenant_id, created_by)
SELECT tenant_id, 'migration' FROM users
UNION SELECT tenant_id, 'migration' FROM items
UNION SELECT tenant_id, 'migration' FROM events
ON CONFLICT DO NOTHING;
