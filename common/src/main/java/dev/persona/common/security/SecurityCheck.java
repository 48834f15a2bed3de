package dev.persona.common.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service in the prod profile with authentication switched off, and says loudly when it is off
 * anywhere else.
 */
@ApplicationScoped
public class SecurityCheck {

    private static final Logger LOG = Logger.getLogger(SecurityCheck.class);

    @Inject
    SecurityConfig config;

    void onStart(@Observes StartupEvent event) {
        check(config.enabled(), LaunchMode.current());
    }

    static void check(boolean enabled, LaunchMode mode) {
        if (enabled) {
            return;
        }
        if (mode == LaunchMode.NORMAL) {
            throw new IllegalStateException(
                    "persona.security.enabled=false is refused in the prod profile: every call must be authenticated");
        }
        LOG.warn("AUTHENTICATION IS OFF (persona.security.enabled=false): every caller is an administrator of "
                + "every tenant. Never run like this where anyone else can reach the ports.");
    }
}
