package dev.castnet.dsl.validate;

import dev.castnet.dsl.SpecPrinter;
import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.InitKind;
import dev.castnet.dsl.model.SourcePos;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the values of statements: numbers in range, whole numbers, words from a list, booleans, options,
 * initializers; every problem reported at the value's position. A word naming a {@code param} reads as the
 * param's value in the variant being validated.
 */
class ValueReader {
    static final List<String> INITS = List.of("zeros", "constant", "gaussian", "uniform", "xavier_uniform",
            "xavier_normal", "he_uniform", "he_normal", "lecun_normal", "orthogonal");

    /** The subject and range of every hyperparameter that statements and search share. */
    record Hyper(String subject, Bound bound, boolean whole) {}

    static final Map<String, Hyper> HYPERS = Map.ofEntries(
            Map.entry("lr", new Hyper("learning rate lr", Bound.POSITIVE, false)),
            Map.entry("rho", new Hyper("rho", Bound.UNIT_OPEN, false)),
            Map.entry("beta1", new Hyper("beta1", Bound.UNIT_OPEN, false)),
            Map.entry("beta2", new Hyper("beta2", Bound.UNIT_OPEN, false)),
            Map.entry("eps", new Hyper("eps", Bound.POSITIVE, false)),
            Map.entry("wd", new Hyper("weight decay wd", Bound.NON_NEGATIVE, false)),
            Map.entry("dropout", new Hyper("dropout probability", Bound.UNIT_OPEN, false)),
            Map.entry("l1", new Hyper("l1 strength", Bound.NON_NEGATIVE, false)),
            Map.entry("l2", new Hyper("l2 strength", Bound.NON_NEGATIVE, false)),
            Map.entry("clip", new Hyper("clip threshold", Bound.POSITIVE, false)),
            Map.entry("batch", new Hyper("batch size", Bound.AT_LEAST_ONE, true)),
            Map.entry("epochs", new Hyper("epochs", Bound.AT_LEAST_ONE, true)));

    final Diags d;
    /** Every declared param with its value in the variant being validated. */
    Map<String, Value> params = Map.of();
    /** Params some statement referred to, in any variant. */
    final Set<String> usedParams = new HashSet<>();
    /** Declared params, for did-you-mean hints. */
    final Set<String> paramNames;

    ValueReader(Diags d, Set<String> paramNames) {
        this.d = d;
        this.paramNames = paramNames;
    }

    void error(SourcePos pos, Message m, Object... args) {
        d.error(pos, m, args);
    }

    void warn(SourcePos pos, Message m, Object... args) {
        d.warn(pos, m, args);
    }

    static String text(Value v) {
        return SpecPrinter.print(v);
    }

    Double wholeAsDouble(Value v, Hyper h) {
        Long n = whole(v, h.subject(), 1, Integer.MAX_VALUE, h.bound().text);
        return n == null ? null : n.doubleValue();
    }

    // ---------------------------------------------------------------- values

    /** A param reference replaced by its value (at the reference's position), anything else as is. */
    Value resolve(Value v) {
        if (v instanceof Value.Word w && params.containsKey(w.name())) {
            usedParams.add(w.name());
            Value bound = params.get(w.name());
            if (bound instanceof Value.Num n) return new Value.Num(n.text(), w.pos());
            if (bound instanceof Value.Word b) return new Value.Word(b.name(), w.pos());
            if (bound instanceof Value.Dims b) return new Value.Dims(b.text(), w.pos());
            return bound;
        }
        return v;
    }

    /** As {@link #resolve} without marking the param used (for lookahead). */
    Value peek(Value v) {
        if (v instanceof Value.Word w && params.containsKey(w.name())) return params.get(w.name());
        return v;
    }

    Double number(Value value, Hyper h) {
        return number(value, h.subject(), h.bound());
    }

    Double number(Value value, String what, Bound bound) {
        Value v = resolve(value);
        if (!(v instanceof Value.Num n)) {
            notANumber(v, what);
            return null;
        }
        double x;
        try {
            x = Double.parseDouble(n.text());
        } catch (NumberFormatException e) {
            x = Double.NaN;
        }
        if (Double.isInfinite(x) || Double.isNaN(x)) {
            d.error(v.pos(), Message.NUMBER_TOO_LARGE, n.text(), what);
            return null;
        }
        if (!bound.test(x)) {
            d.error(v.pos(), Message.OUT_OF_RANGE, what, bound.text, n.text());
            return null;
        }
        return x;
    }

