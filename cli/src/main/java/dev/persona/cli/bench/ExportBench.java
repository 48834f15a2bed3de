package dev.persona.cli.bench;

import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.ConnectionSettings;
import dev.persona.cli.grpc.ProfileConnection;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code persona bench export}: how fast a tenant's whole interaction log streams out. */
@Command(name = "export", description = "Times ExportInteractions of the tenant's whole log: rows, seconds, rows/s.")
public final class ExportBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConnectionSettings settings = connection.settings();
        InteractionExport.Count export;
        try (ProfileConnection profiles = ProfileConnection.open(settings)) {
            export = InteractionExport.countAll(profiles, StatusLine.on(spec.commandLine().getErr()));
        }
        out.printf(Locale.ROOT, "exported %,d rows of tenant %s in %.2f s (%,.0f rows/s)%n",
                export.rows(), settings.tenant(), export.seconds(), export.rowsPerSecond());
        out.println(new JsonLine().put("bench", "export").put("tenant", settings.tenant())
                .put("rows", export.rows()).put("seconds", export.seconds())
                .put("rows_per_second", export.rowsPerSecond()));
        return ExitCodes.OK;
    }
}
