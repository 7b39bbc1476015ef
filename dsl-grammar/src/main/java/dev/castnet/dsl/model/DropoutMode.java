package dev.castnet.dsl.model;

/** Where dropout's 1/(1-p) or (1-p) scaling is applied. */
public enum DropoutMode {
    INVERTED, SCALE_AT_TEST;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
