package dev.castnet.annotations;

/** Element type of the generated code. */
public enum Precision {
    /** float32, the default. */
    FLOAT,

    /** float64, for gradient checks. */
    DOUBLE
}
