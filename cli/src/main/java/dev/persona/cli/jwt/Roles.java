package dev.persona.cli.jwt;

import java.util.List;

/** The role names a token's {@code groups} claim may hold; the services ignore any other name. */
public final class Roles {

    /** Every role the services know, in the order the README's role table lists them. */
    public static final List<String> ALL =
            List.of("recommend", "ingest", "profile-read", "analyst", "privacy", "service", "admin");

    private Roles() {
    }

    /** The roles, checked; {@link IllegalArgumentException} naming the first unknown one. */
    public static List<String> require(List<String> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("at least one role is needed; roles: " + String.join(", ", ALL));
        }
        for (String role : roles) {
            if (!ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role '" + role + "'; roles: " + String.join(", ", ALL));
            }
        }
        return List.copyOf(roles);
    }
}
