package dev.persona.cli.io;

import dev.persona.cli.console.StatusLine;
import java.util.Locale;

/**
 * What to do with the malformed lines of one file: stop at the first (fail-fast), or skip them, printing the first
 * {@value #MAX_PRINTED} with file name and line number and then their count.
 */
public final class BadLines {

    static final int MAX_PRINTED = 20;

    private final String file;
    private final boolean failFast;
    private final String stopNote;
    private final StatusLine status;
    private long count;

    public BadLines(String file, boolean failFast, StatusLine status) {
        this(file, failFast, " (stopped by --fail-fast)", status);
    }

    private BadLines(String file, boolean failFast, String stopNote, StatusLine status) {
        this.file = file;
        this.failFast = failFast;
        this.stopNote = stopNote;
        this.status = status;
    }

    /** Stops at the first malformed line, whatever the options: for files that must be read whole. */
    public static BadLines strict(String file, StatusLine status) {
        return new BadLines(file, true, "", status);
    }

    /** Records a malformed line; throws {@link DataFileException} under fail-fast or when strict. */
    public void report(long line, String reason) {
        count++;
        if (failFast) {
            throw new DataFileException(file, line, reason + stopNote);
        }
        if (count <= MAX_PRINTED) {
            status.println(file + " line " + line + ": " + reason + " (skipped)");
        }
    }

    public long count() {
        return count;
    }

    /** Prints how many lines were skipped, if any. */
    public void printTotal() {
        if (count > 0) {
            String listed = count > MAX_PRINTED ? " (the first " + MAX_PRINTED + " are listed above)" : "";
            status.println(String.format(Locale.ROOT, "%s: skipped %,d malformed line%s%s", file, count,
                    count == 1 ? "" : "s", listed));
        }
    }
}
