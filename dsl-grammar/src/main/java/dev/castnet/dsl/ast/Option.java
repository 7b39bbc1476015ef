package dev.castnet.dsl.ast;

import dev.castnet.dsl.model.SourcePos;

/** {@code key=value}; {@code pos} is the position of the key. */
public record Option(String key, Value value, SourcePos pos) implements Node {
    public static Option of(SourcePos pos, String key, Value value) {
        return new Option(key, value, pos);
    }
}
