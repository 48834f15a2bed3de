package dev.persona.cli.io;

/** A line that does not fit its format; the message says why, without the file name or line number. */
public final class BadLineException extends Exception {

    public BadLineException(String reason) {
        super(reason, null, false, false);
    }
}
