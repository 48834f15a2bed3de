package dev.persona.cli.bench;

import dev.persona.api.v1.ImportSummary;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InputPaths;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.formats.MovieLensRatings;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.imports.FileImports;
import dev.persona.cli.imports.UploadResult;
import dev.persona.cli.imports.Uploader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code persona bench ingest <ratings-file>}: bulk ingestion speed, idempotency of a re-import, and export speed.
 * Ids are those of {@code persona import movielens}, so a bench tenant looks like an imported one.
 */
@Command(name = "ingest",
        description = {"Times bulk ingestion, a re-import and an export of a ratings file.",
                "Streams a ratings file (ml-1m ratings.dat or ml-100k u.data) through RecordEvents into a "
                + "fresh tenant (bench-<epochmillis>, unless --tenant is given), then streams it again and checks "
                + "that every event comes back as a duplicate, then exports the tenant's log and checks its size. "
                + "Exit code 1 when a check fails."})
public final class IngestBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "<ratings-file>",
            description = "ratings.dat (user::item::rating::timestamp) or u.data (TAB-separated).")
    Path ratingsFile;

    @Option(names = "--service-pid", paramLabel = "<pid>",
            description = "profile-service's pid, for its peak RSS "
                    + "(default: read from .persona/run/profile-service.pid).")
    Long servicePid;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path file = InputPaths.file(ratingsFile);
        boolean fresh = connection.explicitTenant().isEmpty();
        String tenant = connection.explicitTenant().orElseGet(BenchCommand::freshTenant);
        PrintWriter out = spec.commandLine().getOut();
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        FileImports imports = new FileImports(out, status, false);
        out.println("tenant " + tenant);
        UploadResult first;
        UploadResult second;
        InteractionExport.Count export;
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings().withTenant(tenant))) {
            if (fresh) {
                profiles.registerTenant();
            }
            Uploader uploader = new Uploader(profiles, status);
            first = imports.run(file, MovieLensRatings::open, uploader::events);
            second = imports.run(file, MovieLensRatings::open, uploader::events);
            export = InteractionExport.countAll(profiles, status);
        }
        ImportSummary firstSummary = first.summary();
        ImportSummary secondSummary = second.summary();
        // Everything stored by the first pass (including ids it saw twice) must come back as a duplicate.
        long stored = firstSummary.getAccepted() + firstSummary.getDuplicates();
        boolean reimportIdempotent = secondSummary.getAccepted() == 0 && secondSummary.getDuplicates() == stored;
        boolean exportComplete = export.rows() == firstSummary.getAccepted();
        PeakRss.Reading peakRss = PeakRss.Reading.of(ProfileConnection.SERVICE, servicePid);

        out.printf(Locale.ROOT, "first pass: %,d events in %.2f s (%,.0f events/s), %,d accepted%n",
                first.sent(), first.seconds(), first.recordsPerSecond(), firstSummary.getAccepted());
        out.printf(Locale.ROOT, "second pass: %,d duplicates, %,d accepted in %.2f s: %s%n",
                secondSummary.getDuplicates(), secondSummary.getAccepted(), second.seconds(),
                reimportIdempotent ? "OK" : "FAILED, expected " + stored + " duplicates and 0 accepted");
        out.printf(Locale.ROOT, "export: %,d rows in %.2f s (%,.0f rows/s): %s%n", export.rows(), export.seconds(),
                export.rowsPerSecond(), exportComplete ? "OK"
                        : "FAILED, expected " + firstSummary.getAccepted() + " rows (the first pass's accepted)");
        out.println(peakRss.describe());
        out.println(new JsonLine()
                .put("bench", "ingest")
                .put("tenant", tenant)
                .put("events", first.sent())
                .put("accepted", firstSummary.getAccepted())
                .put("rejected", firstSummary.getRejected())
                .put("ingest_seconds", first.seconds())
                .put("events_per_second", first.recordsPerSecond())
                .put("reimport_seconds", second.seconds())
                .put("reimport_duplicates", secondSummary.getDuplicates())
                .put("reimport_accepted", secondSummary.getAccepted())
                .put("rows_after_reimport", export.rows())
                .put("export_seconds", export.seconds())
                .put("export_rows_per_second", export.rowsPerSecond())
                .put("profile_service_peak_rss_mb", peakRss.megabytes())
                .put("ok", reimportIdempotent && exportComplete));
        return reimportIdempotent && exportComplete ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
