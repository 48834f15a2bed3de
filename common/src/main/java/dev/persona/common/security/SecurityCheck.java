package dev.persona.common.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service whose active profiles include prod (the packaged service, unless started with another
 * profile) with authentication switched off, or that calls profile-service without a token of its own to present
 * (every such call would fail); says loudly when authentication is off anywhere else.
 */
@ApplicationScoped
public class SecurityCheck {

    private static final Logger LOG = Logger.getLogger(SecurityCheck.class);

    @Inject
    SecurityConfig config;

    /** Whether this service calls profile-service (common's wiring, set at build time). */
    @ConfigProperty(name = "persona.uses-profile-service", defaultValue = "false")
    boolean usesProfileService;

    /** The PostgreSQL password of a service that keeps data there (none for a service without a datasource). */
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> databasePassword;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    Optional<String> databaseKind;

    void onStart(@Observes StartupEvent event) {
        check(config.enabled(), ConfigUtils.getProfiles());
        checkServiceToken(config.enabled() && usesProfileService, config.serviceTokenFile(), config.client(),
                ConfigUtils.getProfiles());
        checkDatabasePassword(databaseKind.isPresent(), databasePassword, ConfigUtils.getProfiles());
    }

    static void checkDatabasePassword(boolean hasDatabase, Optional<String> password, List<String> profiles) {
        if (hasDatabase && profiles.contains("prod") && password.filter(p -> !p.isEmpty()).isEmpty()) {
            throw new IllegalStateException("DB_PASSWORD (quarkus.datasource.password) is required in the prod "
                    + "profile: each service connects as its own PostgreSQL role (deploy/datastores), with a password");
        }
    }

    static void checkServiceToken(boolean needed, Optional<String> file, SecurityConfig.Client client,
                                  List<String> profiles) {
        if (client.tokenUrl().isPresent()) {
            if (client.id().isEmpty() || client.secret().isEmpty()) {
                throw new IllegalStateException("PERSONA_OIDC_TOKEN_URL is set: PERSONA_OIDC_CLIENT_ID and "
                        + "PERSONA_OIDC_CLIENT_SECRET are required too (persona.security.client.*)");
            }
            return;
        }
        if (needed && profiles.contains("prod") && file.filter(f -> !f.isBlank()).isEmpty()) {
            throw new IllegalStateException("PERSONA_SERVICE_TOKEN_FILE (persona.security.service-token-file) or "
                    + "PERSONA_OIDC_TOKEN_URL (persona.security.client.token-url) is required in the prod profile: "
                    + "this service calls profile-service, which refuses calls without a token");
        }
    }

    static void check(boolean enabled, List<String> profiles) {
        if (enabled) {
            return;
        }
        if (profiles.contains("prod")) {
            throw new IllegalStateException(
                    "persona.security.enabled=false is refused in the prod profile: every call must be authenticated");
        }
        LOG.warn("AUTHENTICATION IS OFF (persona.security.enabled=false): every caller is an administrator of "
                + "every tenant. Never run like this where anyone else can reach the ports.");
    }
}
