package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A weight initializer with its arguments, positional as in a {@code .nn} file:
 * {@code CONSTANT(v)}, {@code GAUSSIAN(mean, std)} (defaults 0, 0.01), {@code UNIFORM(a, b)},
 * {@code XAVIER_UNIFORM(gain)} and {@code XAVIER_NORMAL(gain)} (default gain 4 before a sigmoid, else 1),
 * {@code ORTHOGONAL(gain)} (default 1); the others take none. For example
 * {@code @Init(value = InitKind.UNIFORM, args = {-0.1, 0.1})}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Init {
    /** {@return the initializer}. */
    InitKind value();

    /** {@return the initializer's arguments}, positional as in a {@code .nn} file; none for the language's defaults. */
    double[] args() default {};
}
