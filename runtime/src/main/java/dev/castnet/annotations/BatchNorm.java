package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Batch normalization (Algorithm 7.1, γ initialized to 1 and β to 0 per feature) right after the method's layer:
 * between {@link Dense} or {@link Conv2d} and its activation, the order of the batchnorm paper; after an
 * {@link Rnn}, {@link Lstm} or {@link Gru} on its output. On an image it normalizes per channel over
 * batch x H x W (PyTorch's {@code BatchNorm2d}); on a sequence per feature over batch x T.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface BatchNorm {
    /**
     * {@return the momentum of the running statistics}, in (0, 1]: {@code r = (1 − momentum)·r + momentum·batch}, as
     * PyTorch. Default 0.1.
     */
    double momentum() default 0.1;

    /** {@return the constant added to the variance before the square root}, positive. Default 1e-5. */
    double eps() default 1e-5;

    /** {@return which statistics inference uses}: running averages (the default) or the whole training set's. */
    BatchNormStats stats() default BatchNormStats.RUNNING;
}
