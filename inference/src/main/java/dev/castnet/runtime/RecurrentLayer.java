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
    /** {@return the layer's tensor prefix}, e.g. {@code lstm0}. */
    String name();

    /** {@return the cell}: {@code "rnn"}, {@code "lstm"} or {@code "gru"}. */
    String cell();

    /** {@return the number of gates G}: 1 (rnn), 4 (lstm), 3 (gru). */
    int gates();

    /** {@return the number of steps T} of the input sequence. */
    int steps();

    /** {@return the number of features F} of each input step. */
    int features();

    /** {@return the number of hidden units H}. */
    int units();

    /** {@return whether the layer returns every h_t} ({@code {T, H}}) rather than only h_T ({@code {H}}). */
    boolean returnsSequence();

    /** {@return the shape of the block's output} (after its batchnorm and dropout): {@code {T, H}} or {@code {H}}. */
    int[] outputShape();

    /** {@return a copy of the input weights} {@code [features][gates·units]}, row-major. */
    double[] weights();

    /** {@return a copy of the recurrent weights} {@code [units][gates·units]}, row-major. */
    double[] recurrentWeights();

    /** {@return a copy of the input biases} {@code [gates·units]}. */
    double[] biases();

    /** {@return a copy of the recurrent biases} {@code [gates·units]}. */
    double[] recurrentBiases();

    /** {@return the gradient of the last step's mean data loss with respect to {@link #weights()}}. */
    double[] weightGradients();

    /** {@return the gradient of the last step's mean data loss with respect to {@link #recurrentWeights()}}. */
    double[] recurrentWeightGradients();

    /** {@return the gradient of the last step's mean data loss with respect to {@link #biases()}}. */
    double[] biasGradients();

    /** {@return the gradient of the last step's mean data loss with respect to {@link #recurrentBiases()}}. */
    double[] recurrentBiasGradients();

    /**
     * The block's output for the samples of the last forward or training step, {@code [batch]} times {@link
     * #outputShape()} row-major.
     *
     * @param batch how many samples to copy, from the first; at most the network's {@code maxBatch}
     * @return a copy of the first {@code batch} samples' outputs
     */
    double[] activations(int batch);
}
