package dev.castnet.runtime.train;

/**
 * Stops when the monitored metric has not improved by more than {@code minDelta} for {@code patience}
 * epochs in a row (Keras's {@code EarlyStopping}: patience 5 stops after the fifth epoch without improvement). {@code val_loss} improves downwards, {@code val_accuracy}
 * upwards. With {@code restoreBest} the trainer keeps the best epoch's parameters in memory and writes them
 * back at the end.
 */
public final class EarlyStopping {

    /** What can be monitored: the validation loss, accuracy (class labels), or MSE, MAE, R² (real targets). */
    public static final java.util.List<String> MONITORS = java.util.List.of("val_loss", "val_accuracy", "val_mse",
            "val_mae", "val_r2");

    /**
     * The configuration: {@code monitor} is one of {@link #MONITORS}; {@code val_accuracy} needs class labels,
     * {@code val_mse}, {@code val_mae} and {@code val_r2} real-valued targets.
     *
     * @param monitor one of {@link EarlyStopping#MONITORS}
     * @param patience epochs without improvement before stopping
     * @param minDelta the improvement an epoch must exceed
     * @param restoreBest whether to write the best epoch's parameters back at the end
     */
    public record Config(String monitor, int patience, double minDelta, boolean restoreBest) {
        /**
         * Checks the configuration.
         *
         * @param monitor one of {@link EarlyStopping#MONITORS}
         * @param patience epochs without improvement before stopping, at least 0
         * @param minDelta the improvement an epoch must exceed, at least 0
         * @param restoreBest whether to write the best epoch's parameters back at the end
         * @throws IllegalArgumentException for an unknown monitor, a negative patience or a negative or NaN {@code
         *     minDelta}
         */
        public Config {
            if (!MONITORS.contains(monitor)) {
                throw new IllegalArgumentException("early_stop monitor must be one of " + String.join(", ", MONITORS)
                        + ", got '" + monitor + "'");
            }
            if (patience < 0) throw new IllegalArgumentException("early_stop patience must be >= 0, got " + patience);
            if (!(minDelta >= 0)) throw new IllegalArgumentException("early_stop min_delta must be >= 0, got " + minDelta);
        }

        /**
         * {@return whether the figure improves upwards}: accuracy and R² do, the losses and errors improve downwards.
         */
        public boolean maximize() {
            return monitor.equals("val_accuracy") || monitor.equals("val_r2");
        }

        /** {@return whether the monitored figure exists only for real-valued targets} */
        public boolean regressionMetric() {
            return monitor.equals("val_mse") || monitor.equals("val_mae") || monitor.equals("val_r2");
        }

        /**
         * The monitored figure of an evaluation.
         *
         * @param e an evaluation of the validation split
         * @return its loss, accuracy, MSE, MAE or R²
         */
        public double value(Evaluation e) {
            return switch (monitor) {
                case "val_accuracy" -> e.accuracy();
                case "val_mse" -> e.mse();
                case "val_mae" -> e.mae();
                case "val_r2" -> e.r2();
                default -> e.loss();
            };
        }
    }

    private final Config config;
    private double best;
    private int bestEpoch = -1;
    private int wait;
    private boolean stopped;

    /**
     * Early stopping that has seen no epoch yet.
     *
     * @param config the monitor, patience, minimum improvement and whether to restore the best epoch
     */
    public EarlyStopping(Config config) {
        this.config = config;
        best = config.maximize() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** {@return the configuration} */
    public Config config() {
        return config;
    }

    /**
     * Records the metric of an epoch. Afterwards {@link #shouldStop()} says whether patience ran out. A NaN metric
     * never improves.
     *
     * @param epoch the 0-based epoch
     * @param value the monitored figure of that epoch
     * @return true when it is a new best
     */
    public boolean update(int epoch, double value) {
        boolean improved = config.maximize() ? value - config.minDelta() > best : value + config.minDelta() < best;
        if (improved) {
            best = value;
            bestEpoch = epoch;
            wait = 0;
        } else {
            wait++;
            if (wait >= config.patience()) stopped = true;
        }
        return improved;
    }

    /** {@return whether patience ran out}: {@code patience} epochs in a row without improvement. */
    public boolean shouldStop() {
        return stopped;
    }

    /** {@return the best value of the monitored figure so far} (an infinity before any epoch) */
    public double best() {
        return best;
    }

    /** {@return the 0-based epoch of the best value}, −1 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** {@return the number of epochs since the last improvement} */
    public int waited() {
        return wait;
    }

    /** {best, bestEpoch, wait, stopped} for checkpoints. */
    double[] state() {
        return new double[] {best, bestEpoch, wait, stopped ? 1 : 0};
    }

    void restore(double[] s) {
        best = s[0];
        bestEpoch = (int) s[1];
        wait = (int) s[2];
        stopped = s[3] != 0;
    }
}
