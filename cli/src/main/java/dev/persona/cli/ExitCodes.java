package dev.persona.cli;

/** The exit codes of {@code persona}. */
public final class ExitCodes {

    public static final int OK = 0;
    /**
     * A service failed or refused a call, a data file is malformed under --fail-fast, or a bench check failed.
     */
    public static final int FAILURE = 1;
    /** A bad command line, or an input path that does not exist (picocli also uses 2 for usage errors). */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
