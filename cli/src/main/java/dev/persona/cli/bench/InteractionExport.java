package dev.persona.cli.bench;

import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.Interaction;
import dev.persona.cli.CliException;
import dev.persona.cli.console.ProgressMeter;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.ProfileConnection;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

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

    /** The distinct ids of a log, in the order of their first interaction, and the export that read them. */
    record DistinctIds(List<String> ids, Count export) {

        /** {@code count} ids drawn uniformly, with replacement. */
        String[] draw(int count, Random random) {
            String[] drawn = new String[count];
            for (int i = 0; i < count; i++) {
                drawn[i] = ids.get(random.nextInt(ids.size()));
            }
            return drawn;
        }
    }

    private InteractionExport() {
    }

    static Count countAll(ProfileConnection profiles, StatusLine status) {
        return readAll(profiles, status, interaction -> {
        });
    }

    /**
     * The distinct ids ({@code idOf}, the user's or the item's) of the interactions other than impressions, which
     * neither similarity nor recommendations count; a failure when there are none.
     */
    static DistinctIds distinct(ProfileConnection profiles, StatusLine status, Function<Interaction, String> idOf) {
        Set<String> distinct = new LinkedHashSet<>();
        Count export = readAll(profiles, status, interaction -> {
            if (interaction.getType() != EventType.EVENT_TYPE_IMPRESSION) {
                distinct.add(idOf.apply(interaction));
            }
        });
        if (distinct.isEmpty()) {
            throw CliException.failure("the log of tenant " + profiles.settings().tenant()
                    + " holds no interaction to draw ids from");
        }
        return new DistinctIds(List.copyOf(distinct), export);
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
