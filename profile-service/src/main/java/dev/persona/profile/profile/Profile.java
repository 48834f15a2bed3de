package dev.persona.profile.profile;

import java.util.List;

/**
 * A derived profile. Times are microseconds since the epoch; {@code firstSeen}/{@code lastSeen} are
 * {@link Long#MIN_VALUE} when there are no events; {@code recencyDays} is -1 when there is no purchase.
 *
 * @param eventCounts number of events per type code (index = persona.v1 EventType number)
 */
public record Profile(long[] eventCounts, long firstSeen, long lastSeen, double recencyDays, long frequency,
        double monetary, List<Affinity> affinities, double meanRating, long ratingCount) {

    /** One affinity: dimension is "category" or "tag". */
    public record Affinity(String dimension, String value, double score) {
    }
}
