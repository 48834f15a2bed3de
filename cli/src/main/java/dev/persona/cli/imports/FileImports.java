package dev.persona.cli.imports;

import dev.persona.cli.console.StatusLine;
import dev.persona.cli.io.BadLines;
import dev.persona.cli.io.RecordReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Imports one data file per stream: opens it, streams its records, then prints the summary and skipped lines. */
public final class FileImports {

    /** Opens a file as records, reporting malformed lines to {@code badLines}. */
    @FunctionalInterface
    public interface Opener<T> {
        RecordReader<T> open(Path file, BadLines badLines) throws IOException;
    }

    /** Sends a file's records, for example {@link Uploader#events}. */
    @FunctionalInterface
    public interface Sender<T> {
        UploadResult send(String label, RecordReader<T> records) throws IOException, InterruptedException;
    }

    private final PrintWriter out;
    private final StatusLine status;
    private final boolean failFast;

    public FileImports(PrintWriter out, StatusLine status, boolean failFast) {
        this.out = out;
        this.status = status;
        this.failFast = failFast;
    }

    public <T> UploadResult run(Path file, Opener<T> opener, Sender<T> sender)
            throws IOException, InterruptedException {
        BadLines badLines = new BadLines(file.toString(), failFast, status);
        UploadResult result;
        try (RecordReader<T> records = opener.open(file, badLines)) {
            result = sender.send(file.getFileName().toString(), records);
        }
        badLines.printTotal();
        SummaryPrinter.print(out, result);
        return result;
    }
}
