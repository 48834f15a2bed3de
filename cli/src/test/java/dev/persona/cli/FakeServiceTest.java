package dev.persona.cli;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of commands against an in-memory ProfileService on a free loopback port, fresh for each test. */
public abstract class FakeServiceTest {

    protected final FakeProfileService service = new FakeProfileService();
    protected TestServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestServer(service);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }
}
