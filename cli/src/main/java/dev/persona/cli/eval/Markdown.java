package dev.persona.cli.eval;

import java.util.List;

/** Markdown tables for the reports; a cell's pipes are escaped. */
final class Markdown {

    private Markdown() {
    }

    /** A table: the header row, the separator (numbers right-aligned when asked), the rows. */
    static String table(List<String> headers, List<List<String>> rows, boolean... rightAligned) {
        StringBuilder table = new StringBuilder();
        row(table, headers);
        table.append('|');
        for (int i = 0; i < headers.size(); i++) {
            table.append(i < rightAligned.length && rightAligned[i] ? "---:|" : "---|");
        }
        table.append('\n');
        rows.forEach(row -> row(table, row));
        return table.toString();
    }

    private static void row(StringBuilder table, List<String> cells) {
        table.append('|');
        for (String cell : cells) {
            table.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        table.append('\n');
    }
}
