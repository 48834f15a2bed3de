package dev.persona.cli.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which token a call sends: --token, PERSONA_TOKEN, PERSONA_TOKEN_FILE, the developer's token, or none. */
class BearerTokenTest {

    @TempDir
    Path home;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("PERSONA_HOME", home.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private Path developerToken(String text) throws IOException {
        Path dir = Files.createDirectories(home.resolve(".persona/security"));
        return Files.writeString(dir.resolve("developer.jwt"), text);
    }

    @Test
    void theFirstSourceThatIsSetWins() throws IOException {
        Path developer = developerToken("dev-token\n");
        Path file = Files.writeString(home.resolve("token"), "  file-token\n");
        Map<String, String> all = env("PERSONA_TOKEN", "env-token", "PERSONA_TOKEN_FILE", file.toString());
        assertEquals(new BearerToken(Optional.of("option-token"), "--token"), BearerToken.locate("option-token", all));
        assertEquals(new BearerToken(Optional.of("env-token"), "PERSONA_TOKEN"), BearerToken.locate(null, all));
        assertEquals(Optional.of("file-token"),
                BearerToken.locate(null, env("PERSONA_TOKEN", "", "PERSONA_TOKEN_FILE", file.toString())).token());
        assertEquals(new BearerToken(Optional.of("dev-token"), developer.toString()), BearerToken.locate(null, env()));
    }

    @Test
    void withNothingSetNoTokenIsSent() {
        assertEquals(new BearerToken(Optional.empty(), "nowhere"), BearerToken.locate(null, env()));
    }

    @Test
    void anEmptyOptionOrFileMeansNoTokenEvenWithADeveloperToken() throws IOException {
        developerToken("dev-token");
        assertEquals(Optional.empty(), BearerToken.locate("", env()).token());
        Path empty = Files.writeString(home.resolve("empty"), "");
        assertEquals(Optional.empty(), BearerToken.locate(null, env("PERSONA_TOKEN_FILE", empty.toString())).token());
    }

    @Test
    void aNamedTokenFileThatCannotBeReadIsAnError() {
        String missing = home.resolve("missing").toString();
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> BearerToken.locate(null, env("PERSONA_TOKEN_FILE", missing)));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }
}
