package dev.persona.cli.neighbors;

import dev.persona.api.v1.Entity;
import dev.persona.api.v1.GetSimilarityRequest;
import dev.persona.api.v1.GetSimilarityResponse;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.SimilarityConnection;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona neighbors similarity --entity item|user <a> <b>}: the exact similarity of two (GetSimilarity). */
@Command(name = "similarity",
        description = {"Prints the exact similarity of two items or two users (GetSimilarity).",
                "Computed on demand from the current log, so it needs no build."})
public final class NeighborsSimilarityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--entity", required = true, paramLabel = "<entity>",
            converter = NeighborNames.EntityConverter.class, completionCandidates = NeighborNames.Entities.class,
            description = "Whether <a> and <b> are items or users: ${COMPLETION-CANDIDATES}.")
    Entity entity;

    @Parameters(index = "0", paramLabel = "<a>", description = "The first id.")
    String a;

    @Parameters(index = "1", paramLabel = "<b>", description = "The second id.")
    String b;

    @Override
    public Integer call() {
        scoring.validate();
        GetSimilarityResponse similarity;
        try (SimilarityConnection similarities = SimilarityConnection.open(connection.similaritySettings())) {
            similarity = similarities.unary().getSimilarity(GetSimilarityRequest.newBuilder()
                    .setEntity(entity)
                    .setA(a)
                    .setB(b)
                    .setMetric(scoring.metric())
                    .setShrinkage(scoring.shrinkage())
                    .setBinary(scoring.binary())
                    .build());
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "score %.4f, support %d%n", similarity.getScore(),
                similarity.getSupport());
        return ExitCodes.OK;
    }
}
