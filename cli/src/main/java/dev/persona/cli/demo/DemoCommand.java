package dev.persona.cli.demo;

import picocli.CommandLine.Command;

/** {@code persona demo ...}: demo data. */
@Command(name = "demo", description = "Generates demo data.", subcommands = DemoGenerateCommand.class)
public final class DemoCommand {
}
