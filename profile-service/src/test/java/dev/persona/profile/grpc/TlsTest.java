package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.api.v1.CreateTenantRequest;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.PutUserRequest;
import dev.persona.api.v1.User;
import dev.persona.common.testing.TenantStubs;
import dev.persona.common.testing.TestCertificates;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The API port with TLS on, as in the prod profile: a client trusting the service's CA is served; a plaintext
 * client and a client trusting another CA are refused before any call reaches the service.
 */
@QuarkusTest
@TestProfile(TlsTest.Tls.class)
class TlsTest {

    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestCertificates.serverTls();
        }
    }

    @ConfigProperty(name = "quarkus.http.test-ssl-port", defaultValue = "8444")
    int port;

    private final String tenant = "tls-" + UUID.randomUUID();

    private <T> T withChannel(ChannelCredentials credentials, java.util.function.Function<ManagedChannel, T> use)
            throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
        try {
            return use.apply(channel);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private String putAndGet(ManagedChannel channel) {
        ProfileServiceGrpc.ProfileServiceBlockingStub stub = TenantStubs.bound(ProfileServiceGrpc.newBlockingStub(channel), tenant);
        TenantStubs.platform(stub).createTenant(CreateTenantRequest.newBuilder().setTenantId(tenant).build());
        stub.putUser(PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("u1")).build());
        return stub.getUser(GetUserRequest.newBuilder().setUserId("u1").build()).getUser().getUserId();
    }

    @Test
    void aClientTrustingTheServicesCaIsServed() throws IOException, InterruptedException {
        ChannelCredentials tls = TlsChannelCredentials.newBuilder().trustManager(TestCertificates.ca().toFile()).build();
        assertEquals("u1", withChannel(tls, this::putAndGet));
    }

    @Test
    void aPlaintextClientIsRefused() throws InterruptedException {
        StatusRuntimeException e = withChannel(InsecureChannelCredentials.create(),
                channel -> assertThrows(StatusRuntimeException.class, () -> putAndGet(channel)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void aClientTrustingAnotherCaIsRefused() throws IOException, InterruptedException {
        ChannelCredentials other = TlsChannelCredentials.newBuilder().trustManager(TestCertificates.otherCa().toFile())
                .build();
        StatusRuntimeException e = withChannel(other,
                channel -> assertThrows(StatusRuntimeException.class, () -> putAndGet(channel)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.getStatus().toString());
    }
}
