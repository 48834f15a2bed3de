package dev.persona.cli;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests of commands against the in-memory services of {@link FakeServicesTest} and a SegmentService serving from the
 * ProfileService's data, each on a free loopback port, fresh for each test.
 */
public abstract class FakeSegmentServicesTest extends FakeServicesTest {

    protected final FakeSegmentService segmentService = new FakeSegmentService(service);
    protected TestServer segmentServer;

    @BeforeEach
    void startSegmentServer() throws IOException {
        segmentServer = new TestServer(segmentService);
    }

    @AfterEach
    void stopSegmentServer() throws InterruptedException {
        segmentServer.close();
    }

    /** The command line with every service's address and the tenant appended. */
    protected String[] segmentArgs(String tenant, String... args) {
        String[] all = args(tenant, args);
        String[] withSegment = Arrays.copyOf(all, all.length + 2);
        withSegment[all.length] = "--segment-target";
        withSegment[all.length + 1] = segmentServer.target();
        return withSegment;
    }
}
