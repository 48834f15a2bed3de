package dev.persona.cli.demo;

import dev.persona.cli.CliException;
import dev.persona.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona demo generate <dir>}: a small synthetic data set, for when no real data is configured. */
@Command(name = "generate",
        description = {"Writes a small synthetic data set in the ml-100k layout.",
                "Writes a small synthetic data set in the ml-100k layout (u.user, u.item, u.genre, u.data), "
                + "the same for the same seed; import it with: persona import movielens <dir>."})
public final class DemoGenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<dir>", description = "Where to write the files (created if needed).")
    Path dir;

    @Option(names = "--users", defaultValue = "300", description = "Users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items", defaultValue = "200", description = "Films (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--ratings", defaultValue = "12000", description = "Ratings (default: ${DEFAULT-VALUE}).")
    int ratings;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        DemoSettings settings;
        try {
            settings = new DemoSettings(users, items, ratings, seed);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        DemoGenerator.write(settings, dir);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %,d users, %,d films and %,d ratings to %s%n",
                users, items, ratings, dir);
        return ExitCodes.OK;
    }
}
