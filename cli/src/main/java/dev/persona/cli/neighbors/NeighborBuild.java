package dev.persona.cli.neighbors;

import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.BuildNeighborsResponse;
import dev.persona.api.v1.BuildResult;
import dev.persona.cli.CliException;
import dev.persona.cli.console.PhaseProgress;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.SimilarityConnection;
import java.time.Duration;
import java.util.Locale;

/** One BuildNeighbors call, its progress shown phase by phase on stderr. */
public final class NeighborBuild {

    /** What the service reported, and how long the call took as seen from here. */
    public record Built(BuildResult result, Duration elapsed) {

        /** For example "item cosine neighbours: generation 3, 1,682 entities, 84,100 pairs, ... in 2.31 s". */
        public String summary() {
            return String.format(Locale.ROOT,
                    "%s %s neighbours: generation %d, %,d entities, %,d pairs, built to sequence %,d, "
                            + "in %.2f s (%.2f s for the call)",
                    NeighborNames.of(result.getEntity()), NeighborNames.of(result.getMetric()),
                    result.getGeneration(), result.getEntities(), result.getPairs(), result.getBuiltToSequence(),
                    result.getElapsedMs() / 1e3, elapsed.toNanos() / 1e9);
        }
    }

    private NeighborBuild() {
    }

    public static Built run(SimilarityConnection similarity, BuildNeighborsRequest request, StatusLine status) {
        long start = System.nanoTime();
        BuildResult result = PhaseProgress.follow(similarity.serverStreaming().buildNeighbors(request), status,
                (BuildNeighborsResponse r) -> r.hasProgress() ? r.getProgress() : null,
                r -> r.hasResult() ? r.getResult() : null)
                .orElseThrow(() -> CliException.failure("similarity-service ended the build without a result"));
        return new Built(result, Duration.ofNanos(System.nanoTime() - start));
    }
}
