package dev.persona.recommend.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.Strategy;
import dev.persona.common.testing.StandInProfileResource;
import dev.persona.common.testing.StandInProfileService;
import dev.persona.common.testing.TestTokens;
import dev.persona.common.testing.TokenEndpointResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/**
 * With a token endpoint configured, recommend-service obtains its own token from the identity provider by client
 * credentials (quarkus-oidc-client) and presents it to profile-service, once for many calls.
 */
@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
@TestProfile(ClientCredentialsTest.WithIdentityProvider.class)
class ClientCredentialsTest extends RecommendTestSupport {

    public static class WithIdentityProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TokenEndpointResource.class));
        }
    }

    @Test
    void callsToProfileServiceCarryTheTokenTheProviderGranted() throws Exception {
        crowd();
        int before = TokenEndpointResource.GRANTED.get();
        for (String user : List.of("p1", "p2", "newbie")) {
            stub().recommend(RecommendRequest.newBuilder().setUserId(user).setK(3)
                    .setStrategy(Strategy.STRATEGY_POPULAR).build());
        }
        String authorization = StandInProfileService.AUTHORIZATIONS.get(tenant);
        assertTrue(authorization != null && authorization.startsWith("Bearer "), String.valueOf(authorization));
        var claims = new JwtConsumerBuilder().setSkipSignatureVerification().setSkipAllValidators().build()
                .processToClaims(authorization.substring("Bearer ".length()));
        assertEquals(TokenEndpointResource.CLIENT_ID, claims.getSubject());
        assertEquals(List.of("service"), claims.getStringListClaimValue("groups"));
        assertEquals(TestTokens.ISSUER, claims.getIssuer());
        assertTrue(TokenEndpointResource.GRANTED.get() - before <= 1, "one token serves many calls until it expires");
        assertEquals(0, TokenEndpointResource.REFUSED.get());
    }
}
