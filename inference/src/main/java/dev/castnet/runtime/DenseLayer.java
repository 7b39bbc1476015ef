package dev.castnet.runtime;

/**
 * A live view of one dense block of a network declared as an annotated interface: a method annotated with
 * {@code @Dense} returns one ({@link ConvLayer} and {@link RecurrentLayer} are the views of the other blocks).
 * Reads copy the current values (as {@code double[]}, whatever the precision), so they are for inspection, not
 * for the training loop.
 */
public interface DenseLayer {
    /** {@return the dense layer's tensor prefix}, e.g. {@code dense0}. */
    String name();

    /** {@return the number of inputs} (a sequence or an image counts all its values). */
    int inputs();

    /** {@return the number of units}, the layer's outputs. */
    int units();

    /** {@return a copy of the weights} {@code [inputs][units]}, row-major. */
    double[] weights();

    /** {@return a copy of the biases} {@code [units]}; empty when the layer has no bias. */
    double[] biases();

    /**
     * {@return the gradient of the last step's mean data loss with respect to the weights}, laid out as {@link
     * #weights()}.
     */
    double[] weightGradients();

    /**
     * {@return the gradient of the last step's mean data loss with respect to the biases}; empty when the layer has no
     * bias.
     */
    double[] biasGradients();

    /**
     * The layer's output after its whole block (dense → batchnorm → activation → dropout) for the samples of the last
     * forward or training step, {@code [batch][units]}.
     *
     * @param batch how many samples to copy, from the first; at most the network's {@code maxBatch}
     * @return a copy of the first {@code batch} samples' outputs
     */
    double[] activations(int batch);
}