    Long whole(Value value, String what, long min, long max, String rangeText) {
        Value v = resolve(value);
        if (!(v instanceof Value.Num n)) {
            notANumber(v, what);
            return null;
        }
        BigDecimal b;
        try {
            b = new BigDecimal(n.text());
        } catch (NumberFormatException e) {
            d.error(v.pos(), Message.NUMBER_TOO_LARGE, n.text(), what);
            return null;
        }
        // Digits before the point, computed without expanding 1e999999999.
        if (b.signum() != 0 && (long) b.precision() - b.scale() > 19) {
            d.error(v.pos(), Message.NUMBER_TOO_LARGE, n.text(), what);
            return null;
        }
        if (b.signum() != 0 && b.scale() > 0 && b.stripTrailingZeros().scale() > 0) {
            d.error(v.pos(), Message.EXPECTED_WHOLE, what, n.text());
            return null;
        }
        long x;
        try {
            x = b.longValueExact();
        } catch (ArithmeticException e) {
            d.error(v.pos(), Message.NUMBER_TOO_LARGE, n.text(), what);
            return null;
        }
        if (x < min || x > max) {
            d.error(v.pos(), Message.OUT_OF_RANGE, what, rangeText, n.text());
            return null;
        }
        return x;
    }

    void notANumber(Value v, String what) {
        String hint = v instanceof Value.Word w ? Names.suggest(w.name(), paramNames) : "";
        d.error(v.pos(), Message.EXPECTED_NUMBER, what, text(v), hint);
    }

    /** A word among {@code allowed} (after param resolution), or null after reporting. */
    String word(Value value, String what, List<String> allowed) {
        Value v = resolve(value);
        String name = v instanceof Value.Word w ? w.name() : text(v);
        if (!(v instanceof Value.Word) || !allowed.contains(name)) {
            d.error(v.pos(), Message.UNKNOWN_WORD, what, name, Names.suggestOrList(name, allowed));
            return null;
        }
        return name;
    }

    boolean bool(Value value, String what, boolean fallback) {
        String w = word(value, what, List.of("true", "false"));
        return w == null ? fallback : w.equals("true");
    }

    /** Checks the argument count; false (after reporting) when it is wrong. */
    boolean usage(Statement s, int min, int max, String what, String example) {
        if (s.args().size() < min || s.args().size() > max) {
            d.error(s.pos(), Message.USAGE, s.keyword(), what, example);
            return false;
        }
        return true;
    }

    void noOptions(Statement s, String owner) {
        options(s, owner, List.of());
    }

    Map<String, Option> options(Statement s, String owner, Collection<String> allowed) {
        return checkOptions(s.options(), owner, allowed);
    }

    Map<String, Option> checkOptions(List<Option> options, String owner, Collection<String> allowed) {
        Map<String, Option> out = new HashMap<>();
        for (Option o : options) {
            if (!allowed.contains(o.key())) {
                d.error(o.pos(), Message.UNKNOWN_OPTION, owner, o.key(), optionHint(o.key(), allowed));
            } else if (out.putIfAbsent(o.key(), o) != null) {
                d.error(o.pos(), Message.DUPLICATE_OPTION, o.key());
            }
        }
        return out;
    }

    static String optionHint(String key, Collection<String> allowed) {
        if (allowed.isEmpty()) return "; it takes none";
        String near = Names.nearest(key, allowed);
        return near != null ? "; did you mean '" + near + "'?" : "; options are " + String.join(", ", allowed);
    }

    // ---------------------------------------------------------------- initializers

    static Init defaultInit(ActivationKind next) {
        if (next != null && next.reluFamily()) return Init.of(InitKind.HE_UNIFORM);
        return Init.of(InitKind.XAVIER_UNIFORM, next == ActivationKind.SIGMOID ? 4.0 : 1.0);
    }

