package dev.persona.cli.io;

/** A data file that cannot be imported as it is: a malformed line under --fail-fast, or a bad header. */
public final class DataFileException extends RuntimeException {

    private final String file;
    private final long line;

    /** {@code line} is 1-based; 0 when the problem is with the file as a whole. */
    public DataFileException(String file, long line, String reason) {
        super(line > 0 ? file + " line " + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }
}
