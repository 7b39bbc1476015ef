package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The optimizer and its hyperparameters (matching {@code torch.optim}; see {@code docs/language.md}). Every
 * hyperparameter left NaN takes the default of the chosen optimizer (for example adam: lr 0.001, beta1 0.9,
 * beta2 0.999, eps 1e-8); giving one the optimizer does not use is an error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Optimizer {
    /** {@return which optimizer}. */
    OptimizerKind value();

    /** {@return the learning rate}, positive. */
    double lr() default Double.NaN;

    /** {@return the decay ρ of momentum, nesterov, adadelta and rmsprop}, in [0, 1). */
    double rho() default Double.NaN;

    /** {@return Adam's first-moment decay β1}, in [0, 1). */
    double beta1() default Double.NaN;

    /** {@return Adam's second-moment decay β2}, in [0, 1). */
    double beta2() default Double.NaN;

    /** {@return the denominator guard of adagrad, adadelta, rmsprop, adam and adamw}, positive. */
    double eps() default Double.NaN;

    /** {@return AdamW's decoupled weight decay}, at least 0. */
    double wd() default Double.NaN;
}
