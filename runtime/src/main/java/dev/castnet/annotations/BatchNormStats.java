package dev.castnet.annotations;

/** Which statistics batch normalization uses at inference. */
public enum BatchNormStats {
    /** Running averages updated in training, as PyTorch. */
    RUNNING,

    /** The exact mean and unbiased variance of the whole training set, computed after training (the paper's choice). */
    POPULATION
}
