package dev.persona.cli.neighbors;

import dev.persona.api.v1.Progress;
import dev.persona.cli.console.ProgressMeter;
import dev.persona.cli.console.StatusLine;

/** The progress of a build on stderr, one meter per phase ("load", "compute", "write", "switch"). */
final class BuildProgress {

    private final StatusLine status;
    private String phase;
    private ProgressMeter meter;
    private long done;
    private long total;

    BuildProgress(StatusLine status) {
        this.status = status;
    }

    void update(Progress progress) {
        if (!progress.getPhase().equals(phase)) {
            end();
            phase = progress.getPhase();
            meter = ProgressMeter.start(phase, "done", status);
        }
        done = progress.getDone();
        total = progress.getTotal();
        meter.update(done, done, total);
    }

    /** Leaves the figures of the phase under way, if any, on a line of their own. */
    void end() {
        if (meter != null) {
            meter.complete(done, done, total);
            meter = null;
        }
    }
}
