package dev.castnet.dsl.model;

import java.util.List;

/**
 * Optimizers, matching torch.optim classes of the same names, each with the hyperparameters it takes and their
 * SPEC §2 defaults.
 */
public enum OptimizerKind {
    SGD(List.of("lr"), 0.01, 0, 0, 0, 0, 0),
    MOMENTUM(List.of("lr", "rho"), 0.01, 0.9, 0, 0, 0, 0),
    NESTEROV(List.of("lr", "rho"), 0.01, 0.9, 0, 0, 0, 0),
    ADAGRAD(List.of("lr", "eps"), 0.01, 0, 0, 0, 1e-10, 0),
    ADADELTA(List.of("lr", "rho", "eps"), 1.0, 0.9, 0, 0, 1e-6, 0),
    RMSPROP(List.of("lr", "rho", "eps"), 0.001, 0.9, 0, 0, 1e-8, 0),
    ADAM(List.of("lr", "beta1", "beta2", "eps"), 0.001, 0, 0.9, 0.999, 1e-8, 0),
    ADAMW(List.of("lr", "beta1", "beta2", "eps", "wd"), 0.001, 0, 0.9, 0.999, 1e-8, 0.01);

    /** Every hyperparameter an optimizer can have, in the order of {@link #defaults()}. */
    public static final List<String> HYPERPARAMETERS = List.of("lr", "rho", "beta1", "beta2", "eps", "wd");

    private final List<String> keys;
    private final double[] defaults;

    OptimizerKind(List<String> keys, double... defaults) {
        this.keys = keys;
        this.defaults = defaults;
    }

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The hyperparameters this optimizer takes, in the order of SPEC §2's table. */
    public List<String> keys() {
        return keys;
    }

    /** Defaults of lr, rho, beta1, beta2, eps, wd (0 where unused). */
    public double[] defaults() {
        return defaults.clone();
    }
}
