package dev.persona.cli.io;

import java.util.ArrayList;
import java.util.List;

/** Splitting and checking the fields of delimited lines. */
public final class Fields {

    private Fields() {
    }

    /** Splits on a literal separator, keeping empty fields (also trailing ones). */
    public static String[] split(String line, String separator) {
        List<String> fields = new ArrayList<>(8);
        int start = 0;
        for (int at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, start)) {
            fields.add(line.substring(start, at));
            start = at + separator.length();
        }
        fields.add(line.substring(start));
        return fields.toArray(String[]::new);
    }

    /** Splits and checks the number of fields. */
    public static String[] split(String line, String separator, int expected, String separatorName)
            throws BadLineException {
        String[] fields = split(line, separator);
        if (fields.length != expected) {
            throw new BadLineException("expected " + expected + " fields separated by " + separatorName
                    + ", found " + fields.length);
        }
        return fields;
    }

    /** A trimmed, non-empty id. */
    public static String id(String value, String name) throws BadLineException {
        String id = value.trim();
        if (id.isEmpty()) {
            throw new BadLineException(name + " is empty");
        }
        return id;
    }

    /** A finite decimal number. */
    public static double number(String value, String name) throws BadLineException {
        try {
            double number = Double.parseDouble(value.trim());
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the field's name
        }
        throw new BadLineException(name + " is not a number: '" + value + "'");
    }

    /** A whole number, 0 or more. */
    public static long count(String value, String name) throws BadLineException {
        try {
            long number = Long.parseLong(value.trim());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the field's name
        }
        throw new BadLineException(name + " is not a whole number >= 0: '" + value + "'");
    }
}
