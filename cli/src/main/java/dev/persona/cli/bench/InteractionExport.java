package dev.persona.cli.bench;

import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.cli.console.ProgressMeter;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.ProfileConnection;
import java.time.Duration;
import java.util.Iterator;

/** Reads a tenant's whole interaction log through ExportInteractions, counting rows and timing it. */
final class InteractionExport {

    /** Rows read and how long it took. */
    record Count(long rows, Duration elapsed) {

        double seconds() {
            return elapsed.toNanos() / 1e9;
        }

        double rowsPerSecond() {
            return seconds() > 0 ? rows / seconds() : 0;
        }
    }

    private InteractionExport() {
    }

    static Count countAll(ProfileConnection profiles, StatusLine status) {
        long start = System.nanoTime();
        ProgressMeter progress = ProgressMeter.start("export", "received", status);
        Iterator<ExportInteractionsResponse> batches = profiles.serverStreaming()
                .exportInteractions(ExportInteractionsRequest.newBuilder().setAfterSequence(0).build());
        long rows = 0;
        while (batches.hasNext()) {
            rows += batches.next().getInteractionsCount();
            // Sequences may be shared by all tenants, so they say nothing reliable about the share done here.
            progress.update(rows, 0, 0);
        }
        progress.finish();
        return new Count(rows, Duration.ofNanos(System.nanoTime() - start));
    }
}
