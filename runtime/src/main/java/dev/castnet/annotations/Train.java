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
    /** {@return the number of epochs}, at least 1. Default 10. */
    int epochs() default 10;

    /** {@return the mini-batch size}, at least 1. Default 32. */
    int batch() default 32;

    /** {@return the fraction of the data held out for validation} (stratified by class), in [0, 1). Default 0.1. */
    double validation() default 0.1;

    /** {@return the seed of the split, the shuffling, the augmentation, the initialization and dropout}. Default 42. */
    long seed() default 42;

    /** {@return whether the training samples are reshuffled every epoch}. Default true. */
    boolean shuffle() default true;
}
