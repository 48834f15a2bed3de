package dev.persona.core.similarity;

import dev.persona.core.similarity.InteractionMatrix;
import dev.persona.core.similarity.Metric;
import dev.persona.core.similarity.NeighborKernel;
import dev.persona.core.similarity.NeighborLists;
import dev.persona.core.similarity.NeighborParams;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Compute-only timings of {@link NeighborKernel} on the synthetic MovieLens-1M log (6,040 users, 3,706 items,
 * 998,176 ratings, the rating as weight): item-item top-50 COSINE, PEARSON and JACCARD and user-user top-50 COSINE,
 * all with 2 threads, plus building the {@link InteractionMatrix} from parsed arrays. Reading the file is not timed.
 *
 * <p>Run from the repository root (3 warm-up and 5 measured iterations of 2 s, one fork, about 3 minutes):
 * <pre>
 * ./mvnw -q -pl core test-compile exec:exec@core-bench
 * </pre>
 * Options: {@code -Dpersona.ratings=<file>} reads another MovieLens ratings file (default
 * {@code ../shared/datasets/synth-ml1m/ratings.dat} from the repository root); {@code -Djmh.args="<JMH options>"}
 * passes options to JMH, for example {@code -Djmh.args="-wi 1 -i 3 itemCosine"}. Without the file the run prints
 * why and exits successfully, running nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class NeighborKernelBenchmark {

    private static final int THREADS = 2;
    private static final int K = 50;

    private RatingsFile ratings;
    private InteractionMatrix matrix;
    private NeighborKernel kernel;

    @Setup(Level.Trial)
    public void load() throws IOException {
        String missing = RatingsFile.missingMessage();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        ratings = RatingsFile.read(RatingsFile.location());
        matrix = ratings.matrix(false);
        kernel = new NeighborKernel(THREADS);
    }

    @Benchmark
    public NeighborLists itemCosine() {
        return kernel.itemNeighbors(matrix, NeighborParams.of(Metric.COSINE, K));
    }

    @Benchmark
    public NeighborLists itemPearson() {
        return kernel.itemNeighbors(matrix, NeighborParams.of(Metric.PEARSON, K));
    }

    @Benchmark
    public NeighborLists itemJaccard() {
        return kernel.itemNeighbors(matrix, NeighborParams.of(Metric.JACCARD, K));
    }

    @Benchmark
    public NeighborLists userCosine() {
        return kernel.userNeighbors(matrix, NeighborParams.of(Metric.COSINE, K));
    }

    @Benchmark
    public InteractionMatrix buildMatrix() {
        return ratings.matrix(false);
    }

    /** Runs these benchmarks (JMH options in {@code args}), or says why not when the file is absent. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        String missing = RatingsFile.missingMessage();
        if (missing != null) {
            System.out.println("NeighborKernelBenchmark skipped: " + missing);
            return;
        }
        CommandLineOptions options = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(options);
        if (options.getIncludes().isEmpty()) {
            builder.include(NeighborKernelBenchmark.class.getName());
        }
        new Runner(builder.build()).run();
    }
}
