package dev.castnet.dsl.model;

/** Losses; cross_entropy follows a softmax, binary_cross_entropy a sigmoid. */
public enum LossKind {
    CROSS_ENTROPY, BINARY_CROSS_ENTROPY, MSE;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
