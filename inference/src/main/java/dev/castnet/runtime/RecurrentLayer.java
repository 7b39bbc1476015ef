package dev.castnet.runtime;

/**
 * A live view of one recurrent block ({@code rnn}, {@code lstm} or {@code gru}) of a network declared as an
 * annotated interface: a method annotated with {@code @Rnn}, {@code @Lstm} or {@code @Gru} returns one. The
 * tensors are PyTorch's, transposed where PyTorch stores {@code [G·H][F]}: {@code weight [F][G·H]} (weight_ihᵀ),
 * {@code recurrent_weight [H][G·H]} (weight_hhᵀ), {@code bias} and {@code recurrent_bias [G·H]}, with G gates in
 * PyTorch's order (lstm i, f, g, o; gru r, z, n). Reads copy the current values (as {@code double[]}, whatever the
 * precision), so they are for inspection, not for the training loop.
 */
public interface RecurrentLayer {
    /** The layer's tensor prefix, e.g. {@code lstm0}. */
    String name();

    /** The cell: {@code "rnn"}, {@code "lstm"} or {@code "gru"}. */
    String cell();

    /** Gates G: 1 (rnn), 4 (lstm), 3 (gru). */
    int gates();

    /** Steps T of the input sequence. */
    int steps();

    /** Features F of each input step. */
    int features();

    /** Hidden units H. */
    int units();

    /** True when the layer returns every h_t ({@code {T, H}}), false when only h_T ({@code {H}}). */
    boolean returnsSequence();

    /** The shape of the block's output (after its batchnorm and dropout): {@code {T, H}} or {@code {H}}. */
    int[] outputShape();

    /** Input weights {@code [features][gates·units]} row-major. */
    double[] weights();

    /** Recurrent weights {@code [units][gates·units]} row-major. */
    double[] recurrentWeights();

    /** Input biases {@code [gates·units]}. */
    double[] biases();

    /** Recurrent biases {@code [gates·units]}. */
    double[] recurrentBiases();

    /** Gradient of the last step's mean data loss with respect to {@link #weights()}. */
    double[] weightGradients();

    double[] recurrentWeightGradients();

    double[] biasGradients();

    double[] recurrentBiasGradients();

    /**
     * The block's output for the samples of the last forward or training step, {@code [batch]} times
     * {@link #outputShape()} row-major.
     */
    double[] activations(int batch);
}
