package dev.persona.recommend.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 * Training time of the model trainers, from loaded matrices (reading and indexing the files is not timed), 2 threads:
 * <ul>
 *   <li>{@code implicitAlsSynthMl1m}: implicit ALS, 64 factors, 15 sweeps, 3 CG steps, on synth-ml1m (ratings as
 *       weights r, confidence 1 + α·r);</li>
 *   <li>{@code explicitAlsMl100kU1}: explicit ALS on ml-100k u1.base, 15 sweeps, rank {@code explicitFactors};</li>
 *   <li>{@code easeMl100k}: EASE λ 500 on all of ml-100k, binarised;</li>
 *   <li>{@code easeInverseEjml} and {@code easeInverseSweep}: the inverse of XᵀX + 500·I of the same data alone, by
 *       EJML's Cholesky inverse and by the hand-written {@link SymmetricInverse} (the reason it exists).</li>
 * </ul>
 * The data comes from the datasets folder ({@code -Dpersona.datasets}, default {@code ../shared/datasets} next to the
 * repository); a benchmark whose file is missing is skipped with a message. Run from the repository root:
 * <pre>
 * ./mvnw -q -pl recommend-service -am test-compile exec:exec@recommend-bench \
 *     -Dbench.main=dev.persona.recommend.model.TrainerBenchmark -Djmh.args="-wi 1 -i 3"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TrainerBenchmark {

    static final int THREADS = 2;

    /** synth-ml1m as implicit weights. */
    @State(Scope.Benchmark)
    public static class SynthMl1m {
        Interactions data;

        @Setup(Level.Trial)
        public void load() throws IOException {
            data = Datasets.compact(Datasets.read(required("synth-ml1m/ratings.dat")), false);
        }
    }

    /** ml-100k u1.base as ratings. */
    @State(Scope.Benchmark)
    public static class Ml100kU1 {
        @Param({"20", "50"})
        int explicitFactors;
        Interactions data;

        @Setup(Level.Trial)
        public void load() throws IOException {
            data = Datasets.compact(Datasets.read(required("ml-100k/u1.base")), false);
        }
    }

    /** All of ml-100k, binarised, and XᵀX + 500·I of it (lower triangle) for the inverse alone. */
    @State(Scope.Benchmark)
    public static class Ml100k {
        Interactions data;
        double[] gram;

        @Setup(Level.Trial)
        public void load() throws IOException, InterruptedException {
            data = Datasets.compact(Datasets.read(required("ml-100k/u.data")), true);
            int n = data.numItems();
            gram = new double[n * n];
            try (Workers workers = new Workers(1)) {
                Ease.gram(data, gram, workers);
            }
            for (int i = 0; i < n; i++) {
                gram[i * n + i] += 500;
            }
        }
    }

    @Benchmark
    public ImplicitAlsModel implicitAlsSynthMl1m(SynthMl1m state) throws InterruptedException {
        AlsParams params = new AlsParams(64, 15, 0.1, 1, 42, THREADS, 3, false);
        return ImplicitAls.train(state.data, params, ProgressListener.NONE);
    }

    @Benchmark
    public ExplicitAlsModel explicitAlsMl100kU1(Ml100kU1 state) throws InterruptedException {
        AlsParams params = new AlsParams(state.explicitFactors, 15, 0.1, 0, 42, THREADS, 0, true);
        return ExplicitAls.train(state.data, params, ProgressListener.NONE);
    }

    @Benchmark
    public EaseModel easeMl100k(Ml100k state) throws InterruptedException {
        return Ease.train(state.data, new EaseParams(500, EaseParams.DEFAULT_MAX_ITEMS, THREADS),
                ProgressListener.NONE);
    }

    /** EASE's inverse alone by EJML (Cholesky, single-threaded): the library baseline of the hand-written sweep. */
    @Benchmark
    public DMatrixRMaj easeInverseEjml(Ml100k state) {
        int n = state.data.numItems();
        DMatrixRMaj a = DMatrixRMaj.wrap(n, n, state.gram.clone());
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(n);
        if (!solver.setA(a)) {
            throw new IllegalStateException("not positive definite");
        }
        solver.invert(inverse);
        return inverse;
    }

    /** EASE's inverse alone by {@link SymmetricInverse} (blocked sweep, 2 threads). */
    @Benchmark
    public double[] easeInverseSweep(Ml100k state) throws InterruptedException {
        double[] a = state.gram.clone();
        try (Workers workers = new Workers(THREADS)) {
            SymmetricInverse.invert(a, state.data.numItems(), workers);
        }
        return a;
    }

    private static Path required(String file) {
        Path path = Datasets.file(file);
        if (path == null) {
            throw new IllegalStateException("missing " + file);
        }
        return path;
    }

    /** Runs the benchmarks whose data is present, with the JMH options in {@code args}. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions options = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(options);
        List<String> runnable = new ArrayList<>();
        if (Datasets.file("synth-ml1m/ratings.dat") != null) {
            runnable.add("implicitAlsSynthMl1m");
        }
        if (Datasets.file("ml-100k/u1.base") != null) {
            runnable.add("explicitAlsMl100kU1");
        }
        if (Datasets.file("ml-100k/u.data") != null) {
            runnable.add("easeMl100k");
            runnable.add("easeInverseEjml");
            runnable.add("easeInverseSweep");
        }
        if (runnable.isEmpty()) {
            System.err.println("No data for any trainer benchmark in " + Datasets.folder() + ": nothing to run.");
            return;
        }
        if (options.getIncludes().isEmpty()) {
            for (String name : runnable) {
                builder.include(TrainerBenchmark.class.getName() + "." + name + "$");
            }
        }
        builder.jvmArgsAppend("-Dpersona.datasets=" + Datasets.folder());
        new Runner(builder.build()).run();
    }
}
