package dev.persona.cli.console;

import java.io.PrintWriter;

/**
 * stderr, where a progress bar may be redrawn in place on a terminal: messages printed while the bar is shown first
 * wipe it, so that they do not end up glued to its remains.
 */
public final class StatusLine {

    /** Set by the launcher script, which can test whether stderr is a terminal (Java cannot). */
    static final String STDERR_TTY_PROPERTY = "persona.stderr.tty";

    private final PrintWriter err;
    private final boolean terminal;
    private int drawnLength;

    public StatusLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** stderr, redrawing in place only when it is a terminal. */
    public static StatusLine on(PrintWriter err) {
        String tty = System.getProperty(STDERR_TTY_PROPERTY);
        // Without the launcher, a console (stdin and stdout interactive) is the closest hint Java offers.
        return new StatusLine(err, tty != null ? Boolean.parseBoolean(tty) : System.console() != null);
    }

    public boolean terminal() {
        return terminal;
    }

    /** Replaces the line being redrawn (terminal only). */
    public void draw(String text) {
        err.print('\r');
        err.print(text);
        if (text.length() < drawnLength) {
            err.print(" ".repeat(drawnLength - text.length()));
        }
        drawnLength = text.length();
        err.flush();
    }

    /** Prints a message on a line of its own. */
    public void println(String message) {
        wipe();
        err.println(message);
        err.flush();
    }

    /** Leaves the redrawn line as it is and moves below it. */
    public void endLine() {
        if (drawnLength > 0) {
            err.println();
            drawnLength = 0;
        }
        err.flush();
    }

    private void wipe() {
        if (drawnLength > 0) {
            err.print('\r' + " ".repeat(drawnLength) + '\r');
            drawnLength = 0;
        }
    }
}
