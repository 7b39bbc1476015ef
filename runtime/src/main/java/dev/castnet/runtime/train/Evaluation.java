package dev.castnet.runtime.train;

/**
 * Loss and metrics of a network on a data set in inference mode. {@code accuracy} for class labels (and
 * binary_cross_entropy); {@code mse}, {@code mae} and {@code r2} (the coefficient of determination, averaged over
 * outputs as scikit-learn's {@code r2_score}) for real-valued targets. A metric that does not apply is NaN.
 *
 * @param samples the samples evaluated
 * @param loss the mean loss
 * @param accuracy the accuracy, NaN where undefined
 * @param mse the mean squared error, for real-valued targets
 * @param mae the mean absolute error, for real-valued targets
 * @param r2 the coefficient of determination, for real-valued targets
 */
public record Evaluation(int samples, double loss, double accuracy, double mse, double mae, double r2) {

    /**
     * A classification evaluation (no regression metrics).
     *
     * @param samples the samples evaluated
     * @param loss the mean loss
     * @param accuracy the accuracy, NaN where undefined
     */
    public Evaluation(int samples, double loss, double accuracy) {
        this(samples, loss, accuracy, Double.NaN, Double.NaN, Double.NaN);
    }

    /** {@return whether the regression metrics are known} (the data had real-valued targets). */
    public boolean regression() {
        return !Double.isNaN(mae);
    }
}
