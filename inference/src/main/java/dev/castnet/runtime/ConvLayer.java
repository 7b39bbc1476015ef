package dev.castnet.runtime;

/**
 * A live view of one {@code conv2d} block of a network declared as an annotated interface: a method annotated
 * with {@code @Conv2d} returns one. Reads copy the current values (as {@code double[]}, whatever the precision),
 * so they are for inspection, not for the training loop.
 */
public interface ConvLayer {
    /** {@return the conv layer's tensor prefix}, e.g. {@code conv2d0}. */
    String name();

    /** {@return the image the layer reads}, {@code {H, W, C}}. */
    int[] inputShape();

    /**
     * {@return the shape of the block's output} (after its batchnorm, activation, pooling and dropout): {@code {H', W',
     * F}}, or {@code {F}} after global average pooling.
     */
    int[] outputShape();

    /** {@return the number of filters F} (output channels). */
    int filters();

    /** {@return the kernel's height KH}. */
    int kernelHeight();

    /** {@return the kernel's width KW}. */
    int kernelWidth();

    /** {@return a copy of the weights} {@code [kernelHeight][kernelWidth][C][filters]}, row-major. */
    double[] weights();

    /** {@return a copy of the biases} {@code [filters]}; empty when the layer has no bias. */
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
     * The block's output for the samples of the last forward or training step, {@code [batch]} times {@link
     * #outputShape()} row-major (channels last).
     *
     * @param batch how many samples to copy, from the first; at most the network's {@code maxBatch}
     * @return a copy of the first {@code batch} samples' outputs
     */
    double[] activations(int batch);
}
