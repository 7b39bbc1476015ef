package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The optimizer and its hyperparameters (SPEC §2, matching {@code torch.optim}). Every hyperparameter left NaN
 * takes the SPEC default of the chosen optimizer (for example adam: lr 0.001, beta1 0.9, beta2 0.999,
 * eps 1e-8); giving one the optimizer does not use is an error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Optimizer {
    /** Which optimizer. */
    OptimizerKind value();

    /** Learning rate. */
    double lr() default Double.NaN;

    /** Decay of momentum, nesterov, adadelta and rmsprop. */
    double rho() default Double.NaN;

    /** Adam's first-moment decay. */
    double beta1() default Double.NaN;

    /** Adam's second-moment decay. */
    double beta2() default Double.NaN;

    /** Denominator guard of adagrad, adadelta, rmsprop, adam and adamw. */
    double eps() default Double.NaN;

    /** AdamW's decoupled weight decay. */
    double wd() default Double.NaN;
}
