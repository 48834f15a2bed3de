package dev.persona.cli.imports;

import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InputPaths;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.formats.Telco;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.RecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona import telco <csv>}: the IBM Telco churn customers as users with attributes. */
@Command(name = "telco",
        description = {"Imports the IBM Telco churn customers as users.",
                "Imports the IBM Telco customer churn CSV as users: customerID is the user id, every other "
                + "column an attribute (values trimmed, blank values kept as empty strings)."})
public final class TelcoImport implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    BadLineOptions badLineOptions;

    @Parameters(paramLabel = "<csv>", description = "The Telco churn file.")
    Path csv;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path file = InputPaths.file(csv);
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings())) {
            new FileImports(spec.commandLine().getOut(), status, badLineOptions.failFast()).run(file,
                    (path, bad) -> RecordReader.openWithHeader(path, Decoding.UTF_8, Telco::fromHeader, bad),
                    new Uploader(profiles, status)::users);
        }
        return ExitCodes.OK;
    }
}
