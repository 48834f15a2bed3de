package dev.persona.cli.segments;

import picocli.CommandLine.Command;

/** {@code persona segments ...}: segmentations of the tenant's customers (segment-service). */
@Command(name = "segments", description = "Builds and reads customer segmentations (segment-service).",
        subcommands = {SegmentsBuildCommand.class, SegmentsListCommand.class, SegmentsShowCommand.class,
                SegmentsMembersCommand.class, SegmentsAssignCommand.class})
public final class SegmentsCommand {
}
