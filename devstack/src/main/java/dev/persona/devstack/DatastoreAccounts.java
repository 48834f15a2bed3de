package dev.persona.devstack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the services' own datastore accounts on the embedded stack, where neither psql nor redis-cli exists: runs
 * deploy/datastores/postgres-roles.sql over JDBC as {@code postgres}, and sends one {@code ACL SETUSER} per line of
 * deploy/datastores/redis-users.acl, each with the password in {@code <passwords>/<user>}. Redis before 7 (the
 * embedded one is 6.2) cannot restrict a key to reads: there a read-only pattern ({@code %R~}) is granted in full,
 * and the launcher says so.
 *
 * <pre>java -cp persona-devstack.jar dev.persona.devstack.DatastoreAccounts --pg-port P --redis-port R
 *     --database D --passwords DIR --scripts deploy/datastores</pre>
 */
public final class DatastoreAccounts {

    private DatastoreAccounts() {
    }

    public static void main(String[] args) throws Exception {
        int pgPort = 0;
        int redisPort = 0;
        String database = "persona";
        Path passwords = null;
        Path scripts = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--pg-port" -> pgPort = Integer.parseInt(args[i + 1]);
                case "--redis-port" -> redisPort = Integer.parseInt(args[i + 1]);
                case "--database" -> database = args[i + 1];
                case "--passwords" -> passwords = Path.of(args[i + 1]);
                case "--scripts" -> scripts = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (pgPort == 0 || redisPort == 0 || passwords == null || scripts == null) {
            System.err.println("usage: DatastoreAccounts --pg-port P --redis-port R --database D --passwords DIR "
                    + "--scripts DIR");
            System.exit(2);
        }
        postgres(pgPort, database, passwords, Files.readString(scripts.resolve("postgres-roles.sql")));
        redis(redisPort, passwords, Files.readAllLines(scripts.resolve("redis-users.acl")));
        System.out.println("datastore accounts: PostgreSQL roles persona_<service> and Redis users persona-<service>"
                + " for profile, similarity, recommend and segment");
    }

    static void postgres(int port, String database, Path passwords, String script) throws IOException, SQLException {
        String url = "jdbc:postgresql://" + DevStack.HOST + ":" + port + "/" + database + "?user=postgres";
        try (Connection c = DriverManager.getConnection(url)) {
            for (String service : List.of("profile", "similarity", "recommend", "segment")) {
                try (PreparedStatement set = c.prepareStatement("SELECT set_config(?, ?, false)")) {
                    set.setString(1, "persona." + service + "_password");
                    set.setString(2, Files.readString(passwords.resolve("persona-" + service)).trim());
                    set.execute();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute(script);
            }
        }
    }

    static void redis(int port, Path passwords, List<String> acl) throws IOException {
        try (Socket socket = new Socket(DevStack.HOST, port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String info = send(out, in, List.of("INFO", "server"));
            boolean selectors = !info.contains("redis_version:6.") && !info.contains("redis_version:5.");
            if (!selectors) {
                System.out.println("datastore accounts: this Redis is older than 7 and cannot restrict a key to reads;"
                        + " the followers' read-only keys (the change feeds) are writable to them here");
            }
            for (String line : acl) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] words = trimmed.split("\\s+");
                List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", words[0], "reset", "on",
                        ">" + Files.readString(passwords.resolve(words[0])).trim()));
                for (int i = 1; i < words.length; i++) {
                    command.add(selectors ? words[i] : words[i].replace("%R~", "~"));
                }
                String reply = send(out, in, command);
                if (!"OK".equals(reply)) {
                    throw new IOException("ACL SETUSER " + words[0] + ": " + reply);
                }
            }
        }
    }

    /** Sends one command and reads a simple, error or bulk string reply. */
    private static String send(OutputStream out, InputStream in, List<String> command) throws IOException {
        StringBuilder request = new StringBuilder("*").append(command.size()).append("\r\n");
        for (String word : command) {
            request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                    .append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String first = readLine(in);
        if (first.startsWith("$")) {
            int length = Integer.parseInt(first.substring(1));
            byte[] body = in.readNBytes(length + 2);
            return new String(body, 0, length, StandardCharsets.UTF_8);
        }
        return first.substring(1);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
