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
    /**
     * {@return the norm bound A}, positive: the gradient of all parameters together is rescaled when its L2 norm
     * exceeds A. NaN (the default) means unset.
     */
    double norm() default Double.NaN;

    /**
     * {@return the element bound A}, positive: each gradient element is clamped to [−A, A]. NaN (the default) means
     * unset.
     */
    double value() default Double.NaN;
}
