package dev.castnet.dsl.model;

/** One error or warning with its position; printed as {@code FILE:LINE:COL: message}. */
public record Diagnostic(Severity severity, SourcePos pos, String message) {
    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(SourcePos pos, String message) {
        return new Diagnostic(Severity.ERROR, pos, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return pos + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
