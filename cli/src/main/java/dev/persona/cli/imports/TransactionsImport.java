package dev.persona.cli.imports;

import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InputPaths;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.formats.Transactions;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.RecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona import transactions <csv>}: retail transactions as PURCHASE events. */
@Command(name = "transactions",
        description = {"Imports retail transactions as PURCHASE events.",
                "Imports a transactions CSV (header customer_id,trans_date,tran_amount; trans_date M/D/YYYY or D-Mon-YY; "
                + "optional product_id or item_id column, else the item is \"store\") as PURCHASE events. "
                + "Event ids are deterministic, so importing the same file again adds nothing."})
public final class TransactionsImport implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    BadLineOptions badLineOptions;

    @Parameters(paramLabel = "<csv>", description = "The transactions file.")
    Path csv;

    @Option(names = "--limit", paramLabel = "N", description = "Import at most N transactions.")
    Long limit;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (limit != null && limit < 0) {
            throw CliException.usage("--limit must be 0 or more");
        }
        Path file = InputPaths.file(csv);
        long maxEvents = limit == null ? Long.MAX_VALUE : limit;
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings())) {
            new FileImports(spec.commandLine().getOut(), status, badLineOptions.failFast()).run(file,
                    (path, bad) -> RecordReader.openWithHeader(path, Decoding.UTF_8, Transactions::fromHeader, bad)
                            .limit(maxEvents),
                    new Uploader(profiles, status)::events);
        }
        return ExitCodes.OK;
    }
}
