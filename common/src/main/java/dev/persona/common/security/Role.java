package dev.persona.common.security;

import java.util.Optional;

/**
 * The roles a token's {@code groups} claim grants. Each RPC names the roles that may call it in {@link RpcRoles};
 * {@link #ADMIN} may call everything.
 */
public enum Role {
    /** Serving reads: recommendations, neighbours, segment assignment, predictions. */
    RECOMMEND("recommend"),
    /** Writes of users, items and events. */
    INGEST("ingest"),
    /** Reads of one person's data: user and item records, profiles, event histories. */
    PROFILE_READ("profile-read"),
    /** Builds, trainings, evaluations, segmentations, predictors, audiences and their listings. */
    ANALYST("analyst"),
    /** Erasure, export of a person's data, the access log. */
    PRIVACY("privacy"),
    /** What the services call on each other. */
    SERVICE("service"),
    /** Everything. */
    ADMIN("admin");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The name in a token's {@code groups} claim. */
    public String claim() {
        return claim;
    }

    /** The role a {@code groups} entry names, if it names one. */
    public static Optional<Role> of(String claim) {
        for (Role r : values()) {
            if (r.claim.equals(claim)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
