package dev.persona.common.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's token endpoint for the tests: grants client credentials to the client {@value #CLIENT_ID}
 * with the secret {@value #SECRET} (HTTP Basic, as quarkus-oidc-client sends them) and answers with a token signed by
 * the test key: subject {@value #CLIENT_ID}, role {@code service}, every tenant, valid for {@value #EXPIRES_IN} s.
 * Anything else is 401. Points {@code persona.security.client.*} at itself.
 */
public final class TokenEndpointResource implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "recommend-service";
    public static final String SECRET = "client-secret-for-tests";
    public static final int EXPIRES_IN = 300;
    /** Tokens granted so far. */
    public static final AtomicInteger GRANTED = new AtomicInteger();
    /** Requests refused so far. */
    public static final AtomicInteger REFUSED = new AtomicInteger();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET)
                    .getBytes(StandardCharsets.UTF_8));
            boolean granted = "POST".equals(exchange.getRequestMethod())
                    && URLDecoder.decode(body, StandardCharsets.UTF_8).contains("grant_type=client_credentials")
                    && basic.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer;
            if (granted) {
                GRANTED.incrementAndGet();
                String token = TestTokens.sign(CLIENT_ID, List.of("service"), List.of("*"), EXPIRES_IN);
                answer = ("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                        + EXPIRES_IN + "}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
            } else {
                REFUSED.incrementAndGet();
                answer = "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(401, answer.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return Map.of("persona.security.client.token-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/token",
                "persona.security.client.id", CLIENT_ID,
                "persona.security.client.secret", SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
