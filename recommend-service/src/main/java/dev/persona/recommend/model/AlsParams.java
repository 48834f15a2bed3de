package dev.persona.recommend.model;

/**
 * Parameters of {@link ExplicitAls} and {@link ImplicitAls}.
 *
 * @param factors       latent factors per user and item, 1 to 1,024
 * @param iterations    sweeps (users, then items), 1 to 1,000
 * @param lambda        L2 penalty λ, finite and 0 or more. Explicit ALS multiplies it by each row's count of ratings
 *                      (ALS-WR); implicit ALS does so only when {@code scaleLambda} is set
 * @param alpha         confidence scale of implicit ALS: c = 1 + α·r (ignored by explicit ALS)
 * @param seed          seed of the random initial factors
 * @param threads       worker threads; 0 or less means all available cores. The model does not depend on it
 * @param cgSteps       conjugate-gradient steps per row and sweep of implicit ALS (warm-started); 0 solves each
 *                      row exactly by Cholesky instead
 * @param scaleLambda   implicit ALS only: λ times the row's count of interactions, as explicit ALS does
 */
public record AlsParams(int factors, int iterations, double lambda, double alpha, long seed, int threads,
                        int cgSteps, boolean scaleLambda) {

    public AlsParams {
        if (factors < 1 || factors > 1024) {
            throw new IllegalArgumentException("factors must be 1 to 1,024, got " + factors);
        }
        if (iterations < 1 || iterations > 1000) {
            throw new IllegalArgumentException("iterations must be 1 to 1,000, got " + iterations);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("λ must be finite and 0 or more, got " + lambda);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("α must be finite and 0 or more, got " + alpha);
        }
        if (cgSteps < 0 || cgSteps > 100) {
            throw new IllegalArgumentException("conjugate-gradient steps must be 0 to 100, got " + cgSteps);
        }
    }

    /** Explicit ALS defaults: 64 factors, 15 sweeps, λ 0.1 (scaled by counts), seed 0, all cores. */
    public static AlsParams explicitDefaults() {
        return new AlsParams(64, 15, 0.1, 0, 0, 0, 0, true);
    }

    /** Implicit ALS defaults: 64 factors, 15 sweeps, λ 0.1, α 40, seed 0, all cores, 3 CG steps. */
    public static AlsParams implicitDefaults() {
        return new AlsParams(64, 15, 0.1, 40, 0, 0, 3, false);
    }

    public AlsParams withFactors(int factors) {
        return new AlsParams(factors, iterations, lambda, alpha, seed, threads, cgSteps, scaleLambda);
    }

    public AlsParams withIterations(int iterations) {
        return new AlsParams(factors, iterations, lambda, alpha, seed, threads, cgSteps, scaleLambda);
    }

    public AlsParams withLambda(double lambda) {
        return new AlsParams(factors, iterations, lambda, alpha, seed, threads, cgSteps, scaleLambda);
    }

    public AlsParams withAlpha(double alpha) {
        return new AlsParams(factors, iterations, lambda, alpha, seed, threads, cgSteps, scaleLambda);
    }

    public AlsParams withSeed(long seed) {
        return new AlsParams(factors, iterations, lambda, alpha, seed, threads, cgSteps, scaleLambda);
    }

    public AlsParams withThreads(int threads) {
        return new AlsParams(factors, iterations, lambda, alpha, seed, threads, cgSteps, scaleLambda);
    }

    public AlsParams withCgSteps(int cgSteps) {
        return new AlsParams(factors, iterations, lambda, alpha, seed, threads, cgSteps, scaleLambda);
    }

    public AlsParams withScaleLambda(boolean scaleLambda) {
        return new AlsParams(factors, iterations, lambda, alpha, seed, threads, cgSteps, scaleLambda);
    }
}
