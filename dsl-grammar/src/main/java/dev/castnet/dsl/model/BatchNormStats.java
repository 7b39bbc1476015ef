package dev.castnet.dsl.model;

/** Which statistics batchnorm uses at inference. */
public enum BatchNormStats {
    RUNNING, POPULATION;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
