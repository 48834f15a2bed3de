package dev.persona.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellNumbersAlignedRight() {
        StringWriter out = new StringWriter();
        new TextTable("rank", "id", "note").alignRight(0).row(1, "a-long-id", "x").row(10, "b", "")
                .print(new PrintWriter(out));
        assertEquals(String.join(System.lineSeparator(),
                "rank  id         note",
                "   1  a-long-id  x",
                "  10  b", ""), out.toString());
    }

    @Test
    void aRowHasACellPerHeader() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("a", "b").row("only one"));
    }
}
