package dev.persona.cli.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The records of a data file, one line each; blank lines are ignored and malformed ones go to {@link BadLines}. */
public final class RecordReader<T> implements RecordSource<T>, Closeable {

    private final LineReader lines;
    private final LineParser<T> parser;
    private final BadLines badLines;
    private final long size;
    private long remaining = Long.MAX_VALUE;

    private RecordReader(LineReader lines, LineParser<T> parser, BadLines badLines, long size) {
        this.lines = lines;
        this.parser = parser;
        this.badLines = badLines;
        this.size = size;
    }

    /** A file without a header line. */
    public static <T> RecordReader<T> open(Path file, Decoding decoding, LineParser<T> parser, BadLines badLines)
            throws IOException {
        return new RecordReader<>(LineReader.open(file, decoding), parser, badLines, Files.size(file));
    }

    /** A file whose first line is a header; a bad header stops the import whatever the bad-line policy. */
    public static <T> RecordReader<T> openWithHeader(Path file, Decoding decoding, HeaderedFormat<T> format,
            BadLines badLines) throws IOException {
        LineReader lines = LineReader.open(file, decoding);
        try {
            String header = lines.readLine();
            if (header == null) {
                throw new DataFileException(file.toString(), 0, "the file is empty; expected a header line");
            }
            return new RecordReader<>(lines, format.fromHeader(header), badLines, Files.size(file));
        } catch (BadLineException e) {
            lines.close();
            throw new DataFileException(file.toString(), 1, "bad header: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw e;
        }
    }

    /** Stops after {@code limit} records. */
    public RecordReader<T> limit(long limit) {
        this.remaining = limit;
        return this;
    }

    @Override
    public T next() throws IOException {
        while (remaining > 0) {
            String line = lines.readLine();
            if (line == null) {
                return null;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                T record = parser.parse(line);
                remaining--;
                return record;
            } catch (BadLineException e) {
                badLines.report(lines.lineNumber(), e.getMessage());
            }
        }
        return null;
    }

    @Override
    public long done() {
        return lines.bytesRead();
    }

    @Override
    public long total() {
        return size;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
