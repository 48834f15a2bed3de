package dev.persona.cli;

import dev.persona.cli.grpc.ServiceErrors;
import dev.persona.cli.io.DataFileException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** Turns what a command threw into one line on stderr and an exit code, instead of a stack trace. */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        int exitCode = report(e, command, err);
        err.flush();
        return exitCode;
    }

    private static int report(Exception e, CommandLine command, PrintWriter err) {
        if (e instanceof CliException failure) {
            err.println("persona: " + failure.getMessage());
            return failure.exitCode();
        }
        if (e instanceof StatusRuntimeException || e instanceof StatusException) {
            err.println("persona: " + ServiceErrors.describe(e, target(command)));
            Status.Code code = Status.fromThrowable(e).getCode();
            if (code == Status.Code.UNAUTHENTICATED) {
                connectionOptions(command.getCommandSpec())
                        .ifPresent(options -> err.println("persona: " + options.unauthenticatedHint()));
            } else if (code == Status.Code.UNAVAILABLE) {
                connectionOptions(command.getCommandSpec())
                        .flatMap(options -> options.unavailableHint(ServiceErrors.tlsFailed(e),
                                ServiceErrors.answeredWithoutTls(e)))
                        .ifPresent(hint -> err.println("persona: " + hint));
            }
            return ExitCodes.FAILURE;
        }
        if (e instanceof DataFileException bad) {
            err.println("persona: " + bad.getMessage());
            return ExitCodes.FAILURE;
        }
        Throwable io = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (io instanceof NoSuchFileException missing) {
            err.println("persona: no such file: " + missing.getFile());
            return ExitCodes.USAGE;
        }
        if (io instanceof IOException) {
            err.println("persona: cannot read input: " + io);
            return ExitCodes.FAILURE;
        }
        if (e instanceof InterruptedException) {
            err.println("persona: interrupted");
            return ExitCodes.FAILURE;
        }
        err.println("persona: unexpected error (a bug in persona):");
        e.printStackTrace(err);
        return ExitCodes.FAILURE;
    }

    /** The --target of the failed command, for a failure that its channel did not mark with an address. */
    private static String target(CommandLine command) {
        return targetOf(command.getCommandSpec()).orElse("the configured target");
    }

    private static Optional<String> targetOf(CommandSpec spec) {
        return connectionOptions(spec).map(options -> options.target);
    }

    private static Optional<ConnectionOptions> connectionOptions(CommandSpec spec) {
        return spec.mixins().values().stream()
                .map(CommandSpec::userObject)
                .filter(ConnectionOptions.class::isInstance)
                .map(ConnectionOptions.class::cast)
                .findFirst();
    }
}
