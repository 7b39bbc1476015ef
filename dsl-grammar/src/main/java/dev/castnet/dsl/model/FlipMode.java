package dev.castnet.dsl.model;

/** Random flips for image augmentation. */
public enum FlipMode {
    NONE, HORIZONTAL, VERTICAL, BOTH;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
