package dev.persona.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(byte[] bytes, Decoding decoding) {
        return new LineReader(new ByteArrayInputStream(bytes), decoding);
    }

    @Test
    void crlfAndLfLinesLoseTheirTerminatorsAndTheLastLineNeedsNone() throws IOException {
        LineReader lines = reader("a,b\r\nc\n\nlast".getBytes(StandardCharsets.US_ASCII), Decoding.UTF_8);
        assertEquals("a,b", lines.readLine());
        assertEquals("c", lines.readLine());
        assertEquals("", lines.readLine());
        assertEquals("last", lines.readLine());
        assertEquals(4, lines.lineNumber());
        assertNull(lines.readLine());
    }

    @Test
    void bytesReadCountsTerminatorsSoThatTheWholeFileEndsAt100Percent() throws IOException {
        byte[] bytes = "one\r\ntwo\n".getBytes(StandardCharsets.US_ASCII);
        LineReader lines = reader(bytes, Decoding.UTF_8);
        lines.readLine();
        assertEquals(5, lines.bytesRead());
        lines.readLine();
        assertEquals(bytes.length, lines.bytesRead());
    }

    @Test
    void linesLongerThanTheBufferAreWhole() throws IOException {
        String longLine = "x".repeat(200_000);
        LineReader lines = reader((longLine + "\nshort\n").getBytes(StandardCharsets.US_ASCII), Decoding.UTF_8);
        assertEquals(longLine, lines.readLine());
        assertEquals("short", lines.readLine());
    }

    @Test
    void utf8ElseLatin1DecodesEachLineInTheEncodingItIsValidIn() throws IOException {
        byte[] utf8 = "Café\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "Café\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] both = new byte[utf8.length + latin1.length];
        System.arraycopy(utf8, 0, both, 0, utf8.length);
        System.arraycopy(latin1, 0, both, utf8.length, latin1.length);
        LineReader lines = reader(both, Decoding.UTF_8_ELSE_LATIN_1);
        assertEquals("Café", lines.readLine());
        assertEquals("Café", lines.readLine());
    }
}
