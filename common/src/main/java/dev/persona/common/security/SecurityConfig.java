package dev.persona.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** The {@code persona.security.} settings every service shares (common's META-INF/microprofile-config.properties). */
@ConfigMapping(prefix = "persona.security")
public interface SecurityConfig {

    /** false lets every caller in as an administrator of every tenant: refused in the prod profile. */
    @WithDefault("true")
    boolean enabled();

    /** The file holding this service's own token, presented when it calls another service. */
    @WithName("service-token-file")
    Optional<String> serviceTokenFile();

    /** OAuth 2.0 client credentials, with which this service obtains its own token instead of reading a file. */
    Client client();

    /** A client of the identity provider's token endpoint (client credentials grant). */
    interface Client {

        /** The token endpoint, for example Keycloak's {@code https://<host>/realms/<realm>/protocol/openid-connect/token}. */
        @WithName("token-url")
        Optional<String> tokenUrl();

        /** The client id. */
        Optional<String> id();

        /** The client secret. */
        Optional<String> secret();
    }
}
