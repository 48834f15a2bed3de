package dev.persona.profile.store;

/**
 * Event types as stored (the SMALLINT in the events table equals the persona.v1 EventType number, so the
 * stored log and the wire agree).
 */
public enum EventKind {
    VIEW(1), CLICK(2), ADD_TO_CART(3), PURCHASE(4), RATING(5), IMPRESSION(6);

    private static final EventKind[] BY_CODE = new EventKind[7];

    static {
        for (EventKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final int code;

    EventKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The kind of a stored or wire code; null for 0 and unknown codes. */
    public static EventKind ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Whether {@code value} carries meaning for this kind (rating or amount). */
    public boolean hasValue() {
        return this == PURCHASE || this == RATING;
    }
}
