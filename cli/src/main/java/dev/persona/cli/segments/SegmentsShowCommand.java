package dev.persona.cli.segments;

import dev.persona.api.v1.GetSegmentationRequest;
import dev.persona.api.v1.ListSegmentationsRequest;
import dev.persona.api.v1.ListSegmentationsResponse;
import dev.persona.api.v1.Segmentation;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.SegmentConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona segments show [<segmentation_id>]}: one stored segmentation (GetSegmentation). */
@Command(name = "show", description = {"Prints one segmentation (GetSegmentation).",
        "Without an id, the newest segmentation of the tenant."})
public final class SegmentsShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<segmentation_id>",
            description = "The segmentation; default the newest.")
    String segmentationId;

    @Override
    public Integer call() {
        Segmentation segmentation;
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            segmentation = segmentationId == null ? newest(segments, segments.settings().tenant())
                    : segments.unary().getSegmentation(GetSegmentationRequest.newBuilder()
                            .setSegmentationId(segmentationId).build()).getSegmentation();
        }
        SegmentationPrinter.print(segmentation, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** The newest segmentation of the tenant; a failure when none was built. */
    public static Segmentation newest(SegmentConnection segments, String tenant) {
        ListSegmentationsResponse first = segments.unary().listSegmentations(ListSegmentationsRequest.newBuilder()
                .setPageSize(1).build());
        if (first.getSegmentationsCount() == 0) {
            throw CliException.failure("no segmentation was built in tenant " + tenant
                    + "; build one with persona segments build");
        }
        return first.getSegmentations(0);
    }
}
