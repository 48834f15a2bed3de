package dev.persona.cli.bench;

import java.util.Locale;

/** The latency figures a bench reports, in milliseconds, from call durations in nanoseconds. */
record Latency(double p50, double p90, double p99, double max, double mean) {

    private static final double NANOS_PER_MILLI = 1e6;

    /** Of a sample that must not be empty. */
    static Latency of(long[] nanos) {
        Percentiles percentiles = Percentiles.of(nanos);
        return new Latency(percentiles.at(50) / NANOS_PER_MILLI, percentiles.at(90) / NANOS_PER_MILLI,
                percentiles.at(99) / NANOS_PER_MILLI, percentiles.max() / NANOS_PER_MILLI,
                percentiles.mean() / NANOS_PER_MILLI);
    }

    /** "p50 0.412 ms, p90 0.655 ms, p99 1.204 ms, max 3.018 ms". */
    String describe() {
        return String.format(Locale.ROOT, "p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms", p50, p90, p99, max);
    }

    /** Adds p50_ms, p90_ms, p99_ms, max_ms and mean_ms. */
    JsonLine addTo(JsonLine json) {
        return json.put("p50_ms", p50).put("p90_ms", p90).put("p99_ms", p99).put("max_ms", max)
                .put("mean_ms", mean);
    }
}
