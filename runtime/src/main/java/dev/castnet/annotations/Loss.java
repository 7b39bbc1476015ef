package dev.castnet.annotations;

/** The loss a network minimizes (mean over the batch, as PyTorch). */
public enum Loss {
    /** Cross entropy over class indices; the last layer must be a softmax. */
    CROSS_ENTROPY,

    /** Binary cross entropy on targets in [0, 1], as {@code BCELoss}; the last activation must be a sigmoid. */
    BINARY_CROSS_ENTROPY,

    /** Mean squared error over batch and outputs, as {@code MSELoss}. */
    MSE
}
