package dev.persona.cli.security;

import picocli.CommandLine.Command;

/** {@code persona security ...}: the local development keys and tokens. */
@Command(name = "security", description = "Local development keys and tokens.",
        subcommands = SecurityInitCommand.class)
public final class SecurityCommand {
}
