package dev.persona.segment.grouping;

import dev.persona.segment.features.FeatureScaler;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Grouping}: segments, who is in which, and what places a newcomer.
 *
 * @param method the method used
 * @param featureNames the columns clustered (for RFM scores: recency_days, frequency, monetary)
 * @param segments the segments, by size descending (ties: first formed first)
 * @param userIds the users grouped, row order
 * @param segmentOfRow index into {@code segments} of each row
 * @param distance Euclidean distance of each row to its segment's scaled centroid (0 for RFM scores)
 * @param sse sum of squared distances on the scaled features (0 for RFM scores)
 * @param silhouette mean silhouette (0 for RFM scores)
 * @param candidates every k tried when k was automatic, ascending; empty otherwise
 * @param placement what {@code AssignSegment} needs to place a user who was not in the build
 * @param note a remark for the operator, for example that Ward linkage ran on a sample; empty when none
 */
public record Grouped(GroupingParams.Method method, List<String> featureNames, List<Segment> segments,
                      List<String> userIds, int[] segmentOfRow, double[] distance, double sse, double silhouette,
                      List<Candidate> candidates, Placement placement, String note) {

    /**
     * One segment.
     *
     * @param id the segment's id: "s1", "s2", … by size, or the RFM segment's slug ("champions")
     * @param label short name
     * @param description a sentence a marketer reads
     * @param size users in it
     * @param centroid mean of each feature over the members, in original units, in feature order
     */
    public record Segment(String id, String label, String description, int size, Map<String, Double> centroid) {
    }

    /** One k tried. */
    public record Candidate(int k, double sse, double silhouette) {
    }

    /**
     * How a user who was not in the build is placed: nearest scaled centroid for clusterings, the RFM grid with the
     * build's quintile cut points for RFM scores.
     *
     * @param scaler the scaling of the clustered columns (null for RFM scores)
     * @param centroids scaled centroid of each segment, in {@code segments} order (null for RFM scores)
     * @param segmentIds the segment ids, in {@code segments} order
     * @param recencyCuts RFM recency cut points (null for clusterings)
     * @param frequencyCuts RFM frequency cut points (null for clusterings)
     */
    public record Placement(FeatureScaler scaler, double[][] centroids, List<String> segmentIds, double[] recencyCuts,
                            double[] frequencyCuts) {
    }

    /** The chosen k when k was automatic, else the number of segments. */
    public int chosenK() {
        return segments.size();
    }
}
