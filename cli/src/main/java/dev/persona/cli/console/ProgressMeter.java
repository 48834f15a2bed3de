package dev.persona.cli.console;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of one stream on stderr: records sent (or received), rate, share of the input read and ETA. On a
 * terminal a bar is redrawn at most {@value #TERMINAL_REFRESHES_PER_SECOND} times a second; otherwise (a log file,
 * CI) a plain line is printed every {@value #PLAIN_INTERVAL_SECONDS} seconds.
 */
public final class ProgressMeter {

    static final int TERMINAL_REFRESHES_PER_SECOND = 5;
    static final int PLAIN_INTERVAL_SECONDS = 5;
    private static final int BAR_WIDTH = 20;
    /** Keeps the redrawn line within 80 columns: a wrapped line cannot be redrawn in place. */
    private static final int MAX_TERMINAL_LABEL = 22;
    private static final double NANOS_PER_SECOND = 1e9;

    private final String label;
    private final String verb;
    private final StatusLine status;
    private final LongSupplier nanoClock;
    private final long start;
    private final long interval;
    private long lastShown;
    private boolean shownPlainLines;

    /** {@code verb} says what happens to the records: "sent" or "received". */
    public ProgressMeter(String label, String verb, StatusLine status, LongSupplier nanoClock) {
        this.label = label;
        this.verb = verb;
        this.status = status;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastShown = start;
        this.interval = status.terminal() ? 1_000_000_000L / TERMINAL_REFRESHES_PER_SECOND
                : PLAIN_INTERVAL_SECONDS * 1_000_000_000L;
    }

    public static ProgressMeter start(String label, String verb, StatusLine status) {
        return new ProgressMeter(label, verb, status, System::nanoTime);
    }

    /** Called after each record; shows progress when it is due. {@code done} of {@code total} is the input read. */
    public void update(long records, long done, long total) {
        long now = nanoClock.getAsLong();
        if (now - lastShown >= interval) {
            lastShown = now;
            show(records, done, total, now);
        }
    }

    /**
     * Everything is sent and the service is committing: says so on the bar, or in a plain line when progress lines
     * were printed before (a quick import stays quiet).
     */
    public void allSent(long records, long done, long total) {
        long now = nanoClock.getAsLong();
        if (status.terminal()) {
            status.draw(line(records, done, total, now) + "  committing");
        } else if (shownPlainLines) {
            status.println(String.format(Locale.ROOT, "%s: all %,d sent in %.1f s; waiting for the commit",
                    label, records, seconds(now)));
        }
    }

    /**
     * One stage of a longer task is over (a phase of a build): its final figures stay on a line of their own, on a
     * terminal as in a log, however quick it was.
     */
    public void complete(long records, long done, long total) {
        long now = nanoClock.getAsLong();
        if (status.terminal()) {
            status.draw(line(records, done, total, now));
            status.endLine();
        } else {
            status.println(label + ": " + describe(records, verb, seconds(now), done, total));
        }
    }

    /** The stream is over: moves below the bar on a terminal. */
    public void finish() {
        if (status.terminal()) {
            status.endLine();
        }
    }

    private void show(long records, long done, long total, long now) {
        if (status.terminal()) {
            status.draw(line(records, done, total, now));
        } else {
            status.println(label + ": " + describe(records, verb, seconds(now), done, total));
            shownPlainLines = true;
        }
    }

    /** The terminal line: label, bar when the total is known, figures. */
    private String line(long records, long done, long total, long now) {
        String shortLabel = label.length() <= MAX_TERMINAL_LABEL ? label
                : "…" + label.substring(label.length() - MAX_TERMINAL_LABEL + 1);
        String bar = total > 0 ? bar(done, total) + " " : "";
        return shortLabel + " " + bar + describe(records, verb, seconds(now), done, total);
    }

    private double seconds(long now) {
        return (now - start) / NANOS_PER_SECOND;
    }

    /** For example "42% 41,200 sent 20,600/s ETA 0:03", or without the share and ETA when the total is unknown. */
    static String describe(long records, String verb, double seconds, long done, long total) {
        double rate = seconds > 0 ? records / seconds : 0;
        String counts = String.format(Locale.ROOT, "%,d %s  %,.0f/s", records, verb, rate);
        if (total <= 0) {
            return counts;
        }
        String share = String.format(Locale.ROOT, "%3d%%  ", Math.min(100, done * 100 / total));
        String eta = done > 0 && done < total ? "  ETA " + clock(seconds * (total - done) / done) : "";
        return share + counts + eta;
    }

    static String bar(long done, long total) {
        int filled = total > 0 ? (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total) : 0;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    /** Seconds as m:ss, or h:mm:ss from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
