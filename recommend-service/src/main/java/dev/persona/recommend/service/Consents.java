package dev.persona.recommend.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.persona.api.v1.ConsentStatus;
import dev.persona.common.profile.ProfileClient;
import dev.persona.recommend.config.RecommendConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Whether a user may get personalised output, asked of ProfileService and remembered for {@code consent-ttl}.
 * Unknown users may (they are cold starts); when ProfileService cannot answer, nobody is personalised: consent is
 * never assumed.
 */
@ApplicationScoped
public class Consents {

    @Inject
    ProfileClient profile;

    @Inject
    RecommendConfig config;

    private Cache<String, Optional<ConsentStatus>> known;

    @PostConstruct
    void init() {
        known = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(config.consentTtl()).build();
    }

    /** Whether personalised output (and reading the user's history) is allowed. */
    public boolean personalised(String tenant, String userId) {
        String key = tenant + '\n' + userId;
        Optional<ConsentStatus> consent = known.getIfPresent(key);
        if (consent == null) {
            try {
                consent = Optional.ofNullable(profile.userConsent(tenant, userId));
            } catch (RuntimeException e) {
                return false;
            }
            known.put(key, consent);
        }
        return consent.map(c -> c != ConsentStatus.CONSENT_STATUS_DENIED).orElse(true);
    }
}
