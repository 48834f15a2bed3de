package dev.persona.cli.console;

import dev.persona.api.v1.Progress;

/**
 * The Progress messages of a server stream on stderr, one meter per phase (for example "load", "compute", "write"
 * of a neighbour build, "cluster k=4" of a segmentation, "fit" of a training).
 */
public final class PhaseProgress {

    private final StatusLine status;
    private String phase;
    private ProgressMeter meter;
    private long done;
    private long total;

    public PhaseProgress(StatusLine status) {
        this.status = status;
    }

    public void update(Progress progress) {
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
    public void end() {
        if (meter != null) {
            meter.complete(done, done, total);
            meter = null;
        }
    }
}
