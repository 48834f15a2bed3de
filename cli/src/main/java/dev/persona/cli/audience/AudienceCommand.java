package dev.persona.cli.audience;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.AudienceMember;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.SelectAudienceResponse;
import dev.persona.cli.CliException;
import dev.persona.cli.ConnectionOptions;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.InstantOption;
import dev.persona.cli.grpc.SegmentConnection;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code persona audience}: users of some segments, scored by a predictor (SelectAudience). */
@Command(name = "audience",
        description = {"Selects an audience: users of segments, scored by a predictor (SelectAudience).",
                "Prints one user per line: user_id<TAB>segment_id<TAB>probability (segment empty without "
                + "--segmentation, probability - without --model), by probability descending with a model, else by "
                + "id; the count goes to stderr. Users whose consent is denied are never included."})
public final class AudienceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--segmentation", paramLabel = "<id>", description = "Only users of this segmentation.")
    String segmentationId;

    @Option(names = "--segments", paramLabel = "<id>", split = ",",
            description = "Only these segments of --segmentation, comma-separated; default every segment.")
    List<String> segmentIds;

    @Option(names = "--model", paramLabel = "<id>", description = "Score users with this predictor.")
    String modelId;

    @Option(names = "--min", paramLabel = "<p>", defaultValue = "0",
            description = "Lowest probability kept, inclusive, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double min;

    @Option(names = "--max", paramLabel = "<p>", defaultValue = "1",
            description = "Highest probability kept, inclusive, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double max;

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "0",
            description = "Most users returned; 0 means no limit (default: ${DEFAULT-VALUE}).")
    long limit;

    @Option(names = "--as-of", paramLabel = "<time>", converter = InstantOption.Converter.class,
            description = "Clock of the features used for scoring, " + InstantOption.FORMATS + "; default one day "
                    + "after the latest event of the tenant's log.")
    Timestamp asOf;

    @Override
    public Integer call() {
        SelectAudienceRequest request = request();
        PrintWriter out = spec.commandLine().getOut();
        long count;
        try (SegmentConnection segments = SegmentConnection.open(connection.segmentSettings())) {
            count = select(segments, request, member -> out.println(member.getUserId() + '\t'
                    + member.getSegmentId() + '\t' + probability(member.getProbability())));
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "%,d user%s%n", count, count == 1 ? "" : "s");
        err.flush();
        return ExitCodes.OK;
    }

    /** Streams the audience to {@code each}; returns how many members there were. */
    public static long select(SegmentConnection segments, SelectAudienceRequest request,
            Consumer<AudienceMember> each) {
        long count = 0;
        Iterator<SelectAudienceResponse> batches = segments.longRunning().selectAudience(request);
        while (batches.hasNext()) {
            for (AudienceMember member : batches.next().getMembersList()) {
                each.accept(member);
                count++;
            }
        }
        return count;
    }

    private static String probability(double probability) {
        return probability < 0 ? "-" : String.format(Locale.ROOT, "%.6f", probability);
    }

    SelectAudienceRequest request() {
        boolean hasSegmentation = segmentationId != null && !segmentationId.isBlank();
        boolean hasModel = modelId != null && !modelId.isBlank();
        if (!hasSegmentation && !hasModel) {
            throw CliException.usage("give --segmentation, --model or both");
        }
        if (segmentIds != null && !segmentIds.isEmpty() && !hasSegmentation) {
            throw CliException.usage("--segments needs --segmentation");
        }
        if (!(min >= 0 && min <= 1 && max >= 0 && max <= 1)) {
            throw CliException.usage("--min and --max must be 0 to 1");
        }
        if (max < min) {
            throw CliException.usage("--max must be at least --min, got " + max + " < " + min);
        }
        if (limit < 0) {
            throw CliException.usage("--limit must be 0 or more, got " + limit);
        }
        SelectAudienceRequest.Builder request = SelectAudienceRequest.newBuilder()
                .setMinProbability(min)
                .setMaxProbability(max)
                .setLimit(limit);
        if (hasSegmentation) {
            request.setSegmentationId(segmentationId.trim());
        }
        if (segmentIds != null) {
            request.addAllSegmentIds(segmentIds.stream().map(String::trim).toList());
        }
        if (hasModel) {
            request.setModelId(modelId.trim());
        }
        if (asOf != null) {
            request.setAsOf(asOf);
        }
        return request.build();
    }
}
