package dev.persona.cli.bench;

import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.Interaction;
import dev.persona.cli.console.ProgressMeter;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.ProfileConnection;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;

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
        return readAll(profiles, status, interaction -> {
        });
    }

    /** Hands every interaction of the log, in log order, to {@code each}. */
    static Count readAll(ProfileConnection profiles, StatusLine status, Consumer<Interaction> each) {
        long start = System.nanoTime();
        ProgressMeter progress = ProgressMeter.start("export", "received", status);
        Iterator<ExportInteractionsResponse> batches = profiles.serverStreaming()
                .exportInteractions(ExportInteractionsRequest.newBuilder().setAfterSequence(0).build());
        long rows = 0;
        while (batches.hasNext()) {
            ExportInteractionsResponse batch = batches.next();
            batch.getInteractionsList().forEach(each);
            rows += batch.getInteractionsCount();
            // Sequences may be shared by all tenants, so they say nothing reliable about the share done here.
            progress.update(rows, 0, 0);
        }
        progress.finish();
        return new Count(rows, Duration.ofNanos(System.nanoTime() - start));
    }
}
