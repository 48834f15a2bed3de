package dev.persona.cli.segments;

import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.BuildSegmentationResponse;
import dev.persona.api.v1.Segmentation;
import dev.persona.cli.CliException;
import dev.persona.cli.console.PhaseProgress;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.SegmentConnection;
import java.time.Duration;

/** One BuildSegmentation call, its progress shown phase by phase on stderr. */
public final class SegmentationBuild {

    /** The stored segmentation, and how long the call took as seen from here. */
    public record Built(Segmentation segmentation, Duration elapsed) {

        public double seconds() {
            return elapsed.toNanos() / 1e9;
        }
    }

    private SegmentationBuild() {
    }

    public static Built run(SegmentConnection segments, BuildSegmentationRequest request, StatusLine status) {
        long start = System.nanoTime();
        Segmentation segmentation = PhaseProgress.follow(segments.longRunning().buildSegmentation(request), status,
                (BuildSegmentationResponse r) -> r.hasProgress() ? r.getProgress() : null,
                r -> r.hasSegmentation() ? r.getSegmentation() : null)
                .orElseThrow(() -> CliException.failure(SegmentConnection.SERVICE
                        + " ended the build without a segmentation"));
        return new Built(segmentation, Duration.ofNanos(System.nanoTime() - start));
    }
}
