package dev.persona.cli.neighbors;

import picocli.CommandLine.Command;

/** {@code persona neighbors ...}: builds and reads the neighbour lists of similarity-service. */
@Command(name = "neighbors", description = "Builds and reads similar items and users (similarity-service).",
        subcommands = {NeighborsBuildCommand.class, NeighborsItemsCommand.class, NeighborsUsersCommand.class,
                NeighborsSimilarityCommand.class, NeighborsStatusCommand.class})
public final class NeighborsCommand {
}
