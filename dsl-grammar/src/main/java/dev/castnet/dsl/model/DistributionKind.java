package dev.castnet.dsl.model;

/** Distributions a search dimension draws from. */
public enum DistributionKind {
    CHOICE, UNIFORM, LOGUNIFORM, RANGE;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
