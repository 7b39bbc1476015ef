package dev.castnet.dsl.model;

/** Where a model node came from: a file and a 1-based line and column. */
public record SourcePos(String file, int line, int column) {
    public static SourcePos unknown(String file) {
        return new SourcePos(file, 0, 0);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
