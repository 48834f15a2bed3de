package dev.persona.common.wiring;

import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.common.profile.ProfileClient;
import dev.persona.common.security.OidcServiceToken;
import dev.persona.common.security.SecurityConfig;
import dev.persona.common.security.ServiceToken;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.oidc.client.OidcClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Provides the {@link ProfileClient} of the services that read from ProfileService (gRPC client {@code profile});
 * active only where {@code persona.uses-profile-service=true} is set at build time.
 */
@ApplicationScoped
@IfBuildProperty(name = "persona.uses-profile-service", stringValue = "true")
public class ProfileServiceClient {

    @GrpcClient("profile")
    ProfileServiceGrpc.ProfileServiceBlockingStub stub;

    @Inject
    SecurityConfig security;

    @Inject
    OidcClients oidcClients;

    /**
     * Calls carry this service's own token: obtained by client credentials when a token endpoint is configured,
     * else read from the service token file.
     */
    @Produces
    @Singleton
    ProfileClient profileClient() {
        SecurityConfig.Client client = security.client();
        if (client.tokenUrl().isPresent()) {
            return new ProfileClient(stub, OidcServiceToken.of(oidcClients, client.tokenUrl().get(),
                    client.id().orElse(""), client.secret().orElse("")));
        }
        return new ProfileClient(stub, ServiceToken.fromFile(security.serviceTokenFile()));
    }
}
