package dev.castnet.dsl.model;

/** Element-wise activation functions. {@code logistic} is an alias of SIGMOID. */
public enum ActivationKind {
    IDENTITY, SIGMOID, TANH, RELU, LEAKY_RELU, ELU;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** leaky_relu's slope and elu's scale. */
    public boolean hasAlpha() {
        return this == LEAKY_RELU || this == ELU;
    }

    /** relu, leaky_relu and elu: He initialization fits them. */
    public boolean reluFamily() {
        return this == RELU || this == LEAKY_RELU || this == ELU;
    }
}
