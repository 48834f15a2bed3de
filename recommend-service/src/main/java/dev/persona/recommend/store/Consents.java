package dev.persona.recommend.store;

import dev.persona.common.profile.ProfileClient;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Who may get personalised output: per tenant, the users whose consent is DENIED, read from ProfileService
 * (ExportUsers) on the tenant's first request and again every {@code persona.recommend.consent-refresh}, so that no
 * request waits on ProfileService for it. Unknown users may be personalised (they are cold starts). Until a tenant's
 * list could be read at least once, nobody in it is personalised: consent is never assumed.
 */
@ApplicationScoped
public class Consents {

    private static final Logger LOG = Logger.getLogger(Consents.class);

    @Inject
    ProfileClient profile;

    private final Map<String, Set<String>> denied = new ConcurrentHashMap<>();

    /** Whether personalised output (and reading the user's history) is allowed. */
    public boolean personalised(String tenant, String userId) {
        Set<String> d = denied.get(tenant);
        if (d == null) {
            try {
                d = load(tenant);
            } catch (RuntimeException e) {
                LOG.debugf("consent of tenant %s unknown, serving it non-personalised: %s", tenant, e.getMessage());
                return false;
            }
        }
        return !d.contains(userId);
    }

    @Scheduled(every = "${persona.recommend.consent-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        for (String tenant : denied.keySet()) {
            try {
                load(tenant);
            } catch (RuntimeException e) {
                LOG.debugf("consent refresh of tenant %s skipped: %s", tenant, e.getMessage());
            }
        }
    }

    private Set<String> load(String tenant) {
        Set<String> d = Set.copyOf(profile.deniedUsers(tenant));
        denied.put(tenant, d);
        return d;
    }
}
