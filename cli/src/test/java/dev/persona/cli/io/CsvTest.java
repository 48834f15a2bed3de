package dev.persona.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void plainFieldsKeepEmptyOnesAndSpaces() throws BadLineException {
        assertEquals(List.of("a", "", " b ", ""), Csv.split("a,, b ,"));
    }

    @Test
    void quotedFieldsHoldCommasAndDoubledQuotes() throws BadLineException {
        assertEquals(List.of("x", "1,5", "say \"hi\""), Csv.split("x,\"1,5\",\"say \"\"hi\"\"\""));
    }

    @Test
    void anUnclosedQuoteIsABadLine() {
        assertThrows(BadLineException.class, () -> Csv.split("a,\"b"));
    }

    @Test
    void headerDropsAByteOrderMarkAndTrimsNames() throws BadLineException {
        List<String> header = Csv.header("\uFEFFcustomer_id , trans_date");
        assertEquals(List.of("customer_id", "trans_date"), header);
        assertEquals(1, Csv.column(header, "TRANS_DATE"));
        assertEquals(-1, Csv.column(header, "amount"));
    }
}
