package dev.persona.cli.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDatastoresTest {

    @TempDir
    Path dir;

    @Test
    void onePrivatePasswordPerServiceKeptOnceMade() throws IOException {
        LocalDatastores.init(dir);
        Set<String> passwords = new HashSet<>();
        for (String account : LocalDatastores.ACCOUNTS) {
            Path file = dir.resolve("datastores").resolve(account);
            String password = Files.readString(file);
            assertTrue(password.matches("[0-9a-f]{48}"), password);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            passwords.add(password);
        }
        assertEquals(4, passwords.size(), "every service has its own");
        String profile = Files.readString(dir.resolve("datastores/persona-profile"));
        Files.delete(dir.resolve("datastores/persona-segment"));
        assertTrue(LocalDatastores.init(dir).stream().anyMatch(l -> l.startsWith("created ") && l.contains("segment")));
        assertEquals(profile, Files.readString(dir.resolve("datastores/persona-profile")), "kept");
        assertNotEquals(profile, Files.readString(dir.resolve("datastores/persona-segment")));
    }
}
