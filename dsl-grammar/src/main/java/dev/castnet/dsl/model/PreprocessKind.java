package dev.castnet.dsl.model;

/** Input preprocessing fitted on the training split. */
public enum PreprocessKind {
    NONE, ZSCORE, MINMAX, PCA_WHITEN;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
