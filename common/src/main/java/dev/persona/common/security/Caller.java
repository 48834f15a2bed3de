package dev.persona.common.security;

import java.util.Set;

/**
 * Who makes a call, as a verified token says: its subject, the roles of its {@code groups} claim, and the tenants
 * of its {@code tenants} claim ({@code *} grants every tenant).
 *
 * @param subject        the token's {@code sub}
 * @param roles          the roles granted (unknown group names are ignored)
 * @param tenants        the tenants granted, when not {@code allTenants}
 * @param allTenants     whether the token grants every tenant ({@code "*"})
 * @param expiresAtMillis when the token expires (epoch ms)
 */
public record Caller(String subject, Set<Role> roles, Set<String> tenants, boolean allTenants, long expiresAtMillis) {

    /** The claim value that grants every tenant. */
    public static final String ALL_TENANTS = "*";

    public Caller {
        roles = Set.copyOf(roles);
        tenants = Set.copyOf(tenants);
    }

    /** Whether one of the caller's roles is admin or one of {@code allowed}. */
    public boolean mayCall(Set<Role> allowed) {
        if (roles.contains(Role.ADMIN)) {
            return true;
        }
        for (Role r : allowed) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the caller may act for {@code tenant}. */
    public boolean mayUse(String tenant) {
        return allTenants || tenants.contains(tenant);
    }

    /** The one tenant the token names, when it names exactly one (and not all). */
    public java.util.Optional<String> onlyTenant() {
        return !allTenants && tenants.size() == 1 ? java.util.Optional.of(tenants.iterator().next())
                : java.util.Optional.empty();
    }
}
