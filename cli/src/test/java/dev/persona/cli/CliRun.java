package dev.persona.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** One run of {@link PersonaCli#execute(PrintWriter, PrintWriter, String...)} with its output. */
public record CliRun(int exitCode, String out, String err) {

    /**
     * Runs a command line as the tests' fake services need it: a command that calls the services gets
     * {@code --plaintext} appended (the fake services serve no TLS), and the one warning line that option prints is
     * left out of {@link #err}. {@link #exactly} runs a command line as it is.
     */
    public static CliRun of(String... args) {
        if (!callsServices(args)) {
            return exactly(args);
        }
        String[] plaintext = Arrays.copyOf(args, args.length + 1);
        plaintext[args.length] = "--plaintext";
        CliRun run = exactly(plaintext);
        String warning = ConnectionOptions.PLAINTEXT_WARNING + System.lineSeparator();
        int at = run.err.indexOf(warning);
        return at < 0 ? run : new CliRun(run.exitCode, run.out,
                run.err.substring(0, at) + run.err.substring(at + warning.length()));
    }

    /** Runs the command line as it is, nothing added or left out. */
    public static CliRun exactly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = PersonaCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Whether the command line names a command that mixes in the connection options (one that calls a service). */
    private static boolean callsServices(String... args) {
        List<CommandLine> parsed;
        try {
            parsed = new CommandLine(new PersonaCli()).parseArgs(args).asCommandLineList();
        } catch (ParameterException e) {
            return false;
        }
        CommandSpec command = parsed.get(parsed.size() - 1).getCommandSpec();
        return command.mixins().values().stream().anyMatch(m -> m.userObject() instanceof ConnectionOptions);
    }

    /** The last line of stdout (the JSON line of a bench). */
    public String lastLine() {
        List<String> lines = out.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
