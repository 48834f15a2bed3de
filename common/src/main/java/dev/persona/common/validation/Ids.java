package dev.persona.common.validation;

import dev.persona.common.error.ApiError;

/**
 * The contract's rules for caller-chosen ids and short texts: ids are 1 to 128 characters (Unicode code
 * points) with no control characters. Control characters are refused everywhere, which also lets Persona use
 * TAB as a safe separator in compact encodings.
 */
public final class Ids {

    /** Longest id, in code points. */
    public static final int MAX_ID_LENGTH = 128;

    private Ids() {
    }

    /** Checks a required id and returns it. */
    public static String require(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw ApiError.invalid(field, "is required");
        }
        return checkText(field, value, MAX_ID_LENGTH);
    }

    /** Checks an optional text (may be empty) of at most {@code maxLength} code points, without control characters. */
    public static String checkText(String field, String value, int maxLength) {
        if (value == null) {
            return "";
        }
        int length = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.isISOControl(cp)) {
                throw ApiError.invalid(field, "contains a control character at position " + length);
            }
            if (Character.getType(cp) == Character.SURROGATE) {
                throw ApiError.invalid(field, "contains an unpaired surrogate at position " + length);
            }
            i += Character.charCount(cp);
            if (++length > maxLength) {
                throw ApiError.invalid(field, "is longer than " + maxLength + " characters");
            }
        }
        return value;
    }

    /** Checks that a double is a finite number. */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw ApiError.invalid(field, "must be a finite number, got " + value);
        }
        return value;
    }

    /** Checks that an int lies in [min, max]; the message names the field and what is allowed. */
    public static int range(String field, int value, int min, int max, String allowed) {
        if (value < min || value > max) {
            throw ApiError.invalid(field, "is " + value + "; allowed: " + allowed);
        }
        return value;
    }

    /** The latest second a timestamp may name: 9999-12-31T23:59:59Z, the end of protobuf's range. */
    static final long MAX_SECONDS = 253_402_300_799L;

    /**
     * Epoch milliseconds of a timestamp field. The one timestamp rule of the suite: from 1970-01-01T00:00:00Z (the
     * event log and every time column count from the epoch) to 9999-12-31T23:59:59Z, with nanos in [0, 10⁹);
     * anything else is INVALID_ARGUMENT naming the field.
     */
    public static long millis(String field, com.google.protobuf.Timestamp t) {
        return micros(field, t) / 1000;
    }

    /** Epoch microseconds of a timestamp field, under the rule of {@link #millis}. */
    public static long micros(String field, com.google.protobuf.Timestamp t) {
        if (t.getNanos() < 0 || t.getNanos() > 999_999_999) {
            throw ApiError.invalid(field, "has nanos out of range: " + t.getNanos());
        }
        if (t.getSeconds() < 0) {
            throw ApiError.invalid(field, "is before 1970-01-01");
        }
        if (t.getSeconds() > MAX_SECONDS) {
            throw ApiError.invalid(field, "is after 9999-12-31");
        }
        return t.getSeconds() * 1_000_000 + t.getNanos() / 1000;
    }
}
