package dev.persona.common.wiring;

import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.common.profile.ProfileClient;
import dev.persona.common.security.SecurityConfig;
import dev.persona.common.security.ServiceToken;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

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

    @Produces
    @Singleton
    ProfileClient profileClient() {
        return new ProfileClient(stub, ServiceToken.fromFile(security.serviceTokenFile()));
    }
}
