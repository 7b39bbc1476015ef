package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A 2-D convolution block on an image input ({@code conv2d F kernel=K …} in a {@code .nn} file): cross-correlation
 * as PyTorch's {@code Conv2d} (Keras's {@code Conv2D}), channels last, weight {@code [KH][KW][C][filters]}, then its
 * activation. On one method the parts run conv2d → {@link BatchNorm} (per channel, as {@code BatchNorm2d}) →
 * activation → pooling ({@link MaxPool}, {@link AvgPool} or {@link GlobalAvgPool}, at most one) →
 * {@link Dropout}. The method returns {@code dev.castnet.runtime.ConvLayer}.
 *
 * <pre>{@code
 * @Conv2d(filters = 32, kernel = 3, padding = Padding.SAME, activation = Activation.RELU)
 * @BatchNorm @MaxPool(2)
 * ConvLayer conv1();
 * }</pre>
 *
 * <p>The output is {@code H' x W' x filters} with {@code H' = ⌊(H + 2P − KH)/stride⌋ + 1} (and the same for W).
 * Attributes left out take the language's defaults: stride 1, padding {@link Padding#VALID}, a bias, and
 * {@code he_uniform} before the relu family, {@code xavier_uniform} otherwise.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Conv2d {
    /** {@return the number of filters (output channels)}, at least 1. */
    int filters();

    /**
     * {@return the size K of a square K x K kernel}; give this or {@link #kernelHeight()} and {@link #kernelWidth()}. 0
     * means left out.
     */
    int kernel() default 0;

    /** {@return the kernel's height for a rectangular kernel}, with {@link #kernelWidth()}. 0 means left out. */
    int kernelHeight() default 0;

    /** {@return the kernel's width for a rectangular kernel}, with {@link #kernelHeight()}. 0 means left out. */
    int kernelWidth() default 0;

    /** {@return the step in both directions}, at least 1. 0 means left out: 1. */
    int stride() default 0;

    /**
     * {@return the zeros added on each side}: {@link Padding#VALID} (none, the default), {@link Padding#SAME} (keeps H
     * and W: {@code (K − 1)/2}; odd kernels and stride 1 only) or a number P >= 0, as PyTorch's {@code padding=}.
     */
    int padding() default Padding.VALID;

    /**
     * {@return the weight initializer}, with PyTorch's fans for a conv weight (fan_in KH·KW·C, fan_out KH·KW·filters).
     * {@link InitKind#DEFAULT}: {@code he_uniform} before the relu family, {@code xavier_uniform} otherwise.
     */
    Init init() default @Init(InitKind.DEFAULT);

    /** {@return whether the layer has a bias per filter} (biases start at 0). Default true. */
    boolean bias() default true;

    /**
     * {@return the activation after the convolution} (and after {@link BatchNorm} if present), before pooling. {@link
     * Activation#SOFTMAX}, which needs a vector, instead ends the block after the pooling: with {@link GlobalAvgPool}
     * on the last method it makes an all-convolutional classifier. Default {@link Activation#IDENTITY}.
     */
    Activation activation() default Activation.IDENTITY;

    /**
     * {@return the slope of {@link Activation#LEAKY_RELU} or the scale of {@link Activation#ELU}}; NaN (the default)
     * means left out: 0.01 and 1.0.
     */
    double alpha() default Double.NaN;
}
