package dev.persona.segment.kmeans;

import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One full {@link KMeans} fit (k-means++ seeding, exactly 100 Hamerly iterations, final assignment pass) on
 * 1,000,000 × 16 Gaussian points: 8 centres drawn uniformly from [−10, 10]¹⁶, unit-variance noise, fixed seed.
 * k = 8, one restart, 2 threads; a negative tolerance disables early stopping. The SSE of the last fit is printed at
 * the end of each trial. Generating the points is not timed.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -q -pl segment-service -am test-compile exec:exec@segment-bench \
 *     -Dbench.main=dev.persona.segment.kmeans.KMeansBenchmark -Djmh.args="-wi 1 -i 3 -f 1"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class KMeansBenchmark {

    private static final int N = 1_000_000;
    private static final int D = 16;
    private static final int K = 8;
    private static final int ITERATIONS = 100;
    private static final int THREADS = 2;

    private Points points;
    private KMeans kMeans;
    private KMeansParams params;
    private KMeansResult last;

    @Setup(Level.Trial)
    public void generate() {
        SplittableRandom rng = new SplittableRandom(20_101);
        double[] centres = new double[K * D];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = -10 + 20 * rng.nextDouble();
        }
        double[] data = new double[N * D];
        for (int i = 0; i < N; i++) {
            int c = rng.nextInt(K);
            for (int t = 0; t < D; t++) {
                data[i * D + t] = centres[c * D + t] + gaussian(rng);
            }
        }
        points = Points.of(data, N, D);
        kMeans = new KMeans(THREADS);
        params = new KMeansParams(K, 7, 1, ITERATIONS, -1);
    }

    @Benchmark
    public KMeansResult fit() {
        last = kMeans.fit(points, params);
        return last;
    }

    @TearDown(Level.Trial)
    public void report() {
        if (last != null) {
            System.out.printf("%nKMeans: SSE %.6e, SSE per point %.4f, iterations %d%n", last.sse(), last.sse() / N,
                    last.iterations());
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Runs this benchmark with the JMH options in {@code args}. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions options = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(options);
        if (options.getIncludes().isEmpty()) {
            builder.include(KMeansBenchmark.class.getName());
        }
        new Runner(builder.build()).run();
    }
}
