package dev.persona.cli;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests of commands against an in-memory ProfileService and an in-memory SimilarityService, each on a free loopback
 * port, fresh for each test.
 */
public abstract class FakeServicesTest extends FakeServiceTest {

    protected final FakeSimilarityService similarityService = new FakeSimilarityService();
    protected TestServer similarityServer;

    @BeforeEach
    void startSimilarityServer() throws IOException {
        similarityServer = new TestServer(similarityService);
    }

    @AfterEach
    void stopSimilarityServer() throws InterruptedException {
        similarityServer.close();
    }

    /** The command line with both services' addresses and the tenant appended. */
    protected String[] args(String tenant, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 6);
        System.arraycopy(new String[] {"--target", server.target(), "--similarity-target", similarityServer.target(),
            "--tenant", tenant}, 0, all, args.length, 6);
        return all;
    }
}
