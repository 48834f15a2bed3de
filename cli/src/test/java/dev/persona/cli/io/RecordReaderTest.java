package dev.persona.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.cli.console.StatusLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReaderTest {

    @TempDir
    Path dir;

    private static final LineParser<Integer> NUMBERS = line -> {
        try {
            return Integer.parseInt(line.trim());
        } catch (NumberFormatException e) {
            throw new BadLineException("not a number: '" + line + "'");
        }
    };

    private static BadLines badLines(boolean failFast, StringWriter report) {
        return new BadLines("numbers.txt", failFast, new StatusLine(new PrintWriter(report), false));
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("numbers.txt"), text);
    }

    @Test
    void badLinesAreSkippedAndReportedWithTheirLineNumbersUpTo20ThenCounted() throws IOException {
        StringBuilder text = new StringBuilder("1\n");
        for (int i = 0; i < 25; i++) {
            text.append("bad").append(i).append('\n');
        }
        text.append("\n2\n");
        StringWriter report = new StringWriter();
        BadLines badLines = badLines(false, report);
        Path file = file(text.toString());
        try (RecordReader<Integer> reader = RecordReader.open(file, Decoding.UTF_8, NUMBERS, badLines)) {
            assertEquals(List.of(1, 2), ReadAll.drain(reader));
        }
        badLines.printTotal();
        String printed = report.toString();
        assertTrue(printed.contains("numbers.txt line 2: not a number: 'bad0' (skipped)"), printed);
        assertTrue(printed.contains("numbers.txt line 21: not a number: 'bad19'"), printed);
        assertTrue(!printed.contains("bad20"), printed);
        assertTrue(printed.contains("numbers.txt: skipped 25 malformed lines (the first 20 are listed above)"),
                printed);
        assertEquals(25, badLines.count());
    }

    @Test
    void failFastStopsAtTheFirstBadLineNamingFileAndLine() throws IOException {
        BadLines badLines = badLines(true, new StringWriter());
        Path file = file("1\n2\noops\n3\n");
        try (RecordReader<Integer> reader = RecordReader.open(file, Decoding.UTF_8, NUMBERS, badLines)) {
            assertEquals(1, reader.next());
            assertEquals(2, reader.next());
            DataFileException e = assertThrows(DataFileException.class, reader::next);
            assertEquals(3, e.line());
            assertEquals("numbers.txt line 3: not a number: 'oops' (stopped by --fail-fast)", e.getMessage());
        }
    }

    @Test
    void limitStopsAfterThatManyRecords() throws IOException {
        BadLines badLines = badLines(false, new StringWriter());
        try (RecordReader<Integer> reader = RecordReader.open(file("1\n2\n3\n"), Decoding.UTF_8, NUMBERS, badLines)) {
            assertEquals(List.of(1, 2), ReadAll.drain(reader.limit(2)));
        }
    }

    @Test
    void aBadHeaderStopsEvenWithoutFailFast() throws IOException {
        BadLines badLines = badLines(false, new StringWriter());
        HeaderedFormat<Integer> format = header -> {
            throw new BadLineException("no column 'n'");
        };
        DataFileException e = assertThrows(DataFileException.class,
                () -> RecordReader.openWithHeader(file("x\n1\n"), Decoding.UTF_8, format, badLines));
        assertEquals(1, e.line());
    }
}
