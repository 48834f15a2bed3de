package dev.persona.cli.jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The passwords of the services' own datastore accounts (deploy/datastores): one per service, used for its
 * PostgreSQL role ({@code persona_<name>}) and its Redis user ({@code persona-<name>}), each in
 * {@code <dir>/datastores/persona-<name>} (owner-only, the password alone). Existing passwords are kept.
 */
public final class LocalDatastores {

    /** The folder under the security directory. */
    public static final String DIR = "datastores";
    /** The Redis user names, which are also the password files' names. */
    public static final List<String> ACCOUNTS =
            List.of("persona-profile", "persona-similarity", "persona-recommend", "persona-segment");
    private static final int PASSWORD_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalDatastores() {
    }

    /** Creates the missing passwords under {@code dir}; returns one line per file saying what was done. */
    public static List<String> init(Path dir) throws IOException {
        Path folder = dir.resolve(DIR);
        KeyFiles.createPrivateDirectory(folder);
        List<String> report = new ArrayList<>();
        for (String account : ACCOUNTS) {
            Path file = folder.resolve(account);
            if (Files.exists(file) && Files.size(file) > 0) {
                report.add("kept     " + file);
                continue;
            }
            byte[] secret = new byte[PASSWORD_BYTES];
            RANDOM.nextBytes(secret);
            KeyFiles.writeSecret(file, HexFormat.of().formatHex(secret));
            report.add("created  " + file + " (" + account + "'s datastore password, owner-only)");
        }
        return report;
    }
}
