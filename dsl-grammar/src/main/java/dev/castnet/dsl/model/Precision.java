package dev.castnet.dsl.model;

/** Element type of the generated code. */
public enum Precision {
    FLOAT, DOUBLE;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
