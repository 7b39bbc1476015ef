package dev.castnet.annotations;

/** Optimizers, matching the {@code torch.optim} classes of the same names. */
public enum OptimizerKind {
    /** θ −= lr·g. */
    SGD,

    /** {@code SGD(momentum=rho)}. */
    MOMENTUM,

    /** {@code SGD(momentum=rho, nesterov=True)}. */
    NESTEROV,

    /** Accumulated squared gradients. */
    ADAGRAD,

    /** Zeiler's adadelta, scaled by lr. */
    ADADELTA,

    /** Decaying average of squared gradients. */
    RMSPROP,

    /** Adam with bias correction. */
    ADAM,

    /** Adam with decoupled weight decay over every trainable tensor. */
    ADAMW
}
