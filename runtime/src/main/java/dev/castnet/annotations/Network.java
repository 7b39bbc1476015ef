package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a network as an interface (see {@code docs/annotations.md}). Each abstract method is one layer block,
 * in declaration order, with exactly one layer annotation and what its kind allows after it, in this order:
 * <ul>
 *   <li>{@link Dense} → {@link BatchNorm} → activation → {@link Dropout}; returns {@code DenseLayer};</li>
 *   <li>{@link Conv2d} → {@link BatchNorm} → activation → one of {@link MaxPool}, {@link AvgPool},
 *       {@link GlobalAvgPool} → {@link Dropout}; returns {@code ConvLayer};</li>
 *   <li>{@link Rnn}, {@link Lstm} or {@link Gru} → {@link BatchNorm} → {@link Dropout}; returns
 *       {@code RecurrentLayer}.</li>
 * </ul>
 * The return types, in {@code dev.castnet.runtime}, are live views of the block (weights, biases, gradients and
 * the block's output). Layers are named per kind from 0 in declaration order ({@code dense0}, {@code conv2d1},
 * {@code lstm0}), as in {@code parameters()}. Interface {@code Foo} is generated as the final class {@code FooNet}
 * implementing {@code Foo} and {@code dev.castnet.runtime.TrainableNetwork}. Every layer statement of the
 * language has its annotation except {@code flatten}, which an interface never needs ({@link Dense} flattens its
 * input itself); within a method the order is the one above, so a layer sequence no block order gives (dropout
 * before batchnorm, say) needs a {@code .nn} file and {@link NetworkSpec}.
 *
 * <pre>{@code
 * @Network(input = 784, loss = Loss.CROSS_ENTROPY,
 *          optimizer = @Optimizer(value = OptimizerKind.ADAM, lr = 1e-3),
 *          clip = @Clip(norm = 5.0), l2 = 1e-4)
 * public interface FashionMlp {
 *     @Dense(units = 256, activation = Activation.RELU, init = @Init(InitKind.HE_UNIFORM))
 *     @BatchNorm @Dropout(0.5)
 *     DenseLayer hidden();
 *
 *     @Dense(units = 10, activation = Activation.SOFTMAX)
 *     DenseLayer output();
 * }
 * }</pre>
 *
 * <p>The input is one of: {@link #input()} features ({@code input N}); a sequence of {@link #steps()} steps of
 * {@link #input()} features each ({@code input TxF}, e.g. {@code @Network(steps = 28, input = 28)} reads an image
 * row by row); or an image of {@link #height()} x {@link #width()} x {@link #channels()} ({@code input HxWxC}).
 * Data always arrives as flat rows, read row-major.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
    /**
     * {@return the number of input features} ({@code input N}), or of features per step when {@link #steps()} is given;
     * 0 when the input is an image.
     */
    int input() default 0;

    /**
     * {@return the steps T of a sequence input} {@code T x input}, for {@link Rnn}, {@link Lstm} and {@link Gru}; 0
     * otherwise.
     */
    int steps() default 0;

    /** {@return the image height} ({@code input HxWxC}); 0 when the input is not an image. */
    int height() default 0;

    /** {@return the image width}; 0 when the input is not an image. */
    int width() default 0;

    /** {@return the image channels}; 0 when the input is not an image. */
    int channels() default 0;

    /**
     * {@return the loss}; {@link Loss#CROSS_ENTROPY} needs a softmax output, {@link Loss#BINARY_CROSS_ENTROPY} a
     * sigmoid. Required, as {@code loss} is in a {@code .nn} file.
     */
    Loss loss();

    /**
     * {@return the optimizer and its hyperparameters}; unset ones take the defaults of that optimizer. Required, as
     * {@code optimizer} is in a {@code .nn} file.
     */
    Optimizer optimizer();

    /** {@return the gradient clipping}; by default none. */
    Clip clip() default @Clip;

    /**
     * {@return the L1 strength λ} of {@code regularize l1 λ}, which adds λ·sign(w) to each weight's gradient (not
     * biases, γ or β); 0 (the default) disables it.
     */
    double l1() default 0;

    /**
     * {@return the L2 strength λ} of {@code regularize l2 λ}, which adds λ·w to each weight's gradient (not biases, γ
     * or β); 0 (the default) disables it.
     */
    double l2() default 0;

    /**
     * {@return the element type of the generated code}: float (the default), or {@link Precision#DOUBLE} for gradient
     * checks.
     */
    Precision precision() default Precision.FLOAT;

    /** {@return the training defaults the runtime uses} ({@code train { }}). */
    Train train() default @Train;
}
