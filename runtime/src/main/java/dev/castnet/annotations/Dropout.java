package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Dropout at the end of the method's block: after the activation of a {@link Dense} block, after the pooling of a
 * {@link Conv2d} block, after the output of a recurrent block ({@link Rnn}, {@link Lstm}, {@link Gru}; between
 * layers, as Keras's {@code Dropout} layer, not inside the recurrence). Element-wise at any rank.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Dropout {
    /** {@return the probability of dropping a unit}, in [0, 1). */
    double value();

    /**
     * {@return where the scaling is applied}: in training ({@link DropoutMode#INVERTED}, the default) or at inference.
     */
    DropoutMode mode() default DropoutMode.INVERTED;
}
