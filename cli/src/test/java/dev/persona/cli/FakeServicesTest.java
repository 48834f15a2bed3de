package dev.persona.cli;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests of commands against an in-memory ProfileService, SimilarityService and RecommendService, each on a free
 * loopback port, fresh for each test. The RecommendService serves from the ProfileService's data.
 */
public abstract class FakeServicesTest extends FakeServiceTest {

    protected final FakeSimilarityService similarityService = new FakeSimilarityService();
    protected final FakeRecommendService recommendService = new FakeRecommendService(service);
    protected TestServer similarityServer;
    protected TestServer recommendServer;

    @BeforeEach
    void startSimilarityAndRecommendServers() throws IOException {
        similarityServer = new TestServer(similarityService);
        recommendServer = new TestServer(recommendService);
    }

    @AfterEach
    void stopSimilarityAndRecommendServers() throws InterruptedException {
        similarityServer.close();
        recommendServer.close();
    }

    /** The command line with the services' addresses and the tenant appended. */
    protected String[] args(String tenant, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 8);
        System.arraycopy(new String[] {"--target", server.target(), "--similarity-target", similarityServer.target(),
            "--recommend-target", recommendServer.target(), "--tenant", tenant}, 0, all, args.length, 8);
        return all;
    }

    /** The command line with the services' addresses appended, and no tenant. */
    protected String[] argsWithoutTenant(String... args) {
        String[] withTenant = args("unused", args);
        return Arrays.copyOf(withTenant, withTenant.length - 2);
    }
}
