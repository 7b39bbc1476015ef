package dev.castnet.dsl.model;

/** Optimizers, matching torch.optim classes of the same names. */
public enum OptimizerKind {
    SGD, MOMENTUM, NESTEROV, ADAGRAD, ADADELTA, RMSPROP, ADAM, ADAMW;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
