package dev.castnet.dsl.model;

/** The two windowed poolings: the maximum or the mean of each window. */
public enum PoolKind {
    MAX, AVG;

    /** The statement that declares it: {@code maxpool} or {@code avgpool}. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT) + "pool";
    }
}
