package dev.persona.segment.classifier;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS).
 *
 * <p><b>Design.</b> Each numeric feature gives one column (missing values replaced by the training median);
 * each categorical feature gives one 0/1 indicator column per level (one-hot, none dropped: the penalty keeps the
 * collinear set identifiable; a value with no level, {@link Dataset#NO_LEVEL}, sets no indicator). Every column c is standardised with its training mean m_c and population standard
 * deviation s_c: z_c = (x_c − m_c) / s_c. A column that is constant on the training rows (s_c = 0) has z_c = 0 and
 * coefficient 0.
 *
 * <p><b>Model and objective.</b> P(y = 1 | z) = σ(η), η = β₀ + Σ_c β_c z_c, σ(t) = 1 / (1 + e^−t). The fit maximises
 * the penalised log-likelihood
 * ℓ(β) = Σ_i [y_i η_i − ln(1 + e^{η_i})] − (λ/2) Σ_{c≥1} β_c², with the intercept β₀ not penalised (λ is on the
 * scale of a sum over rows, not a mean).
 *
 * <p><b>Newton step.</b> With p_i = σ(η_i) and w_i = p_i (1 − p_i): gradient g = Xᵀ(y − p) − λ β̃ and
 * H = Xᵀ W X + λ Ĩ (β̃, Ĩ: intercept entry zeroed), step d solves H d = g by Cholesky factorisation
 * H = L Lᵀ (EJML, {@link #solve}); if a full step lowers ℓ it is halved (up to 30 times). Iteration stops when the relative change
 * |ℓ_new − ℓ_old| / |ℓ_old| &lt; 10⁻⁸ ({@link #converged()}) or after 100 steps. With λ = 0 and separable data
 * the Hessian becomes singular and fitting fails with an {@link IllegalStateException}: use λ &gt; 0.
 *
 * <p><b>Original units.</b> β_c^orig = β_c / s_c and β₀^orig = β₀ − Σ_c β_c m_c / s_c, so
 * η = β₀^orig + Σ_c β_c^orig x_c.
 */
public final class LogisticRegression implements Classifier {

    /** Maximum number of Newton steps. */
    public static final int MAX_ITERATIONS = 100;

    /** Relative change of the penalised log-likelihood below which the fit has converged. */
    public static final double TOLERANCE = 1e-8;

    /**
     * One feature's share of a prediction's log-odds: Σ β_c z_c over the feature's columns.
     *
     * @param feature      the feature name
     * @param value        the row's value as text (the level for a category, the imputed number for a numeric feature)
     * @param contribution signed contribution to the log-odds (positive pushes towards the positive class)
     */
    public record Contribution(String feature, String value, double contribution) {
    }

    private final String[] featureNames;
    private final Dataset.Kind[] kinds;
    private final int[] firstColumn; // per feature, its first design column (1-based, 0 is the intercept)
    private final String[] columnNames;
    private final double[] medians;
    private final double[] mean;
    private final double[] sd;
    private final double[] beta; // [0] intercept, standardised units
    private final int iterations;
    private final boolean converged;
    private final double logLikelihood;

    private LogisticRegression(String[] featureNames, Dataset.Kind[] kinds, int[] firstColumn, String[] columnNames,
                               double[] medians, double[] mean, double[] sd, double[] beta, int iterations,
                               boolean converged, double logLikelihood) {
        this.featureNames = featureNames;
        this.kinds = kinds;
        this.firstColumn = firstColumn;
        this.columnNames = columnNames;
        this.medians = medians;
        this.mean = mean;
        this.sd = sd;
        this.beta = beta;
        this.iterations = iterations;
        this.converged = converged;
        this.logLikelihood = logLikelihood;
    }

    /** A factory for {@link CrossValidation}. */
    public static ModelFactory factory(double lambda) {
        checkLambda(lambda);
        return (data, train) -> fit(data, train, lambda);
    }

    /** Fits on {@code trainRows} with penalty λ ≥ 0, see the class comment. */
    public static LogisticRegression fit(Dataset data, int[] trainRows, double lambda) {
        if (data == null) {
            throw new IllegalArgumentException("data is required");
        }
        checkLambda(lambda);
        data.checkRows(trainRows, "trainRows");
        int p = data.features();
        String[] featureNames = new String[p];
        Dataset.Kind[] kinds = new Dataset.Kind[p];
        int[] firstColumn = new int[p + 1];
        List<String> columns = new ArrayList<>();
        columns.add("(intercept)");
        for (int j = 0; j < p; j++) {
            featureNames[j] = data.name(j);
            kinds[j] = data.kind(j);
            firstColumn[j] = columns.size();
            if (kinds[j] == Dataset.Kind.NUMERIC) {
                columns.add(featureNames[j]);
            } else {
                for (String level : data.levels(j)) {
                    columns.add(featureNames[j] + "=" + level);
                }
            }
        }
        firstColumn[p] = columns.size();
        int q = columns.size();
        double[] medians = data.medians(trainRows);
        int n = trainRows.length;

        // raw design, then standardise
        double[][] x = new double[n][q];
        for (int i = 0; i < n; i++) {
            raw(data, trainRows[i], kinds, firstColumn, medians, x[i]);
        }
        double[] mean = new double[q];
        double[] sd = new double[q];
        for (int c = 1; c < q; c++) {
            double s = 0;
            for (double[] row : x) {
                s += row[c];
            }
            mean[c] = s / n;
            double v = 0;
            for (double[] row : x) {
                double d = row[c] - mean[c];
                v += d * d;
            }
            sd[c] = Math.sqrt(v / n);
        }
        for (double[] row : x) {
            standardise(row, mean, sd);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = data.label(trainRows[i]) ? 1 : 0;
        }

        double[] beta = new double[q];
        double ll = penalisedLogLikelihood(x, y, beta, lambda);
        int iterations = 0;
        boolean converged = false;
        while (iterations < MAX_ITERATIONS && !converged) {
            double[] g = new double[q];
            double[][] h = new double[q][q];
            for (int i = 0; i < n; i++) {
                double[] row = x[i];
                double pi = sigmoid(dot(row, beta));
                double w = pi * (1 - pi);
                double r = y[i] - pi;
                for (int a = 0; a < q; a++) {
                    if (row[a] == 0) {
                        continue;
                    }
                    g[a] += row[a] * r;
                    double wa = w * row[a];
                    for (int b = 0; b <= a; b++) {
                        h[a][b] += wa * row[b];
                    }
                }
            }
            for (int c = 1; c < q; c++) {
                g[c] -= lambda * beta[c];
                h[c][c] += sd[c] == 0 ? 1 : lambda; // a constant column: keep H positive definite, its β stays 0
            }
            for (int a = 0; a < q; a++) {
                for (int b = a + 1; b < q; b++) {
                    h[a][b] = h[b][a];
                }
            }
            double[] d = solve(h, g);
            double step = 1;
            double[] next = new double[q];
            double llNext;
            int halvings = 0;
            while (true) {
                for (int c = 0; c < q; c++) {
                    next[c] = beta[c] + step * d[c];
                }
                llNext = penalisedLogLikelihood(x, y, next, lambda);
                if (llNext >= ll || halvings == 30) {
                    break;
                }
                step /= 2;
                halvings++;
            }
            iterations++;
            converged = Math.abs(llNext - ll) < TOLERANCE * Math.abs(ll);
            beta = next;
            ll = llNext;
        }
        return new LogisticRegression(featureNames, kinds, firstColumn, columns.toArray(new String[0]), medians,
                mean, sd, beta, iterations, converged, ll);
    }

    @Override
    public double predictProbability(Dataset data, int row) {
        return sigmoid(dot(standardisedRow(data, row), beta));
    }

    /**
     * The {@code top} features with the largest |Σ_c β_c z_c| for one row, largest first (ties in feature order).
     */
    public List<Contribution> explain(Dataset data, int row, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
        double[] z = standardisedRow(data, row);
        int p = featureNames.length;
        double[] share = new double[p];
        for (int j = 0; j < p; j++) {
            for (int c = firstColumn[j]; c < firstColumn[j + 1]; c++) {
                share[j] += beta[c] * z[c];
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            order.add(j);
        }
        order.sort((a, b) -> {
            int byMagnitude = Double.compare(Math.abs(share[b]), Math.abs(share[a]));
            return byMagnitude != 0 ? byMagnitude : Integer.compare(a, b);
        });
        List<Contribution> result = new ArrayList<>();
        for (int j : order.subList(0, Math.min(top, p))) {
            String value;
            if (kinds[j] == Dataset.Kind.NUMERIC) {
                double v = data.numeric(j)[row];
                value = DecisionTree.compact(Double.isNaN(v) ? medians[j] : v);
            } else {
                int code = data.codes(j)[row];
                value = code >= 0 ? data.levels(j)[code] : Dataset.MISSING;
            }
            result.add(new Contribution(featureNames[j], value, share[j]));
        }
        return List.copyOf(result);
    }

    /** The three largest contributions, see {@link #explain(Dataset, int, int)}. */
    public List<Contribution> explain(Dataset data, int row) {
        return explain(data, row, 3);
    }

    /**
     * Everything a fitted model is, as plain data for storage: the features it was fitted on, the first design
     * column of each (1-based; one more entry than features, the last = number of columns), the design column names,
     * the fill values of missing numbers (NaN for categorical features), each column's training mean and population
     * standard deviation (index 0, the intercept, unused) and β in standardised units; then the fit's diagnostics.
     */
    public record State(List<String> featureNames, List<Dataset.Kind> kinds, int[] firstColumn, List<String> columnNames,
                        double[] fills, double[] mean, double[] sd, double[] beta, int iterations, boolean converged,
                        double logLikelihood) {
    }

    /** The model as plain data; {@link #of(State)} rebuilds it. */
    public State state() {
        return new State(List.of(featureNames), List.of(kinds), firstColumn.clone(), List.of(columnNames),
                medians.clone(), mean.clone(), sd.clone(), beta.clone(), iterations, converged, logLikelihood);
    }

    /** Rebuilds a model from {@link #state()}. */
    public static LogisticRegression of(State s) {
        int p = s.featureNames().size();
        int q = s.columnNames().size();
        if (s.kinds().size() != p || s.firstColumn().length != p + 1 || s.fills().length != p
                || s.mean().length != q || s.sd().length != q || s.beta().length != q || s.firstColumn()[p] != q) {
            throw new IllegalArgumentException("a logistic regression state has inconsistent lengths");
        }
        return new LogisticRegression(s.featureNames().toArray(new String[0]), s.kinds().toArray(new Dataset.Kind[0]),
                s.firstColumn().clone(), s.columnNames().toArray(new String[0]), s.fills().clone(), s.mean().clone(),
                s.sd().clone(), s.beta().clone(), s.iterations(), s.converged(), s.logLikelihood());
    }

    /** The first design column of each feature (1-based), and one more entry: the number of columns. */
    public int[] firstColumns() {
        return firstColumn.clone();
    }

    /** Design column names: "(intercept)", then the numeric feature name or "feature=level". */
    public String[] columnNames() {
        return columnNames.clone();
    }

    /** β in standardised units, index 0 the intercept, then one per design column. */
    public double[] standardisedCoefficients() {
        return beta.clone();
    }

    /** β in original units of each column (index 0 the intercept), see the class comment. */
    public double[] originalCoefficients() {
        double[] orig = new double[beta.length];
        orig[0] = beta[0];
        for (int c = 1; c < beta.length; c++) {
            if (sd[c] > 0) {
                orig[c] = beta[c] / sd[c];
                orig[0] -= orig[c] * mean[c];
            }
        }
        return orig;
    }

    /** Newton steps taken. */
    public int iterations() {
        return iterations;
    }

    /** Whether the relative change of ℓ fell below {@value #TOLERANCE} within {@value #MAX_ITERATIONS} steps. */
    public boolean converged() {
        return converged;
    }

    /** The penalised log-likelihood ℓ at the fitted β. */
    public double penalisedLogLikelihood() {
        return logLikelihood;
    }

    private double[] standardisedRow(Dataset data, int row) {
        if (data == null || data.features() != featureNames.length) {
            throw new IllegalArgumentException("data must have the " + featureNames.length
                    + " features the model was fitted on");
        }
        for (int j = 0; j < featureNames.length; j++) {
            if (!featureNames[j].equals(data.name(j)) || kinds[j] != data.kind(j)
                    || (kinds[j] == Dataset.Kind.CATEGORICAL
                        && data.levels(j).length != firstColumn[j + 1] - firstColumn[j])) {
                throw new IllegalArgumentException("feature " + j + " must be " + kinds[j] + " '" + featureNames[j]
                        + "' with the levels it was fitted on");
            }
        }
        if (row < 0 || row >= data.rows()) {
            throw new IllegalArgumentException("row " + row + " outside 0.." + (data.rows() - 1));
        }
        double[] z = new double[beta.length];
        raw(data, row, kinds, firstColumn, medians, z);
        standardise(z, mean, sd);
        return z;
    }

    private static void raw(Dataset data, int row, Dataset.Kind[] kinds, int[] firstColumn, double[] medians,
                            double[] out) {
        out[0] = 1;
        for (int j = 0; j < kinds.length; j++) {
            if (kinds[j] == Dataset.Kind.NUMERIC) {
                double v = data.numeric(j)[row];
                out[firstColumn[j]] = Double.isNaN(v) ? medians[j] : v;
            } else {
                int code = data.codes(j)[row];
                if (code >= 0) {
                    out[firstColumn[j] + code] = 1;
                }
            }
        }
    }

    private static void standardise(double[] row, double[] mean, double[] sd) {
        for (int c = 1; c < row.length; c++) {
            row[c] = sd[c] > 0 ? (row[c] - mean[c]) / sd[c] : 0;
        }
    }

    /**
     * x with H x = g for a symmetric H, by EJML's Cholesky factorisation H = L Lᵀ and forward and back substitution.
     * H is taken as no longer positive definite, and the fit fails with an {@link IllegalStateException}, when a pivot
     * L_jj² is at most 10⁻¹² · max(1, |H_jj|): a Hessian that singular (separable classes under a tiny penalty) gives
     * steps of no meaning. Neither argument is modified.
     */
    static double[] solve(double[][] h, double[] g) {
        int n = g.length;
        if (h.length != n) {
            throw new IllegalArgumentException("matrix is " + h.length + "×" + h.length + " but the vector has " + n
                    + " entries");
        }
        CholeskyDecomposition_F64<DMatrixRMaj> cholesky = DecompositionFactory_DDRM.chol(n, true);
        if (!cholesky.decompose(new DMatrixRMaj(h))) {
            throw new IllegalStateException("matrix is not positive definite; for logistic regression, use lambda > 0");
        }
        DMatrixRMaj l = cholesky.getT(null);
        for (int j = 0; j < n; j++) {
            double pivot = l.get(j, j) * l.get(j, j);
            if (!(pivot > 1e-12 * Math.max(1, Math.abs(h[j][j])))) {
                throw new IllegalStateException("matrix is not positive definite (pivot " + j + " is " + pivot
                        + "); for logistic regression, use lambda > 0");
            }
        }
        double[] x = g.clone();
        TriangularSolver_DDRM.solveL(l.data, x, n);
        TriangularSolver_DDRM.solveTranL(l.data, x, n);
        return x;
    }

    private static double penalisedLogLikelihood(double[][] x, double[] y, double[] beta, double lambda) {
        double ll = 0;
        for (int i = 0; i < x.length; i++) {
            double eta = dot(x[i], beta);
            // y η − ln(1 + e^η), with a stable softplus
            ll += y[i] * eta - (Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))));
        }
        double penalty = 0;
        for (int c = 1; c < beta.length; c++) {
            penalty += beta[c] * beta[c];
        }
        return ll - lambda / 2 * penalty;
    }

    static double sigmoid(double t) {
        if (t >= 0) {
            return 1 / (1 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1 + e);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void checkLambda(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number ≥ 0, got " + lambda);
        }
    }
}
