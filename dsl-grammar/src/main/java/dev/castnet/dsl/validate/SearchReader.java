package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.DistributionKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Optimizer;
import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.dsl.model.Search;
import dev.castnet.dsl.model.SearchMethod;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code search grid|random { }} block: which names can be searched, and their distributions. */
final class SearchReader {
    static final List<String> NAMES = List.of("lr", "rho", "beta1", "beta2", "eps", "wd", "dropout", "l1",
            "l2", "clip", "batch", "epochs");
    static final List<String> DISTRIBUTIONS = List.of("choice", "uniform", "loguniform", "range");

    private final ValueReader v;
    /** Declared params: searching one makes a structural dimension. */
    private final Collection<String> params;

    SearchReader(ValueReader v, Collection<String> params) {
        this.v = v;
        this.params = params;
    }

    Search read(Statement s, List<Layer> layers, Optimizer optimizer, boolean hasClip) {
        if (!s.hasBlock()) {
            v.error(s.pos(), Message.SEARCH_NEEDS_BLOCK);
            return null;
        }
        Map<String, Option> o = v.options(s, "search", List.of("trials", "seed", "parallel"));
        SearchMethod method = null;
        if (v.usage(s, 1, 1, "grid or random", "search random trials=20 { lr loguniform(1e-4, 1e-1) }")) {
            String w = v.word(s.args().get(0), "search method", List.of("grid", "random"));
            if (w != null) method = SearchMethod.valueOf(w.toUpperCase(Locale.ROOT));
        }
        if (method == null) return null;
        int trials = 0;
        if (o.containsKey("trials")) {
            Long n = v.whole(o.get("trials").value(), "trials", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
            if (n != null && method == SearchMethod.RANDOM) trials = (int) (long) n;
            if (n != null && method == SearchMethod.GRID) {
                v.warn(o.get("trials").pos(), Message.GRID_IGNORES_TRIALS, n);
            }
        } else if (method == SearchMethod.RANDOM) {
            v.error(s.pos(), Message.RANDOM_NEEDS_TRIALS);
        }
        long seed = 42;
        if (o.containsKey("seed")) {
            Long n = v.whole(o.get("seed").value(), "search seed", Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
            if (n != null) seed = n;
        }
        int parallel = 1;
        if (o.containsKey("parallel")) {
            Long n = v.whole(o.get("parallel").value(), "parallel", 1, 1024, "in [1, 1024]");
            if (n != null) parallel = (int) (long) n;
        }
        long dropouts = layers.stream().filter(l -> l instanceof Layer.Dropout).count();
        List<String> allowed = new ArrayList<>();
        if (optimizer != null) allowed.addAll(optimizer.kind().keys());
        if (dropouts > 0) allowed.add("dropout");
        allowed.addAll(List.of("l1", "l2"));
        if (hasClip) allowed.add("clip");
        allowed.addAll(List.of("batch", "epochs"));
        allowed.addAll(params);

        List<Search.Dimension> dims = new ArrayList<>();
        Map<String, Statement> seen = new HashMap<>();
        for (Statement t : s.block()) {
            String name = t.keyword();
            String key = t.index() >= 0 ? name + "[" + t.index() + "]" : name;
            Statement first = seen.putIfAbsent(key, t);
            if (first != null) {
                v.error(t.pos(), Message.DUPLICATE_STATEMENT, key, first.pos().line());
                continue;
            }
            if (t.hasBlock()) v.error(t.pos(), Message.UNEXPECTED_BLOCK, name);
            v.noOptions(t, name);
            boolean structural = params.contains(name);
            if (t.index() >= 0 && !name.equals("dropout")) {
                v.error(t.pos(), Message.SEARCH_INDEX_ONLY_DROPOUT, name, t.index());
                continue;
            }
            if (!structural) {
                if (OptimizerKind.HYPERPARAMETERS.contains(name) && optimizer != null && !allowed.contains(name)) {
                    v.error(t.pos(), Message.SEARCH_NOT_OPTIMIZER_PARAM, optimizer.kind().word(), name,
                            String.join(", ", optimizer.kind().keys()));
                    continue;
                }
                if (name.equals("dropout") && dropouts == 0) {
                    v.error(t.pos(), Message.SEARCH_NO_DROPOUT);
                    continue;
                }
                if (name.equals("dropout") && t.index() >= dropouts) {
                    v.error(t.pos(), Message.SEARCH_DROPOUT_INDEX, t.index(), dropouts);
                    continue;
                }
                if (name.equals("clip") && !hasClip) {
                    v.error(t.pos(), Message.SEARCH_NO_CLIP);
                    continue;
                }
                if (!allowed.contains(name)) {
                    if (OptimizerKind.HYPERPARAMETERS.contains(name) && optimizer == null) continue; // no optimizer: reported
                    v.error(t.pos(), Message.SEARCH_UNKNOWN_NAME, name, Names.suggestOrList(name, allowed));
                    continue;
                }
            }
            if (t.args().size() != 1 || !(t.args().get(0) instanceof Value.Call call)) {
                v.error(t.pos(), Message.USAGE, name, "one distribution", name + " choice(...)");
                continue;
            }
            Search.Dimension dim = dimension(t, call, method, structural);
            if (dim != null) dims.add(dim);
        }
        if (s.block().isEmpty()) v.error(s.pos(), Message.EMPTY_SEARCH);
        return new Search(method, trials, seed, parallel, dims, s.pos());
    }

    private Search.Dimension dimension(Statement t, Value.Call call, SearchMethod method, boolean structural) {
        String name = t.keyword();
        if (!DISTRIBUTIONS.contains(call.name())) {
            v.error(call.pos(), Message.UNKNOWN_WORD, "distribution", call.name(),
                    Names.suggestOrList(call.name(), DISTRIBUTIONS));
            return null;
        }
        DistributionKind kind = DistributionKind.valueOf(call.name().toUpperCase(Locale.ROOT));
        v.checkOptions(call.options(), call.name(), List.of());
        int arity = switch (kind) {
            case CHOICE -> -1;
            case UNIFORM, LOGUNIFORM -> 2;
            case RANGE -> 3;
        };
        if (arity < 0 ? call.args().isEmpty() : call.args().size() != arity) {
            String example = switch (kind) {
                case CHOICE -> name + " choice(0.2, 0.5)";
                case UNIFORM -> name + " uniform(0.1, 0.5)";
                case LOGUNIFORM -> name + " loguniform(1e-4, 1e-1)";
                case RANGE -> name + " range(16, 128, 16)";
            };
            v.error(call.pos(), Message.USAGE, call.name(),
                    arity < 0 ? "at least one value" : arity == 2 ? "two bounds" : "lo, hi and step", example);
            return null;
        }
        boolean continuous = kind == DistributionKind.UNIFORM || kind == DistributionKind.LOGUNIFORM;
        if (structural && continuous) return null; // reported with the variants
        if (method == SearchMethod.GRID && continuous) {
            v.error(call.pos(), Message.GRID_NEEDS_DISCRETE, name, call.name());
            return null;
        }
        if (method == SearchMethod.RANDOM && kind == DistributionKind.RANGE) {
            v.error(call.pos(), Message.RANGE_ONLY_GRID);
            return null;
        }
        List<String> values = new ArrayList<>();
        if (structural) {
            for (Value arg : call.args()) {
                if (arg instanceof Value.Call || arg instanceof Value.Range) {
                    v.error(arg.pos(), Message.EXPECTED_NUMBER, "a searched param value", ValueReader.text(arg), "");
                    return null;
                }
                values.add(ValueReader.text(arg));
            }
            return new Search.Dimension(name, t.index(), kind, values, true, t.pos());
        }
        ValueReader.Hyper h = ValueReader.HYPERS.get(name);
        List<Double> xs = new ArrayList<>();
        for (Value arg : call.args()) {
            Double x = kind == DistributionKind.RANGE ? v.number(arg, name, Bound.ANY)
                    : h.whole() ? v.wholeAsDouble(arg, h) : v.number(arg, h);
            if (x == null) return null;
            xs.add(x);
            values.add(ValueReader.text(arg));
        }
        switch (kind) {
            case UNIFORM, LOGUNIFORM -> {
                if (!(xs.get(0) < xs.get(1))) {
                    v.error(call.pos(), Message.BOUNDS_ORDER, call.name(), values.get(0), values.get(1));
                    return null;
                }
                if (kind == DistributionKind.LOGUNIFORM && !(xs.get(0) > 0)) {
                    v.error(call.pos(), Message.LOGUNIFORM_POSITIVE, values.get(0));
                    return null;
                }
            }
            case RANGE -> {
                BigDecimal[] r = v.rangeBounds(call);
                if (r == null) return null;
                for (BigDecimal x = r[0]; x.compareTo(r[1]) <= 0; x = x.add(r[2])) {
                    Value.Num each = new Value.Num(x.stripTrailingZeros().toPlainString(), call.pos());
                    if ((h.whole() ? v.wholeAsDouble(each, h) : v.number(each, h)) == null) return null;
                }
            }
            default -> { }
        }
        return new Search.Dimension(name, t.index(), kind, values, false, t.pos());
    }
}
