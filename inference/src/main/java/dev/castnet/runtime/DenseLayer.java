package dev.castnet.runtime;

/**
 * A live view of one dense block of a network declared as an annotated interface: a method annotated with
 * {@code @Dense} returns one ({@link ConvLayer} and {@link RecurrentLayer} are the views of the other blocks).
 * Reads copy the current values (as {@code double[]}, whatever the precision), so they are for inspection, not
 * for the training loop.
 */
public interface DenseLayer {
    /** The dense layer's tensor prefix, e.g. {@code dense0}. */
    String name();

    int inputs();

    int units();

    /** Weights {@code [inputs][units]} row-major. */
    double[] weights();

    /** Biases {@code [units]}; empty when the layer has no bias. */
    double[] biases();

    /** Gradient of the last step's mean data loss with respect to the weights. */
    double[] weightGradients();

    double[] biasGradients();

    /**
     * The layer's output after its whole block (dense → batchnorm → activation → dropout) for the samples of
     * the last forward or training step, {@code [batch][units]}.
     */
    double[] activations(int batch);
}
