package dev.persona.cli.imports;

import picocli.CommandLine.Command;

/** {@code persona import ...}: loads a data set into profile-service through its streaming RPCs. */
@Command(name = "import", description = "Imports a data set into profile-service.",
        subcommands = {MovieLensImport.class, TransactionsImport.class, TelcoImport.class})
public final class ImportCommand {
}
