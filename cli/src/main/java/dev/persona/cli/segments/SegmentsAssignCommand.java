package dev.persona.cli.segments;

import dev.persona.api.v1.AssignSegmentRequest;
import dev.persona.api.v1.AssignSegmentResponse;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.SegmentConnection;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona segments assign <segmentation_id> <user_id>}: the segment of one user (AssignSegment). */
@Command(name = "assign", description = {"Prints the segment of one user in a segmentation (AssignSegment).",
        "For example \"segment s2 (Recent big spenders), distance 0.8123, from the build\"; a user who was not in "
                + "the build is assigned now, from current features, to the nearest centroid."})
public final class SegmentsAssignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<segmentation_id>", description = "The segmentation.")
    String segmentationId;

    @Parameters(index = "1", paramLabel = "<user_id>", description = "The user.")
    String userId;

    @Override
    public Integer call() {
        AssignSegmentResponse assigned;
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            assigned = segments.unary().assignSegment(AssignSegmentRequest.newBuilder()
                    .setSegmentationId(segmentationId).setUserId(userId).build());
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "segment %s (%s), distance %.4f, %s%n",
                assigned.getSegmentId(), assigned.getLabel(), assigned.getDistance(),
                assigned.getFromBuild() ? "from the build" : "computed now from current features");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
