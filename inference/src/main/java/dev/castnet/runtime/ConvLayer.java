package dev.castnet.runtime;

/**
 * A live view of one {@code conv2d} block of a network declared as an annotated interface: a method annotated
 * with {@code @Conv2d} returns one. Reads copy the current values (as {@code double[]}, whatever the precision),
 * so they are for inspection, not for the training loop.
 */
public interface ConvLayer {
    /** The conv layer's tensor prefix, e.g. {@code conv2d0}. */
    String name();

    /** The image the layer reads, {@code {H, W, C}}. */
    int[] inputShape();

    /**
     * The shape of the block's output (after its batchnorm, activation, pooling and dropout): {@code {H', W', F}},
     * or {@code {F}} after global average pooling.
     */
    int[] outputShape();

    /** Number of filters F (output channels). */
    int filters();

    int kernelHeight();

    int kernelWidth();

    /** Weights {@code [kernelHeight][kernelWidth][C][filters]} row-major. */
    double[] weights();

    /** Biases {@code [filters]}; empty when the layer has no bias. */
    double[] biases();

    /** Gradient of the last step's mean data loss with respect to the weights. */
    double[] weightGradients();

    double[] biasGradients();

    /**
     * The block's output for the samples of the last forward or training step, {@code [batch]} times
     * {@link #outputShape()} row-major (channels last).
     */
    double[] activations(int batch);
}
