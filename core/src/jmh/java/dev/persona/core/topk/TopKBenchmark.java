package dev.persona.core.topk;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TopK#select} as a trained model's ranking uses it per request: the best 50 of a catalogue's scores (3,706
 * items as in MovieLens 1M, 20,000 as EASE's ceiling), with an admission check. Run from the repository root:
 * <pre>
 * ./mvnw -q -pl core test-compile exec:exec@core-bench -Dbench.main=org.openjdk.jmh.Main -Djmh.args="TopKBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopKBenchmark {

    @Param({"3706", "20000"})
    int items;

    private float[] scores;
    private boolean[] seen;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        scores = new float[items];
        seen = new boolean[items];
        for (int i = 0; i < items; i++) {
            scores[i] = (float) random.nextGaussian();
            seen[i] = random.nextInt(20) == 0;
        }
    }

    @Benchmark
    public int[] best50() {
        return TopK.select(scores, 50, null, i -> !seen[i]);
    }
}
