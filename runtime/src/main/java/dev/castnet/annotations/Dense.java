package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fully connected layer {@code y = x·W + b} (W of shape [in][units]; a sequence or image input is flattened
 * row-major first) followed by its activation, on a method of a {@link Network} interface ({@code dense N …} in a
 * {@code .nn} file). On one method the parts run dense → {@link BatchNorm} → activation → {@link Dropout}, the
 * order of the batchnorm paper; the method returns {@code dev.castnet.runtime.DenseLayer}.
 * {@link Activation#SOFTMAX} is allowed only on the last method.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Dense {
    /** {@return the number of output units}, at least 1. */
    int units();

    /**
     * {@return the activation applied after the dense part} (and after {@link BatchNorm} if present). Default {@link
     * Activation#IDENTITY}.
     */
    Activation activation() default Activation.IDENTITY;

    /**
     * {@return the slope of {@link Activation#LEAKY_RELU} or the scale of {@link Activation#ELU}}; NaN (the default)
     * means left out: 0.01 and 1.0.
     */
    double alpha() default Double.NaN;

    /**
     * {@return the weight initializer}. {@link InitKind#DEFAULT} means the language's default: {@code he_uniform}
     * before the relu family, {@code xavier_uniform} otherwise.
     */
    Init init() default @Init(InitKind.DEFAULT);

    /** {@return whether the layer has a bias} (biases start at 0). Default true. */
    boolean bias() default true;
}
