package dev.castnet.annotations;

/** Element-wise activations of a {@link Dense} layer. */
public enum Activation {
    /** No activation. */
    IDENTITY,

    /** The logistic function. */
    SIGMOID,

    /** Hyperbolic tangent. */
    TANH,

    /** max(0, x). */
    RELU,

    /** x for x > 0, else alpha·x. */
    LEAKY_RELU,

    /** x for x > 0, else alpha·(e^x − 1). */
    ELU,

    /** Softmax over the outputs; only on the last layer, with {@link Loss#CROSS_ENTROPY}. */
    SOFTMAX
}
