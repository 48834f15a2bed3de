package dev.persona.devstack;

import dev.persona.devstack.DevStack.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the real servers on free ports in a temporary directory (never the machine's own 5432 and 6379), the way the
 * suite's one-command start does.
 */
class DevStackTest {

    @TempDir
    Path tmp;

    @Test
    void runsRealServersAndKeepsTheDataAcrossARestart() throws Exception {
        Options options = new Options(tmp.resolve("state"), freePort(), freePort(), "persona");
        Path readyFile = options.dir().resolve(DevStack.READY_FILE);

        try (DevStack stack = DevStack.start(options)) {
            assertEquals("devstack ready: postgresql 127.0.0.1:" + options.pgPort() + " redis 127.0.0.1:"
                    + options.redisPort(), stack.readyLine());
            Properties ready = readProperties(readyFile);
            assertEquals(String.valueOf(options.pgPort()), ready.getProperty("pg.port"));
            assertEquals(String.valueOf(options.redisPort()), ready.getProperty("redis.port"));
            assertEquals(String.valueOf(ProcessHandle.current().pid()), ready.getProperty("pid"));

            try (Connection connection = connect(options); Statement sql = connection.createStatement()) {
                try (ResultSet row = sql.executeQuery("SELECT current_database(), current_user")) {
                    assertTrue(row.next());
                    assertEquals("persona", row.getString(1));
                    assertEquals("postgres", row.getString(2));
                }
                sql.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
                sql.execute("INSERT INTO kept VALUES (1, 'from the first run')");
            }
            assertEquals("+PONG", ping(options.redisPort()));
        }
        assertFalse(Files.exists(readyFile), "the ready file goes with the servers");
        assertFree(options.pgPort());
        assertFree(options.redisPort());

        try (DevStack stack = DevStack.start(options);
             Connection connection = connect(options);
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT note FROM kept WHERE id = 1")) {
            assertTrue(row.next(), "the table of the first run is still there");
            assertEquals("from the first run", row.getString(1));
            assertEquals("+PONG", ping(options.redisPort()));
        }
        assertFree(options.pgPort());
    }

    @Test
    void theLauncherStopsBothServersOnSigterm() throws Exception {
        Path dir = tmp.resolve("launched");
        int pgPort = freePort();
        int redisPort = freePort();
        Process launcher = launch("--dir", dir.toString(), "--pg-port", String.valueOf(pgPort),
                "--redis-port", String.valueOf(redisPort));
        try (BufferedReader out = reader(launcher.getInputStream())) {
            assertEquals("devstack ready: postgresql 127.0.0.1:" + pgPort + " redis 127.0.0.1:" + redisPort,
                    out.readLine(), () -> "launcher output: " + stderr(dir));
            assertEquals(String.valueOf(launcher.pid()),
                    readProperties(dir.resolve(DevStack.READY_FILE)).getProperty("pid"));
            long postmaster = Long.parseLong(
                    Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());

            launcher.toHandle().destroy(); // SIGTERM; Process.destroy() would also close its output
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher stops");
            assertEquals("devstack stopped", out.readLine());
            assertFalse(Files.exists(dir.resolve(DevStack.READY_FILE)));
            assertFalse(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false),
                    "PostgreSQL is stopped too");
            assertFree(pgPort);
            assertFree(redisPort);
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void aTakenPortFailsFastWithOneClearLine() throws Exception {
        Path dir = tmp.resolve("taken");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process launcher = launch("--dir", dir.toString(), "--pg-port", String.valueOf(taken.getLocalPort()),
                    "--redis-port", String.valueOf(freePort()));
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, launcher.exitValue());
            assertEquals(List.of("devstack: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use;"
                    + " choose another with --pg-port"), Files.readAllLines(dir.resolveSibling("taken.err")));
        }
    }

    /** The launcher's main in its own JVM, on this test's class path; stderr goes to {@code <dir>.err}. */
    private static Process launch(String... args) throws IOException {
        Path dir = Paths.get(args[1]);
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DevStack.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(dir.resolveSibling(dir.getFileName() + ".err").toFile())
                .start();
    }

    private static String stderr(Path dir) {
        try {
            return Files.readString(dir.resolveSibling(dir.getFileName() + ".err"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Connection connect(Options options) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + options.pgPort() + "/" + options.database() + "?user=postgres");
    }

    /** PING in RESP over a raw socket; returns the reply line. */
    private static String ping(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reader(socket.getInputStream()).readLine();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void assertFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, socket.getLocalPort());
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still in use", e);
        }
    }

    private static Properties readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
