package dev.persona.segment.describe;

import java.util.List;

/**
 * The words for one segment.
 *
 * @param segment the segment's index in the centroid array
 * @param label a short label, unique across the described segments, e.g. "High spenders, very frequent"
 * @param description one sentence a marketer reads
 * @param drivers the feature names the label and sentence are built from, largest |z| first
 */
public record SegmentDescription(int segment, String label, String description, List<String> drivers) {

    public SegmentDescription {
        drivers = List.copyOf(drivers);
    }
}
