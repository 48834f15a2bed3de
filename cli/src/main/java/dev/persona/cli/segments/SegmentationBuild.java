package dev.persona.cli.segments;

import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.BuildSegmentationResponse;
import dev.persona.api.v1.Segmentation;
import dev.persona.cli.CliException;
import dev.persona.cli.console.PhaseProgress;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.SegmentConnection;
import java.time.Duration;
import java.util.Iterator;

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
        PhaseProgress progress = new PhaseProgress(status);
        Segmentation segmentation = null;
        try {
            Iterator<BuildSegmentationResponse> responses = segments.longRunning().buildSegmentation(request);
            while (responses.hasNext()) {
                BuildSegmentationResponse response = responses.next();
                if (response.hasProgress()) {
                    progress.update(response.getProgress());
                } else if (response.hasSegmentation()) {
                    segmentation = response.getSegmentation();
                }
            }
        } finally {
            progress.end();
        }
        if (segmentation == null) {
            throw CliException.failure(SegmentConnection.SERVICE + " ended the build without a segmentation");
        }
        return new Built(segmentation, Duration.ofNanos(System.nanoTime() - start));
    }
}