    Init init(Value value, ActivationKind next) {
        Value v = resolve(value);
        String name;
        List<Value> args = List.of();
        List<Option> opts = List.of();
        if (v instanceof Value.Word w) {
            name = w.name();
        } else if (v instanceof Value.Call c) {
            name = c.name();
            args = c.args();
            opts = c.options();
        } else {
            d.error(v.pos(), Message.UNKNOWN_WORD, "initializer", text(v), "; expected one of " + String.join(", ", INITS));
            return defaultInit(next);
        }
        if (!INITS.contains(name)) {
            d.error(v.pos(), Message.UNKNOWN_WORD, "initializer", name, Names.suggestOrList(name, INITS));
            return defaultInit(next);
        }
        InitKind kind = InitKind.valueOf(name.toUpperCase(Locale.ROOT));
        List<String> names = switch (kind) {
            case CONSTANT -> List.of("value");
            case GAUSSIAN -> List.of("mean", "std");
            case UNIFORM -> List.of("a", "b");
            case XAVIER_UNIFORM, XAVIER_NORMAL, ORTHOGONAL -> List.of("gain");
            default -> List.of();
        };
        Value[] given = new Value[names.size()];
        if (args.size() > names.size()) {
            d.error(v.pos(), Message.USAGE, name, names.isEmpty() ? "no arguments" : "(" + String.join(", ", names) + ")",
                    initExample(kind));
            return defaultInit(next);
        }
        for (int i = 0; i < args.size(); i++) given[i] = args.get(i);
        Set<String> seen = new HashSet<>();
        for (Option o : opts) {
            int i = names.indexOf(o.key());
            if (i < 0) {
                d.error(o.pos(), Message.UNKNOWN_OPTION, name, o.key(), optionHint(o.key(), names));
            } else if (given[i] != null || !seen.add(o.key())) {
                d.error(o.pos(), Message.DUPLICATE_OPTION, o.key());
            } else {
                given[i] = o.value();
            }
        }
        switch (kind) {
            case CONSTANT -> {
                if (given[0] == null) {
                    d.error(v.pos(), Message.USAGE, name, "a value", initExample(kind));
                    return Init.of(kind, 0);
                }
                Double c = number(given[0], "constant value", Bound.ANY);
                return Init.of(kind, c == null ? 0 : c);
            }
            case GAUSSIAN -> {
                Double mean = given[0] == null ? Double.valueOf(0) : number(given[0], "gaussian mean", Bound.ANY);
                Double std = given[1] == null ? Double.valueOf(0.01) : number(given[1], "gaussian std", Bound.POSITIVE);
                return Init.of(kind, mean == null ? 0 : mean, std == null ? 0.01 : std);
            }
            case UNIFORM -> {
                if (given[0] == null || given[1] == null) {
                    d.error(v.pos(), Message.USAGE, name, "two bounds", initExample(kind));
                    return Init.of(kind, -0.05, 0.05);
                }
                Double a = number(given[0], "uniform bound a", Bound.ANY);
                Double b = number(given[1], "uniform bound b", Bound.ANY);
                if (a != null && b != null && !(a < b)) {
                    d.error(v.pos(), Message.BOUNDS_ORDER, name, text(given[0]), text(given[1]));
                }
                return Init.of(kind, a == null ? -0.05 : a, b == null ? 0.05 : b);
            }
            case XAVIER_UNIFORM, XAVIER_NORMAL -> {
                double dflt = next == ActivationKind.SIGMOID ? 4.0 : 1.0;
                Double gain = given[0] == null ? Double.valueOf(dflt) : number(given[0], "xavier gain", Bound.POSITIVE);
                return Init.of(kind, gain == null ? dflt : gain);
            }
            case ORTHOGONAL -> {
                Double gain = given[0] == null ? Double.valueOf(1) : number(given[0], "orthogonal gain", Bound.POSITIVE);
                return Init.of(kind, gain == null ? 1 : gain);
            }
            default -> {
                return Init.of(kind);
            }
        }
    }

    static String initExample(InitKind k) {
        return switch (k) {
            case CONSTANT -> "init=constant(0.5)";
            case GAUSSIAN -> "init=gaussian(mean=0, std=0.01)";
            case UNIFORM -> "init=uniform(-0.1, 0.1)";
            case XAVIER_UNIFORM, XAVIER_NORMAL, ORTHOGONAL -> "init=" + k.word() + "(gain=1)";
            default -> "init=" + k.word();
        };
    }

    // ---------------------------------------------------------------- ranges

    /** lo, hi, step of a well-formed range(lo, hi, step), else null (reporting what is wrong). */
    BigDecimal[] rangeBounds(Value.Call call) {
        if (call.args().size() != 3 || !call.options().isEmpty()) return null; // reported by search()
        BigDecimal[] r = new BigDecimal[3];
        for (int i = 0; i < 3; i++) {
            if (!(call.args().get(i) instanceof Value.Num n)) return null;
            r[i] = decimal(n.text());
            if (r[i] == null) {
                d.error(n.pos(), Message.NUMBER_TOO_LARGE, n.text(), "range");
                return null;
            }
        }
        if (r[2].signum() <= 0 || r[0].compareTo(r[1]) > 0) {
            d.error(call.pos(), Message.RANGE_STEP, text(call.args().get(0)), text(call.args().get(1)),
                    text(call.args().get(2)));
            return null;
        }
        BigDecimal n = r[1].subtract(r[0]).divide(r[2], java.math.MathContext.DECIMAL64);
        if (n.compareTo(BigDecimal.valueOf(NetworkValidator.MAX_RANGE_VALUES)) >= 0) {
            d.error(call.pos(), Message.RANGE_TOO_LONG, text(call.args().get(0)), text(call.args().get(1)),
                    text(call.args().get(2)), NetworkValidator.MAX_RANGE_VALUES);
            return null;
        }
        return r;
    }

    static BigDecimal decimal(String text) {
        try {
            BigDecimal b = new BigDecimal(text);
            return b.precision() - b.scale() > 40 || b.scale() > 400 ? null : b;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
