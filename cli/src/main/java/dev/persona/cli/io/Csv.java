package dev.persona.cli.io;

import java.util.ArrayList;
import java.util.List;

/** Comma-separated lines with RFC 4180 quoting (a quoted field may hold commas and doubled quotes, not newlines). */
public final class Csv {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Csv() {
    }

    public static List<String> split(String line) throws BadLineException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"') {
                quoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new BadLineException("a quoted field is not closed");
        }
        fields.add(field.toString());
        return fields;
    }

    /** The trimmed column names of a header line, without a leading byte-order mark. */
    public static List<String> header(String line) throws BadLineException {
        String text = !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK ? line.substring(1) : line;
        List<String> names = new ArrayList<>();
        for (String name : split(text)) {
            names.add(name.trim());
        }
        return names;
    }

    /** The index of the column with this name, ignoring case; -1 when absent. */
    public static int column(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
