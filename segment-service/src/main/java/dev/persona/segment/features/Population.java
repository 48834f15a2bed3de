package dev.persona.segment.features;

import java.util.List;

/**
 * Users and their events, as the service reads them from ProfileService: the input of every feature computation.
 *
 * @param customers the users (consent carried on each), ordered by id
 * @param events their events, impressions left out
 * @param latestEventMillis the time of the latest event of the tenant's log, or {@link Long#MIN_VALUE} when empty
 */
public record Population(List<Customer> customers, List<CustomerEvent> events, long latestEventMillis) {

    /** One day in milliseconds. */
    public static final long DAY_MILLIS = 86_400_000L;

    /** The default clock of the contract: one day after the latest event (now when the log is empty). */
    public long defaultClock() {
        return defaultClock(latestEventMillis);
    }

    /** One day after {@code latestEventMillis}, or now when it is {@link Long#MIN_VALUE}. */
    public static long defaultClock(long latestEventMillis) {
        return latestEventMillis == Long.MIN_VALUE ? System.currentTimeMillis() : latestEventMillis + DAY_MILLIS;
    }
}
