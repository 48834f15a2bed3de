package dev.persona.common.security;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The token a service presents when it calls another service, obtained from the identity provider by OAuth 2.0
 * client credentials (quarkus-oidc-client) and obtained again shortly before it expires, so nothing has to write it
 * into a Secret. The provider puts the {@code service} role and the tenants into the token's {@code groups} and
 * {@code tenants} claims (README, "Security"). Called from worker threads: a renewal blocks the call that needs it.
 */
public final class OidcServiceToken implements Supplier<Optional<String>> {

    /** Renewed this long before it expires. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);
    /** Renewed after this long when the provider says nothing about expiry. */
    static final Duration RENEW_UNDATED_AFTER = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OidcClient client;
    private volatile Tokens tokens;
    private volatile long renewAtMillis;

    OidcServiceToken(OidcClient client) {
        this.client = client;
    }

    /** A client of {@code tokenUrl} with this id and secret. */
    public static OidcServiceToken of(OidcClients clients, String tokenUrl, String clientId, String secret) {
        OidcClientConfig config = OidcClientConfig.builder().id("persona-service-token").authServerUrl(tokenUrl)
                .tokenPath(tokenUrl).discoveryEnabled(false).clientId(clientId).credentials(secret)
                .grant(OidcClientConfig.Grant.Type.CLIENT).earlyTokensAcquisition(false).build();
        return new OidcServiceToken(clients.newClient(config).await().atMost(TIMEOUT));
    }

    @Override
    public Optional<String> get() {
        if (tokens == null || System.currentTimeMillis() >= renewAtMillis) {
            renew();
        }
        return Optional.of(tokens.getAccessToken());
    }

    private synchronized void renew() {
        long now = System.currentTimeMillis();
        if (tokens != null && now < renewAtMillis) {
            return;
        }
        Tokens fresh = client.getTokens().await().atMost(TIMEOUT);
        Long expiresAt = fresh.getAccessTokenExpiresAt();
        renewAtMillis = expiresAt == null ? now + RENEW_UNDATED_AFTER.toMillis()
                : Math.max(now, expiresAt * 1000 - RENEW_BEFORE.toMillis());
        tokens = fresh;
    }
}
