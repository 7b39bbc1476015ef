package dev.castnet.dsl.model;

/**
 * A resolved optimizer with SPEC §2 defaults filled in. Fields an optimizer does not use are 0:
 * sgd(lr), momentum/nesterov(lr, rho), adagrad(lr, eps), adadelta(lr, rho, eps), rmsprop(lr, rho, eps),
 * adam(lr, beta1, beta2, eps), adamw(lr, beta1, beta2, eps, wd).
 */
public record Optimizer(OptimizerKind kind, double lr, double rho, double beta1, double beta2, double eps, double wd,
        SourcePos pos) {}
