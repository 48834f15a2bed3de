package dev.persona.cli.segments;

import dev.persona.api.v1.ListSegmentationsRequest;
import dev.persona.api.v1.ListSegmentationsResponse;
import dev.persona.api.v1.Segmentation;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InstantOption;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.grpc.SegmentConnection;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code persona segments list}: every stored segmentation, newest first (ListSegmentations, all pages). */
@Command(name = "list", description = {"Lists the tenant's segmentations, newest first (ListSegmentations).",
        "One row each: id, created, algorithm, segments, users, sse, silhouette, features."})
public final class SegmentsListCommand implements Callable<Integer> {

    private static final int PAGE_SIZE = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        List<Segmentation> all = new ArrayList<>();
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            String token = "";
            do {
                ListSegmentationsResponse page = segments.unary().listSegmentations(ListSegmentationsRequest
                        .newBuilder().setPageSize(PAGE_SIZE).setPageToken(token).build());
                all.addAll(page.getSegmentationsList());
                token = page.getNextPageToken();
            } while (!token.isEmpty());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (all.isEmpty()) {
            out.println("no segmentations");
            out.flush();
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("segmentation", "created", "algorithm", "segments", "users", "sse",
                "silhouette", "features").alignRight(3, 4, 5, 6);
        for (Segmentation s : all) {
            table.row(s.getSegmentationId(), InstantOption.format(s.getCreatedAt()), SegmentNames.of(s.getAlgorithm()),
                    s.getSegmentsCount(), String.format(Locale.ROOT, "%,d", s.getUsers()),
                    String.format(Locale.ROOT, "%.4f", s.getSse()), String.format(Locale.ROOT, "%.4f",
                            s.getSilhouette()), String.join(",", s.getFeaturesList()));
        }
        table.print(out);
        return ExitCodes.OK;
    }
}
