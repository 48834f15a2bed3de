package dev.persona.cli.bench;

import dev.persona.api.v1.GetProfileRequest;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.imports.SummaryPrinter;
import dev.persona.cli.imports.UploadResult;
import dev.persona.cli.imports.Uploader;
import dev.persona.cli.io.RecordSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code persona bench profile}: latency of GetProfile for a user with a long history. */
@Command(name = "profile",
        description = {"Times GetProfile of a user with a long history.",
                "In a fresh tenant (unless --tenant is given), imports " + ProfileBenchData.ITEMS + " items with "
                + "categories and tags and one user with --events mixed events, then times --calls sequential "
                + "GetProfile calls after --warmup untimed ones: p50, p90, p99 and max in milliseconds."})
public final class ProfileBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--events", defaultValue = "2000", description = "Events of the user (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--calls", defaultValue = "2000", description = "Timed calls (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--warmup", defaultValue = "500", description = "Untimed calls first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (events < 1 || calls < 1 || warmup < 0) {
            throw CliException.usage("--events and --calls must be 1 or more, --warmup 0 or more");
        }
        boolean fresh = connection.explicitTenant().isEmpty();
        String tenant = connection.explicitTenant().orElseGet(BenchCommand::freshTenant);
        PrintWriter out = spec.commandLine().getOut();
        StatusLine status = StatusLine.on(spec.commandLine().getErr());
        ProfileBenchData data = new ProfileBenchData(events, seed, Instant.now());
        out.println("tenant " + tenant);
        long[] nanos = new long[calls];
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings().withTenant(tenant))) {
            if (fresh) {
                profiles.registerTenant();
            }
            Uploader uploader = new Uploader(profiles, status);
            UploadResult items = uploader.items("items", RecordSource.of(data.items()));
            SummaryPrinter.print(out, items);
            UploadResult history = uploader.events("events", RecordSource.of(data.events()));
            SummaryPrinter.print(out, history);
            GetProfileRequest request = GetProfileRequest.newBuilder().setUserId(ProfileBenchData.USER_ID).build();
            for (int i = 0; i < warmup; i++) {
                profiles.unary().getProfile(request);
            }
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                profiles.unary().getProfile(request);
                nanos[i] = System.nanoTime() - start;
            }
        }
        Latency latency = Latency.of(nanos);
        out.printf(Locale.ROOT, "GetProfile of a user with %,d events, %,d calls after %,d warm-up: %s%n", events,
                calls, warmup, latency.describe());
        out.println(latency.addTo(new JsonLine()
                .put("bench", "profile")
                .put("tenant", tenant)
                .put("events", events)
                .put("calls", calls)
                .put("warmup", warmup)));
        return ExitCodes.OK;
    }
}
