package dev.castnet.dsl.ast;

import dev.castnet.dsl.model.SourcePos;
import java.util.List;

/**
 * A value as written. Numbers keep their text (so {@code 1e-4} prints back as written and an out-of-range
 * literal is reported by the validator, with its position); a {@link Word} may name a {@code param}.
 */
public sealed interface Value extends Node {

    /** A number as written, sign included ({@code -0.1}, {@code 1e-4}, {@code 256}). */
    record Num(String text, SourcePos pos) implements Value {}

    /** An identifier: a keyword value ({@code relu}, {@code he_uniform}) or a param reference. */
    record Word(String name, SourcePos pos) implements Value {}

    /** An image shape {@code HxWxC} as written, for example {@code 28x28x1}. */
    record Dims(String text, SourcePos pos) implements Value {}

    /** {@code name(args…, key=value…)}: initializers, distributions, {@code minmax(0, 1)}. */
    record Call(String name, List<Value> args, List<Option> options, SourcePos pos) implements Value {
        public Call {
            args = List.copyOf(args);
            options = List.copyOf(options);
        }

        public Option option(String key) {
            for (Option o : options) {
                if (o.key().equals(key)) return o;
            }
            return null;
        }
    }

    /** {@code lo..hi}, as in {@code zoom=0.9..1.1}. */
    record Range(Num lo, Num hi, SourcePos pos) implements Value {}

    static Num num(SourcePos pos, double v) {
        return new Num(numberText(v), pos);
    }

    static Num num(SourcePos pos, long v) {
        return new Num(Long.toString(v), pos);
    }

    static Word word(SourcePos pos, String name) {
        return new Word(name, pos);
    }

    /**
     * Text that reads back as exactly {@code v}: {@code 256} for 256.0, {@code 1e-5} for 1.0E-5, otherwise
     * Java's {@code Double.toString} (which round-trips).
     */
    static String numberText(double v) {
        return dev.castnet.dsl.model.Numbers.text(v);
    }
}
