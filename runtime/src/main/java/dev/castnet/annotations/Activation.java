package dev.castnet.annotations;

/**
 * Element-wise activations: of a {@link Dense} or {@link Conv2d} block (after its {@link BatchNorm}), and the cell
 * nonlinearity of an {@link Rnn} ({@link #TANH}, {@link #SIGMOID} or {@link #RELU}).
 */
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

    /**
     * Softmax over the outputs; only on the last method, with {@link Loss#CROSS_ENTROPY}, on a vector (on a
     * {@link Conv2d} block it runs after the pooling, so with {@link GlobalAvgPool}).
     */
    SOFTMAX
}
