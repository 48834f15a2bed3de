package dev.persona.cli.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.StringJoiner;

/**
 * One JSON object on one line, keys in insertion order: the machine-readable last line of a bench. Values are
 * scalars, arrays of whole numbers, objects of whole numbers (counts by name), or other such objects, alone or in
 * arrays.
 */
public final class JsonLine {

    private static final int DECIMALS = 3;

    private final StringBuilder json = new StringBuilder("{");

    public JsonLine put(String key, String value) {
        return raw(key, quote(value));
    }

    public JsonLine put(String key, long value) {
        return raw(key, Long.toString(value));
    }

    /** Rounded to {@value #DECIMALS} decimals; NaN and infinities become null. */
    public JsonLine put(String key, double value) {
        return put(key, value, DECIMALS);
    }

    /** Rounded to {@code decimals} decimals; NaN and infinities become null. */
    public JsonLine put(String key, double value, int decimals) {
        if (!Double.isFinite(value)) {
            return raw(key, "null");
        }
        return raw(key, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString());
    }

    public JsonLine put(String key, OptionalDouble value) {
        return value.isPresent() ? put(key, value.getAsDouble()) : raw(key, "null");
    }

    /** A JSON array of whole numbers. */
    public JsonLine put(String key, long[] values) {
        StringJoiner array = new StringJoiner(",", "[", "]");
        for (long value : values) {
            array.add(Long.toString(value));
        }
        return raw(key, array.toString());
    }

    public JsonLine put(String key, boolean value) {
        return raw(key, Boolean.toString(value));
    }

    /** A JSON object of whole numbers, in the map's order (for example counts by name). */
    public JsonLine put(String key, Map<String, Long> counts) {
        JsonLine object = new JsonLine();
        counts.forEach(object::put);
        return put(key, object);
    }

    /** A nested object. */
    public JsonLine put(String key, JsonLine object) {
        return raw(key, object.toString());
    }

    /** A JSON array of objects. */
    public JsonLine put(String key, List<JsonLine> objects) {
        StringJoiner array = new StringJoiner(",", "[", "]");
        for (JsonLine object : objects) {
            array.add(object.toString());
        }
        return raw(key, array.toString());
    }

    @Override
    public String toString() {
        return json + "}";
    }

    private JsonLine raw(String key, String value) {
        if (json.length() > 1) {
            json.append(',');
        }
        json.append(quote(key)).append(':').append(value);
        return this;
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
