package dev.castnet.dsl.model;

/** Element-wise activation functions. {@code logistic} is an alias of SIGMOID. */
public enum ActivationKind {
    IDENTITY, SIGMOID, TANH, RELU, LEAKY_RELU, ELU;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
