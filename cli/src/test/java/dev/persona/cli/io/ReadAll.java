package dev.persona.cli.io;

import dev.persona.cli.console.StatusLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads every record of a sample file, capturing what is reported about malformed lines. */
public record ReadAll<T>(List<T> records, String report) {

    public static <T> ReadAll<T> of(Path file, Decoding decoding, LineParser<T> parser) throws IOException {
        StringWriter report = new StringWriter();
        BadLines badLines = skipping(file, report);
        try (RecordReader<T> reader = RecordReader.open(file, decoding, parser, badLines)) {
            return new ReadAll<>(drain(reader), report.toString());
        }
    }

    public static <T> ReadAll<T> withHeader(Path file, HeaderedFormat<T> format) throws IOException {
        StringWriter report = new StringWriter();
        BadLines badLines = skipping(file, report);
        try (RecordReader<T> reader = RecordReader.openWithHeader(file, Decoding.UTF_8, format, badLines)) {
            return new ReadAll<>(drain(reader), report.toString());
        }
    }

    private static BadLines skipping(Path file, StringWriter report) {
        return new BadLines(file.getFileName().toString(), false, new StatusLine(new PrintWriter(report), false));
    }

    static <T> List<T> drain(RecordSource<T> source) throws IOException {
        List<T> records = new ArrayList<>();
        for (T record = source.next(); record != null; record = source.next()) {
            records.add(record);
        }
        return records;
    }
}
