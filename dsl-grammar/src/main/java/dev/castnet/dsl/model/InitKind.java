package dev.castnet.dsl.model;

/** Weight initializers (SPEC §2); biases always start at 0. */
public enum InitKind {
    ZEROS, CONSTANT, GAUSSIAN, UNIFORM, XAVIER_UNIFORM, XAVIER_NORMAL, HE_UNIFORM, HE_NORMAL, LECUN_NORMAL, ORTHOGONAL;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
