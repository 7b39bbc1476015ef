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
    /** Number of filters (output channels), at least 1. */
    int filters();

    /** A square kernel K x K; give this or {@link #kernelHeight()} and {@link #kernelWidth()}. 0 means left out. */
    int kernel() default 0;

    /** The kernel's height for a rectangular kernel, with {@link #kernelWidth()}. 0 means left out. */
    int kernelHeight() default 0;

    /** The kernel's width for a rectangular kernel, with {@link #kernelHeight()}. 0 means left out. */
    int kernelWidth() default 0;

    /** The step in both directions, at least 1. 0 means left out: 1. */
    int stride() default 0;

    /**
     * Zeros added on each side: {@link Padding#VALID} (none, the default), {@link Padding#SAME} (keeps H and W:
     * {@code (K − 1)/2}; odd kernels and stride 1 only) or a number P >= 0, as PyTorch's {@code padding=}.
     */
    int padding() default Padding.VALID;

    /**
     * The weight initializer, with PyTorch's fans for a conv weight (fan_in KH·KW·C, fan_out KH·KW·filters).
     * {@link InitKind#DEFAULT}: {@code he_uniform} before the relu family, {@code xavier_uniform} otherwise.
     */
    Init init() default @Init(InitKind.DEFAULT);

    /** Whether the layer has a bias per filter (biases start at 0). */
    boolean bias() default true;

    /**
     * The activation after the convolution (and after {@link BatchNorm} if present), before pooling.
     * {@link Activation#SOFTMAX}, which needs a vector, instead ends the block after the pooling: with
     * {@link GlobalAvgPool} on the last method it makes an all-convolutional classifier.
     */
    Activation activation() default Activation.IDENTITY;

    /** The slope of {@link Activation#LEAKY_RELU} (0.01 when left out) or scale of {@link Activation#ELU} (1.0). */
    double alpha() default Double.NaN;
}
