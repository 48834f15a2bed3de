package dev.persona.cli.imports;

import dev.persona.api.v1.ImportSummary;
import java.time.Duration;

/**
 * One finished import stream.
 *
 * @param label   what was imported (the file)
 * @param sent    records sent
 * @param summary what profile-service reported
 * @param elapsed from opening the stream to the response, which comes once everything accepted is committed
 */
public record UploadResult(String label, long sent, ImportSummary summary, Duration elapsed) {

    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    /** Records sent per second of the whole stream, commit included. */
    public double recordsPerSecond() {
        return seconds() > 0 ? sent / seconds() : 0;
    }
}
