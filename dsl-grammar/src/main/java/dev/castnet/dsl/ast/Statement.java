package dev.castnet.dsl.ast;

import dev.castnet.dsl.model.SourcePos;
import java.util.List;

/**
 * One statement: {@code keyword[index] args… key=value… { block }}. The language is uniform on purpose
 * ({@code dense 256 init=he_uniform}, {@code param hidden = 256}, {@code repeat depth { … }},
 * {@code dropout[1] choice(0.2, 0.5)} inside {@code search}); the validator gives each keyword its meaning.
 *
 * @param index the {@code i} of {@code keyword[i]}, or -1
 * @param block the statements between braces, or null when the statement has no block
 */
public record Statement(String keyword, int index, List<Value> args, List<Option> options, List<Statement> block,
        SourcePos pos) implements Node {
    public Statement {
        args = List.copyOf(args);
        options = List.copyOf(options);
        block = block == null ? null : List.copyOf(block);
    }

    /** A statement without index and block, for building trees by hand. */
    public static Statement of(SourcePos pos, String keyword, List<Value> args, List<Option> options) {
        return new Statement(keyword, -1, args, options, null, pos);
    }

    /** A statement with only positional arguments: {@code Statement.of(pos, "dense", Value.num(pos, 256))}. */
    public static Statement of(SourcePos pos, String keyword, Value... args) {
        return new Statement(keyword, -1, List.of(args), List.of(), null, pos);
    }

    public boolean hasBlock() {
        return block != null;
    }

    /** The first option with this key, or null. */
    public Option option(String key) {
        for (Option o : options) {
            if (o.key().equals(key)) return o;
        }
        return null;
    }
}
