package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a network as an interface (SPEC §3). Each abstract method is one layer block, in declaration order,
 * annotated with {@link Dense} and optionally {@link BatchNorm} and {@link Dropout}; within a method the parts
 * run dense → batchnorm → activation → dropout. Methods return {@code dev.castnet.runtime.DenseLayer}, a live
 * view of that layer. Interface {@code Foo} is generated as the final class {@code FooNet} implementing
 * {@code Foo} and {@code dev.castnet.runtime.TrainableNetwork}.
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
 * <p>The input is either {@link #input()} features, or an image of {@link #height()} x {@link #width()} x
 * {@link #channels()} (flattened row-major H, W, C); give one or the other.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
    /** Number of input features ({@code input N}); 0 when the input is an image. */
    int input() default 0;

    /** Image height ({@code input HxWxC}); 0 when the input is a vector. */
    int height() default 0;

    /** Image width; 0 when the input is a vector. */
    int width() default 0;

    /** Image channels; 0 when the input is a vector. */
    int channels() default 0;

    /**
     * The loss; {@link Loss#CROSS_ENTROPY} needs a softmax output, {@link Loss#BINARY_CROSS_ENTROPY} a sigmoid.
     * Required, as {@code loss} is in a {@code .nn} file.
     */
    Loss loss();

    /**
     * The optimizer and its hyperparameters; unset ones take the SPEC defaults of that optimizer. Required, as
     * {@code optimizer} is in a {@code .nn} file.
     */
    Optimizer optimizer();

    /** Gradient clipping; by default none. */
    Clip clip() default @Clip;

    /** {@code regularize l1 λ}: adds λ·sign(w) to each weight's gradient; 0 disables it. */
    double l1() default 0;

    /** {@code regularize l2 λ}: adds λ·w to each weight's gradient (not biases, γ or β); 0 disables it. */
    double l2() default 0;

    /** Element type of the generated code; {@link Precision#DOUBLE} for gradient checks. */
    Precision precision() default Precision.FLOAT;

    /** Training defaults the runtime uses ({@code train { }}). */
    Train train() default @Train;
}
