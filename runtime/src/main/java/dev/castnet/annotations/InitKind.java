package dev.castnet.annotations;

/**
 * Weight initializers (see {@code docs/language.md}); biases always start at 0. See {@link Init} for their
 * arguments.
 */
public enum InitKind {
    /**
     * The language's default: he_uniform before the relu family, xavier_uniform otherwise; orthogonal for recurrent
     * weights.
     */
    DEFAULT,

    /** Every weight 0 (every hidden unit stays equal). */
    ZEROS,

    /** Every weight the same value. */
    CONSTANT,

    /** N(mean, std²). */
    GAUSSIAN,

    /** U(a, b). */
    UNIFORM,

    /** U(−r, r), r = gain·sqrt(6/(fan_in + fan_out)). */
    XAVIER_UNIFORM,

    /** N(0, gain²·2/(fan_in + fan_out)). */
    XAVIER_NORMAL,

    /** Fan-in scaling with gain sqrt(2), uniform. */
    HE_UNIFORM,

    /** Fan-in scaling with gain sqrt(2), normal. */
    HE_NORMAL,

    /** N(0, 1/fan_in). */
    LECUN_NORMAL,

    /**
     * A (semi-)orthogonal matrix from the QR decomposition of a Gaussian one, times gain (Saxe et al. 2014), as
     * PyTorch's {@code orthogonal_}; the default of recurrent weights.
     */
    ORTHOGONAL
}
