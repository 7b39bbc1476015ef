package dev.castnet.dsl.model;

/** Per-epoch learning-rate schedules. */
public enum ScheduleKind {
    NONE, STEP, COSINE, EXPONENTIAL;

    /** The word used in .nn files. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
