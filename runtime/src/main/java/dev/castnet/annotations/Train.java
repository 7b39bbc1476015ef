package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Training defaults of a {@link Network} ({@code train { }} in a {@code .nn} file); the runtime uses them unless
 * told otherwise from Java or the command line.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Train {
    int epochs() default 10;

    int batch() default 32;

    /** Fraction of the data held out for validation, in [0, 1). */
    double validation() default 0.1;

    long seed() default 42;

    boolean shuffle() default true;
}
