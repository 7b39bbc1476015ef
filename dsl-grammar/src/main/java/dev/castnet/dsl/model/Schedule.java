package dev.castnet.dsl.model;

/** Per-epoch learning-rate schedule: step (every, gamma), cosine (over the run's epochs), exponential (gamma). */
public record Schedule(ScheduleKind kind, int every, double gamma, SourcePos pos) {
    public static Schedule none(SourcePos pos) {
        return new Schedule(ScheduleKind.NONE, 0, 1.0, pos);
    }
}
