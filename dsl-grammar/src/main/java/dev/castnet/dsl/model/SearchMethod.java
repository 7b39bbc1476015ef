package dev.castnet.dsl.model;

/** Hyperparameter search strategies. */
public enum SearchMethod {
    GRID, RANDOM;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
