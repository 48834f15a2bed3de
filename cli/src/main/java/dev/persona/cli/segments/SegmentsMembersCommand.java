package dev.persona.cli.segments;

import dev.persona.api.v1.ListSegmentMembersRequest;
import dev.persona.api.v1.ListSegmentMembersResponse;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.grpc.SegmentConnection;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona segments members <segmentation_id> <segment_id>}: the users of a segment, one per line. */
@Command(name = "members", description = {"Prints the users of one segment, one id per line (ListSegmentMembers).",
        "As assigned when the segmentation was built, ordered by id; erased users and users whose consent is now "
        + "denied are left out."})
public final class SegmentsMembersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "<segmentation_id>", description = "The segmentation.")
    String segmentationId;

    @Parameters(index = "1", paramLabel = "<segment_id>", description = "The segment within it.")
    String segmentId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            Iterator<ListSegmentMembersResponse> batches = segments.longRunning().listSegmentMembers(
                    ListSegmentMembersRequest.newBuilder().setSegmentationId(segmentationId).setSegmentId(segmentId)
                            .build());
            while (batches.hasNext()) {
                for (String userId : batches.next().getUserIdsList()) {
                    out.println(userId);
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Every member of one segment, in the order the service sends them. */
    public static List<String> members(SegmentConnection segments, String segmentationId, String segmentId) {
        List<String> members = new ArrayList<>();
        segments.longRunning().listSegmentMembers(ListSegmentMembersRequest.newBuilder()
                .setSegmentationId(segmentationId).setSegmentId(segmentId).build())
                .forEachRemaining(batch -> members.addAll(batch.getUserIdsList()));
        return members;
    }
}
