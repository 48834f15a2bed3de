package dev.persona.cli.imports;

import dev.persona.api.v1.ImportSummary;
import dev.persona.api.v1.Rejection;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints what profile-service reported for one import stream. */
public final class SummaryPrinter {

    static final int MAX_REJECTIONS_SHOWN = 10;

    private SummaryPrinter() {
    }

    public static void print(PrintWriter out, UploadResult result) {
        ImportSummary s = result.summary();
        out.printf(Locale.ROOT,
                "%s: %,d received, %,d accepted, %,d duplicates, %,d rejected in %.1f s (%,.0f records/s)%n",
                result.label(), s.getReceived(), s.getAccepted(), s.getDuplicates(), s.getRejected(),
                result.seconds(), result.recordsPerSecond());
        if (s.getReceived() != result.sent()) {
            out.printf(Locale.ROOT, "  warning: %,d records were sent but profile-service counted %,d%n",
                    result.sent(), s.getReceived());
        }
        int shown = Math.min(MAX_REJECTIONS_SHOWN, s.getRejectionsCount());
        for (int i = 0; i < shown; i++) {
            Rejection r = s.getRejections(i);
            out.printf(Locale.ROOT, "  rejected record %,d (0-based, in the order sent): %s: %s%n",
                    r.getIndex(), r.getField(), r.getReason());
        }
        if (s.getRejected() > shown) {
            out.printf(Locale.ROOT, "  ... and %,d more rejected%n", s.getRejected() - shown);
        }
        out.flush();
    }
}
