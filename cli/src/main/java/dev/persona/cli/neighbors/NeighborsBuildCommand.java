package dev.persona.cli.neighbors;

import dev.persona.api.v1.Entity;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.SimilarityConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code persona neighbors build --entity item|user}: BuildNeighbors, with its progress on stderr. */
@Command(name = "build",
        description = {"Builds the top-K neighbour lists of every item or user (BuildNeighbors).",
                "Builds from a snapshot of the log; the new generation serves once the build is done. Progress goes "
                + "to stderr, phase by phase; the outcome to stdout."})
public final class NeighborsBuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    BuildOptions build;

    @Option(names = "--entity", required = true, paramLabel = "<entity>",
            converter = NeighborNames.EntityConverter.class, completionCandidates = NeighborNames.Entities.class,
            description = "What to build the lists of: ${COMPLETION-CANDIDATES}.")
    Entity entity;

    @Option(names = "--threads", paramLabel = "<n>", defaultValue = "0",
            description = "Worker threads of the build, 0 to " + BuildOptions.MAX_THREADS
                    + "; 0 leaves it to the service (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        NeighborBuild.Built built;
        try (SimilarityConnection similarity = SimilarityConnection.open(connection.similaritySettings())) {
            built = NeighborBuild.run(similarity, build.request(entity, threads),
                    StatusLine.on(spec.commandLine().getErr()));
        }
        spec.commandLine().getOut().println(built.summary());
        return ExitCodes.OK;
    }
}
