package dev.persona.segment.rfm;

/**
 * The named RFM segments, read from the recency score R and the frequency score F (both 1..5, 5 best). The grid is
 * total: every one of the 25 (R, F) pairs maps to exactly one segment.
 *
 * <pre>
 *          F=1             F=2                 F=3                 F=4              F=5
 *  R=5     New customers   Potential loyalist  Potential loyalist  Champions        Champions
 *  R=4     Promising       Potential loyalist  Potential loyalist  Loyal            Loyal
 *  R=3     About to sleep  About to sleep      Need attention      Loyal            Loyal
 *  R=2     Hibernating     Hibernating         At risk             At risk          Can't lose them
 *  R=1     Lost            Lost                At risk             At risk          Can't lose them
 * </pre>
 */
public enum RfmSegment {
    CHAMPIONS("Champions"),
    LOYAL("Loyal"),
    POTENTIAL_LOYALIST("Potential loyalist"),
    NEW_CUSTOMERS("New customers"),
    PROMISING("Promising"),
    NEED_ATTENTION("Need attention"),
    ABOUT_TO_SLEEP("About to sleep"),
    AT_RISK("At risk"),
    CANT_LOSE_THEM("Can't lose them"),
    HIBERNATING("Hibernating"),
    LOST("Lost");

    private static final RfmSegment[][] GRID = {
        // index [r - 1][f - 1]
        {LOST, LOST, AT_RISK, AT_RISK, CANT_LOSE_THEM},
        {HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE_THEM},
        {ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, NEED_ATTENTION, LOYAL, LOYAL},
        {PROMISING, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, LOYAL, LOYAL},
        {NEW_CUSTOMERS, POTENTIAL_LOYALIST, POTENTIAL_LOYALIST, CHAMPIONS, CHAMPIONS},
    };

    private final String displayName;

    RfmSegment(String displayName) {
        this.displayName = displayName;
    }

    /** The name a marketer reads, e.g. "Can't lose them". */
    public String displayName() {
        return displayName;
    }

    /**
     * The segment of a recency score and a frequency score, by the grid above.
     *
     * @throws IllegalArgumentException if a score is outside 1..5
     */
    public static RfmSegment of(int recencyScore, int frequencyScore) {
        if (recencyScore < 1 || recencyScore > 5) {
            throw new IllegalArgumentException("recency score must be in 1..5, got " + recencyScore);
        }
        if (frequencyScore < 1 || frequencyScore > 5) {
            throw new IllegalArgumentException("frequency score must be in 1..5, got " + frequencyScore);
        }
        return GRID[recencyScore - 1][frequencyScore - 1];
    }
}
