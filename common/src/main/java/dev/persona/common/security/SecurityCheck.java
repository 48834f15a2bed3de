package dev.persona.common.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service whose active profiles include prod (the packaged service, unless started with another
 * profile) with authentication switched off, and says loudly when it is off anywhere else.
 */
@ApplicationScoped
public class SecurityCheck {

    private static final Logger LOG = Logger.getLogger(SecurityCheck.class);

    @Inject
    SecurityConfig config;

    void onStart(@Observes StartupEvent event) {
        check(config.enabled(), ConfigUtils.getProfiles());
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
