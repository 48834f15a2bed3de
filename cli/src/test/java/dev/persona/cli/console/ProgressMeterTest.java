package dev.persona.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    private static final long SECOND = 1_000_000_000L;

    private final StringWriter err = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private ProgressMeter meter(boolean terminal) {
        return new ProgressMeter("u.data", "sent", new StatusLine(new PrintWriter(err), terminal), now::get);
    }

    @Test
    void describesShareCountsRateAndEtaFromTheBytesRead() {
        // A quarter of the file in 10 s leaves three quarters: 30 s.
        assertEquals(" 25%  5,000 sent  500/s  ETA 0:30", ProgressMeter.describe(5_000, "sent", 10, 250, 1_000));
        assertEquals("5,000 received  500/s", ProgressMeter.describe(5_000, "received", 10, 0, 0));
    }

    @Test
    void theEtaIsLeftOutOnceTheWholeInputIsRead() {
        assertEquals("100%  5,000 sent  500/s", ProgressMeter.describe(5_000, "sent", 10, 1_000, 1_000));
    }

    @Test
    void clockAndBar() {
        assertEquals("1:05", ProgressMeter.clock(65));
        assertEquals("2:00:01", ProgressMeter.clock(7201));
        assertEquals("[##########----------]", ProgressMeter.bar(50, 100));
    }

    @Test
    void withoutATerminalAPlainLineIsPrintedEveryFewSecondsAtMostThenTheWaitForTheCommit() {
        ProgressMeter meter = meter(false);
        meter.update(1, 10, 100);
        now.set(ProgressMeter.PLAIN_INTERVAL_SECONDS * SECOND);
        meter.update(2, 20, 100);
        now.addAndGet(SECOND);
        meter.update(3, 30, 100);
        meter.allSent(3, 100, 100);
        meter.finish();
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err::toString);
        assertTrue(lines.get(0).startsWith("u.data:  20%  2 sent"), err::toString);
        assertEquals("u.data: all 3 sent in 6.0 s; waiting for the commit", lines.get(1));
    }

    @Test
    void aQuickImportWithoutATerminalPrintsNothing() {
        ProgressMeter meter = meter(false);
        meter.update(1, 100, 100);
        meter.allSent(1, 100, 100);
        meter.finish();
        assertEquals("", err.toString());
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndEndsWithANewline() {
        ProgressMeter meter = meter(true);
        now.set(SECOND);
        meter.update(1, 50, 100);
        meter.allSent(2, 100, 100);
        meter.finish();
        String printed = err.toString();
        assertTrue(printed.startsWith("\ru.data [##########----------]  50%"), printed);
        assertTrue(printed.contains("\ru.data [####################] 100%  2 sent  2/s  committing"), printed);
        assertTrue(printed.endsWith(System.lineSeparator()), printed);
    }

    @Test
    void aCompletedStageLeavesItsFiguresOnALineOfItsOwnEvenWhenQuick() {
        ProgressMeter plain = meter(false);
        plain.update(1, 1, 4);
        plain.complete(4, 4, 4);
        assertEquals("u.data: 100%  4 sent  0/s", err.toString().strip());
        err.getBuffer().setLength(0);
        ProgressMeter terminal = meter(true);
        now.addAndGet(2 * SECOND);
        terminal.complete(4, 4, 4);
        assertEquals("\ru.data [####################] 100%  4 sent  2/s" + System.lineSeparator(), err.toString());
    }
}
