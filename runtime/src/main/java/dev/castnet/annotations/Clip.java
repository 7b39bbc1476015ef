package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gradient clipping: {@code @Clip(norm = A)} rescales the gradient of all parameters together when its L2 norm
 * exceeds A (Algorithm 7.2); {@code @Clip(value = A)} clamps each element to [−A, A]. Give at most one;
 * neither (the default) means no clipping.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Clip {
    /** The norm bound A, positive; NaN means unset. */
    double norm() default Double.NaN;

    /** The element bound A, positive; NaN means unset. */
    double value() default Double.NaN;
}
