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
}
