package dev.persona.cli.console;

import dev.persona.api.v1.Progress;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * Follows a server stream of Progress messages that ends with a result: shows the progress on {@code status}
     * and returns the result, empty when the stream ends without one (the caller knows what that failure means to
     * the user; this console helper does not turn it into an exit code).
     *
     * @param progressOf a message's Progress, null when it carries none
     * @param resultOf   a message's result, null when it carries none
     */
    public static <M, R> Optional<R> follow(Iterator<M> responses, StatusLine status,
                                            Function<M, Progress> progressOf, Function<M, R> resultOf) {
        PhaseProgress progress = new PhaseProgress(status);
        R result = null;
        try {
            while (responses.hasNext()) {
                M response = responses.next();
                Progress p = progressOf.apply(response);
                if (p != null) {
                    progress.update(p);
                } else {
                    R r = resultOf.apply(response);
                    if (r != null) {
                        result = r;
                    }
                }
            }
        } finally {
            progress.end();
        }
        return Optional.ofNullable(result);
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
