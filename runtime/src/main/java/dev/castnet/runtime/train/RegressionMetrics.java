package dev.castnet.runtime.train;

/**
 * Accumulates MSE, MAE and R² of outputs against real-valued targets over mini-batches without allocating.
 * R² = 1 − Σ(y − t)² / Σ(t − mean t)² per output, averaged over outputs (scikit-learn's {@code r2_score} with
 * {@code multioutput='uniform_average'}); the target means are those of the data accumulated.
 */
final class RegressionMetrics {
    private final int outputs;
    private final double[] sum;
    private final double[] sumSquares;
    private final double[] squaredError;
    private double absoluteError;
    private long samples;

    RegressionMetrics(int outputs) {
        this.outputs = outputs;
        sum = new double[outputs];
        sumSquares = new double[outputs];
        squaredError = new double[outputs];
    }

    void reset() {
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(sumSquares, 0);
        java.util.Arrays.fill(squaredError, 0);
        absoluteError = 0;
        samples = 0;
    }

    /** Adds one sample's output {@code y} and target {@code t} for output {@code j}. */
    void add(int j, double y, double t) {
        double e = y - t;
        sum[j] += t;
        sumSquares[j] += t * t;
        squaredError[j] += e * e;
        absoluteError += Math.abs(e);
    }

    /** Counts one sample (call after its outputs were added). */
    void endSample() {
        samples++;
    }

    double mse() {
        if (samples == 0) return Double.NaN;
        double s = 0;
        for (double v : squaredError) s += v;
        return s / (samples * outputs);
    }

    double mae() {
        return samples == 0 ? Double.NaN : absoluteError / (samples * outputs);
    }

    /** NaN when no target varies (R² is undefined for a constant target). */
    double r2() {
        if (samples == 0) return Double.NaN;
        double total = 0;
        int defined = 0;
        for (int j = 0; j < outputs; j++) {
            double mean = sum[j] / samples;
            double ssTotal = sumSquares[j] - samples * mean * mean;
            if (ssTotal <= 0) continue;
            total += 1 - squaredError[j] / ssTotal;
            defined++;
        }
        return defined == 0 ? Double.NaN : total / defined;
    }
}
