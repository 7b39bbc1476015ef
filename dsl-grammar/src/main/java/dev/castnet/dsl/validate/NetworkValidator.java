package dev.castnet.dsl.validate;

import dev.castnet.dsl.SpecPrinter;
import dev.castnet.dsl.ast.NetworkDecl;
import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.Optimizer;
import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.dsl.model.Precision;
import dev.castnet.dsl.model.Schedule;
import dev.castnet.dsl.model.ScheduleKind;
import dev.castnet.dsl.model.Search;
import dev.castnet.dsl.model.Shape;
import dev.castnet.dsl.model.TrainConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates one network block and resolves it into its concrete variants: expands {@code param}s and
 * {@code repeat}, reads each layer statement through its {@link LayerKind} (shapes inferred layer by layer), and
 * the network's other statements (loss, optimizer, schedule, clip, regularize, precision, {@link TrainReader train},
 * {@link SearchReader search}).
 */
final class NetworkValidator {
    static final int MAX_LAYERS = 10_000;
    static final int MAX_REPEAT = 1_000;
    static final int MAX_STEPS = 100_000;
    static final int MAX_RANGE_VALUES = 10_000;

    static final List<String> STATEMENTS = List.of("param", "loss", "optimizer", "schedule", "clip", "regularize",
            "precision", "train", "search");

    private final SpecFile file;
    private final NetworkDecl decl;
    private final Diags d;
    private final ValueReader v;
    private final Map<String, Statement> paramStatements = new LinkedHashMap<>();
    private final Map<String, Value> paramDefaults = new LinkedHashMap<>();
    private final Set<String> usedParams;

    /** Per-variant state. */
    private Map<String, Value> params;
    private final List<Statement> raw = new ArrayList<>();
    private final Map<String, Statement> configs = new LinkedHashMap<>();
    private boolean tooManyLayers;
    private boolean quiet;
    private int steps;

    NetworkValidator(SpecFile file, NetworkDecl decl, Diags d) {
        this.file = file;
        this.decl = decl;
        this.d = d;
        this.v = new ValueReader(d, paramDefaults.keySet());
        this.usedParams = v.usedParams;
    }

    NetworkModel run() {
        int before = d.errors();
        collectParams();
        List<Map<String, Value>> variants = variants();
        if (variants == null) return null;
        List<Network> networks = new ArrayList<>();
        Set<String> classNames = new HashSet<>();
        for (int k = 0; k < variants.size(); k++) {
            Map<String, Value> binding = variants.get(k);
            // Problems that only some variants have name the binding that causes them.
            d.context(k == 0 ? "" : " (with " + describe(binding) + ")");
            Network n = variant(binding, variants.size() > 1);
            if (n == null) continue;
            String className = n.className();
            for (int i = 2; !classNames.add(className); i++) className = n.className() + "_" + i;
            networks.add(className.equals(n.className()) ? n : rename(n, className));
        }
        d.context("");
        for (Map.Entry<String, Statement> p : paramStatements.entrySet()) {
            if (!usedParams.contains(p.getKey())) d.warn(p.getValue().pos(), Message.PARAM_UNUSED, p.getKey());
        }
        if (d.errors() > before || networks.isEmpty()) return null;
        return new NetworkModel(decl.name(), file.packageName(), file.file(), networks, decl.pos());
    }

    private static String describe(Map<String, Value> binding) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Value> e : binding.entrySet()) {
            if (b.length() > 0) b.append(", ");
            b.append(e.getKey()).append('=').append(text(e.getValue()));
        }
        return b.toString();
    }

    private static Network rename(Network n, String className) {
        return new Network(n.name(), className, n.packageName(), n.specFile(), n.fingerprint(), n.precision(),
                n.input(), n.layers(), n.loss(), n.optimizer(), n.schedule(), n.clipNorm(), n.clipValue(), n.l1(),
                n.l2(), n.train(), n.search(), n.bindings(), n.pos());
    }

    // ---------------------------------------------------------------- params and variants

    private void collectParams() {
        for (Statement s : decl.body()) {
            if (!s.keyword().equals("param")) continue;
            if (!s.args().isEmpty() || s.options().size() != 1 || s.hasBlock() || s.index() >= 0) {
                d.error(s.pos(), Message.PARAM_FORM);
                continue;
            }
            Option o = s.options().get(0);
            if (o.value() instanceof Value.Call || o.value() instanceof Value.Range) {
                d.error(o.value().pos(), Message.PARAM_FORM);
                continue;
            }
            if (SearchReader.NAMES.contains(o.key())) {
                d.error(o.pos(), Message.PARAM_CLASH, o.key());
                continue;
            }
            Statement first = paramStatements.putIfAbsent(o.key(), s);
            if (first != null) {
                d.error(s.pos(), Message.DUPLICATE_STATEMENT, "param " + o.key(), first.pos().line());
                continue;
            }
            paramDefaults.put(o.key(), o.value());
        }
    }

    /** One binding of structural params per variant; null when there are too many or their search is wrong. */
    private List<Map<String, Value>> variants() {
        Statement search = null;
        for (Statement s : decl.body()) {
            if (s.keyword().equals("search") && s.hasBlock()) {
                search = s;
                break;
            }
        }
        List<String> names = new ArrayList<>();
        List<List<Value>> values = new ArrayList<>();
        if (search != null) {
            for (Statement dim : search.block()) {
                if (!paramDefaults.containsKey(dim.keyword()) || names.contains(dim.keyword())) continue;
                if (dim.args().size() != 1 || !(dim.args().get(0) instanceof Value.Call call)) continue;
                List<Value> vs = structuralValues(dim.keyword(), call);
                if (vs == null) continue;
                names.add(dim.keyword());
                values.add(vs);
            }
        }
        long count = 1;
        for (List<Value> vs : values) count = Math.min(count * vs.size(), Long.MAX_VALUE / 1024);
        if (count > Validator.MAX_VARIANTS) {
            d.error(search.pos(), Message.TOO_MANY_VARIANTS, String.join(", ", names), count,
                    Validator.MAX_VARIANTS);
            return null;
        }
        List<Map<String, Value>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (int i = 0; i < names.size(); i++) {
            List<Map<String, Value>> next = new ArrayList<>();
            for (Map<String, Value> partial : out) {
                for (Value x : values.get(i)) {
                    Map<String, Value> m = new LinkedHashMap<>(partial);
                    m.put(names.get(i), x);
                    next.add(m);
                }
            }
            out = next;
        }
        // The declared defaults come first when they are among the searched values.
        for (int i = 0; i < out.size(); i++) {
            boolean defaults = true;
            for (Map.Entry<String, Value> e : out.get(i).entrySet()) {
                defaults &= sameValue(e.getValue(), paramDefaults.get(e.getKey()));
            }
            if (defaults && i > 0) {
                out.add(0, out.remove(i));
                break;
            }
        }
        return out;
    }

    private List<Value> structuralValues(String name, Value.Call call) {
        switch (call.name()) {
            case "choice" -> {
                if (call.args().isEmpty() || !call.options().isEmpty()) return null; // reported by search()
                for (Value v : call.args()) {
                    if (v instanceof Value.Call || v instanceof Value.Range) return null;
                }
                return call.args();
            }
            case "range" -> {
                BigDecimal[] r = v.rangeBounds(call);
                if (r == null) return null;
                List<Value> out = new ArrayList<>();
                for (BigDecimal x = r[0]; x.compareTo(r[1]) <= 0; x = x.add(r[2])) {
                    out.add(new Value.Num(x.stripTrailingZeros().toPlainString(), call.pos()));
                }
                return out;
            }
            case "uniform", "loguniform" -> {
                d.error(call.pos(), Message.STRUCTURAL_NEEDS_DISCRETE, name);
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean sameValue(Value a, Value b) {
        if (a instanceof Value.Num x && b instanceof Value.Num y) {
            BigDecimal bx = ValueReader.decimal(x.text());
            BigDecimal by = ValueReader.decimal(y.text());
            return bx != null && by != null && bx.compareTo(by) == 0;
        }
        return a != null && b != null && text(a).equals(text(b));
    }

    private static String text(Value v) {
        return SpecPrinter.print(v);
    }

    // ---------------------------------------------------------------- one variant

    private Network variant(Map<String, Value> binding, boolean several) {
        params = new LinkedHashMap<>(paramDefaults);
        params.putAll(binding);
        v.params = params;
        raw.clear();
        configs.clear();
        tooManyLayers = false;
        steps = 0;
        int before = d.errors();
        walk(decl.body(), false);
        // A misspelled statement is usually the missing one: do not also report it as missing (in any variant).
        quiet |= d.errors() > before;
        if (tooManyLayers) return null;

        List<Layer> layers = new ArrayList<>();
        Shape input = layers(layers);

        Statement lossStmt = configs.get("loss");
        LossKind loss = lossStmt == null ? null : loss(lossStmt);
        if (lossStmt == null && !quiet) d.error(decl.pos(), Message.MISSING_LOSS, decl.name());
        Statement optStmt = configs.get("optimizer");
        Optimizer optimizer = optStmt == null ? null : optimizer(optStmt);
        if (optStmt == null && !quiet) d.error(decl.pos(), Message.MISSING_OPTIMIZER, decl.name());
        checkLossAndOutput(layers, loss, lossStmt);

        Schedule schedule = configs.containsKey("schedule") ? schedule(configs.get("schedule"))
                : Schedule.none(decl.pos());
        double clipNorm = 0;
        double clipValue = 0;
        Statement clip = configs.get("clip");
        if (clip != null) {
            String kind = clipKind(clip);
            Double a = clip.args().size() == 2 ? v.number(clip.args().get(1), ValueReader.HYPERS.get("clip")) : null;
            if ("norm".equals(kind) && a != null) clipNorm = a;
            if ("value".equals(kind) && a != null) clipValue = a;
        }
        double[] reg = regularizers();
        double l1 = reg[0];
        double l2 = reg[1];
        Precision precision = Precision.FLOAT;
        if (configs.containsKey("precision")) {
            Statement p = configs.get("precision");
            if (v.usage(p, 1, 1, "float or double", "precision double")) {
                v.noOptions(p, "precision");
                String w = v.word(p.args().get(0), "precision", List.of("float", "double"));
                if (w != null) precision = Precision.valueOf(w.toUpperCase(Locale.ROOT));
            }
        }
        boolean hasWeights = layers.stream().anyMatch(l -> l instanceof Layer.Dense || l instanceof Layer.Conv2d
                || l instanceof Layer.Recurrent);
        TrainConfig train = new TrainReader(v, decl.pos(), decl.name()).read(configs.get("train"), input, hasWeights);
        Search search = configs.containsKey("search")
                ? new SearchReader(v, paramDefaults.keySet()).read(configs.get("search"), layers, optimizer, clip != null)
                : null;

        if (input == null || loss == null || optimizer == null) return null;

        Map<String, String> bindings = new TreeMap<>();
        for (Map.Entry<String, Value> e : params.entrySet()) bindings.put(e.getKey(), text(e.getValue()));
        String className = decl.name();
        if (several) {
            StringBuilder b = new StringBuilder(decl.name());
            for (Map.Entry<String, Value> e : binding.entrySet()) {
                b.append(capitalize(e.getKey())).append(classToken(e.getValue()));
            }
            className = b.toString();
        }
        return new Network(decl.name(), className, file.packageName(), file.file(), fingerprint(bindings), precision,
                input, layers, loss, optimizer, schedule, clipNorm, clipValue, l1, l2, train, search, bindings,
                decl.pos());
    }

    private String fingerprint(Map<String, String> bindings) {
        StringBuilder b = new StringBuilder("package ").append(file.packageName()).append('\n');
        b.append(SpecPrinter.print(decl));
        for (Map.Entry<String, String> e : bindings.entrySet()) {
            b.append("param ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte x : hash) hex.append(String.format("%02x", x));
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String capitalize(String name) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /** A value as part of a Java class name: relu → Relu, leaky_relu → LeakyRelu, 0.5 → 0p5, -1e-3 → M1eM3. */
    private static String classToken(Value v) {
        String t = text(v);
        if (v instanceof Value.Word) return capitalize(t);
        StringBuilder b = new StringBuilder();
        for (char c : t.toCharArray()) {
            if (c == '.') b.append('p');
            else if (c == '-') b.append('M');
            else if (Character.isLetterOrDigit(c)) b.append(c);
        }
        return b.toString();
    }

    /** Expands repeat blocks into {@link #raw} layers and records the first of each config statement. */
    private void walk(List<Statement> body, boolean inRepeat) {
        for (Statement s : body) {
            String k = s.keyword();
            step(s);
            if (k.equals("input") || k.equals("repeat") || LayerKinds.of(k) != null) {
                if (tooManyLayers) {
                    if (inRepeat) return;
                    continue;
                }
                if (s.index() >= 0) d.error(s.pos(), Message.UNEXPECTED_INDEX, k, s.index());
                if (k.equals("repeat")) {
                    repeat(s);
                    continue;
                }
                if (s.hasBlock()) d.error(s.pos(), Message.UNEXPECTED_BLOCK, k);
                raw.add(s);
                if (raw.size() > MAX_LAYERS) {
                    d.error(s.pos(), Message.TOO_MANY_LAYERS, decl.name(), MAX_LAYERS);
                    tooManyLayers = true;
                }
            } else if (STATEMENTS.contains(k)) {
                if (inRepeat) {
                    d.error(s.pos(), Message.NOT_IN_BLOCK, k, "repeat");
                    continue;
                }
                if (s.index() >= 0) d.error(s.pos(), Message.UNEXPECTED_INDEX, k, s.index());
                if (k.equals("param")) continue;
                if (s.hasBlock() && !k.equals("train") && !k.equals("search")) {
                    d.error(s.pos(), Message.UNEXPECTED_BLOCK, k);
                }
                String key = k;
                if (k.equals("regularize") && !s.args().isEmpty() && s.args().get(0) instanceof Value.Word w) {
                    key = k + " " + w.name();
                }
                Statement first = configs.putIfAbsent(key, s);
                if (first != null) d.error(s.pos(), Message.DUPLICATE_STATEMENT, key, first.pos().line());
            } else {
                unknownStatement(s);
            }
        }
    }

    /** Nested repeats of empty blocks add no layers but can still loop for ever: count the work too. */
    private void step(Statement s) {
        if (++steps > MAX_STEPS && !tooManyLayers) {
            d.error(s.pos(), Message.TOO_MANY_LAYERS, decl.name(), MAX_LAYERS);
            tooManyLayers = true;
        }
    }

    private void unknownStatement(Statement s) {
        List<String> all = new ArrayList<>(LayerKinds.keywords());
        all.addAll(STATEMENTS);
        String near = Names.nearest(s.keyword(), all);
        if (near != null && STATEMENTS.contains(near)) {
            d.error(s.pos(), Message.UNKNOWN_STATEMENT, s.keyword(), Names.suggest(s.keyword(), all));
        } else if (near != null) {
            d.error(s.pos(), Message.UNKNOWN_LAYER, s.keyword(), Names.suggest(s.keyword(), all));
        } else {
            d.error(s.pos(), Message.UNKNOWN_LAYER, s.keyword(),
                    "; layers are " + String.join(", ", LayerKinds.keywords()) + "; statements are " + String.join(", ", STATEMENTS));
        }
    }

    private void repeat(Statement s) {
        if (!s.hasBlock()) {
            d.error(s.pos(), Message.REPEAT_NEEDS_BLOCK);
            return;
        }
        v.noOptions(s, "repeat");
        if (!v.usage(s, 1, 1, "a count and a block", "repeat 2 { dense 64; relu }")) return;
        Long n = v.whole(s.args().get(0), "repeat count", 0, MAX_REPEAT, "in [0, " + MAX_REPEAT + "]");
        if (n == null) return;
        for (int i = 0; i < n && !tooManyLayers; i++) {
            step(s);
            walk(s.block(), true);
        }
    }

    // ---------------------------------------------------------------- layers


    // ---------------------------------------------------------------- layers

    /** Builds the layers with shapes and defaults; returns the input shape, or null when it is missing or wrong. */
    private Shape layers(List<Layer> out) {
        Shape input = null;
        Statement inputStmt = null;
        for (Statement s : raw) {
            if (!s.keyword().equals("input")) continue;
            if (inputStmt != null) {
                d.error(s.pos(), Message.DUPLICATE_INPUT, inputStmt.pos().line());
            } else {
                inputStmt = s;
            }
        }
        if (inputStmt == null) {
            if (!quiet) d.error(decl.pos(), Message.MISSING_INPUT, decl.name());
        } else {
            if (raw.get(0) != inputStmt) d.error(raw.get(0).pos(), Message.INPUT_NOT_FIRST, raw.get(0).keyword());
            input = input(inputStmt);
        }
        Shape shape = input == null ? Shape.vector(1) : input;
        Map<String, Integer> counters = new HashMap<>();
        boolean trainable = false;
        for (int i = 0; i < raw.size(); i++) {
            Statement s = raw.get(i);
            if (s.keyword().equals("input")) continue;
            LayerKind kind = LayerKinds.of(s.keyword());
            String counter = kind.counter(s.keyword());
            int index = counter == null ? -1 : counters.getOrDefault(counter, 0);
            Layer layer = kind.read(new LayerKind.Site(s, shape, index, kind.weighted() ? nextActivation(i) : null, v));
            if (counter != null) counters.put(counter, index + 1);
            if (layer == null) continue;
            trainable |= layer.parameterCount() > 0;
            out.add(layer);
            shape = layer.out();
        }
        if (!trainable && inputStmt != null && !quiet) d.error(decl.pos(), Message.NO_PARAMETERS, decl.name());
        for (int i = 0; i < out.size() - 1; i++) {
            if (out.get(i) instanceof Layer.Softmax) d.error(out.get(i).pos(), Message.SOFTMAX_NOT_LAST);
        }
        return input;
    }

    /** {@code input N}, {@code input TxF} or {@code input HxWxC}. */
    private Shape input(Statement s) {
        v.noOptions(s, "input");
        if (s.args().size() == 5 && s.args().get(1) instanceof Value.Word x1 && x1.name().equalsIgnoreCase("x")
                && s.args().get(3) instanceof Value.Word x2 && x2.name().equalsIgnoreCase("x")) {
            StringBuilder dims = new StringBuilder();
            for (Value a : s.args()) dims.append(text(a));
            d.error(s.args().get(0).pos(), Message.DIMS_SPACES, dims.toString().toLowerCase(Locale.ROOT));
            return null;
        }
        if (!v.usage(s, 1, 1, "a feature count, a sequence TxF or an image HxWxC", "input 784")) return null;
        Value a = v.resolve(s.args().get(0));
        if (a instanceof Value.Dims dims) {
            String[] parts = dims.text().split("[xX]");
            if (parts.length > 3) {
                d.error(a.pos(), Message.DIMS_FORM, dims.text());
                return null;
            }
            int[] n = new int[parts.length];
            long size = 1;
            for (int i = 0; i < parts.length; i++) {
                Long x = v.whole(new Value.Num(parts[i], a.pos()), "each input dimension", 1, Integer.MAX_VALUE,
                        Bound.AT_LEAST_ONE.text);
                if (x == null) return null;
                n[i] = (int) (long) x;
                size *= x;
                if (size > Integer.MAX_VALUE) {
                    d.error(a.pos(), Message.NUMBER_TOO_LARGE, dims.text(), "an input");
                    return null;
                }
            }
            return new Shape(n);
        }
        Long n = v.whole(a, "input size", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
        return n == null ? null : Shape.vector((int) (long) n);
    }

    /**
     * The activation a weighted layer feeds, before the next weighted layer or softmax, or null; it chooses the
     * default initializer (He before the relu family, Xavier with gain 4 before sigmoid).
     */
    private ActivationKind nextActivation(int at) {
        for (int j = at + 1; j < raw.size(); j++) {
            Statement s = raw.get(j);
            LayerKind kind = LayerKinds.of(s.keyword());
            if (kind == null || kind.weighted() || s.keyword().equals("softmax")) return null;
            ActivationKind a = ActivationKinds.peek(s, v);
            if (a != null) return a;
        }
        return null;
    }

    // ---------------------------------------------------------------- configuration statements

    // ---------------------------------------------------------------- configuration statements

    private LossKind loss(Statement s) {
        v.noOptions(s, "loss");
        if (!v.usage(s, 1, 1, "a loss name", "loss cross_entropy")) return null;
        String w = v.word(s.args().get(0), "loss", List.of("cross_entropy", "binary_cross_entropy", "mse"));
        return w == null ? null : LossKind.valueOf(w.toUpperCase(Locale.ROOT));
    }

    private void checkLossAndOutput(List<Layer> layers, LossKind loss, Statement lossStmt) {
        if (loss == null || layers.isEmpty()) return;
        Layer last = layers.get(layers.size() - 1);
        if (loss == LossKind.CROSS_ENTROPY && !(last instanceof Layer.Softmax)) {
            d.error(lossStmt.pos(), Message.CROSS_ENTROPY_NEEDS_SOFTMAX);
        }
        if (loss != LossKind.CROSS_ENTROPY && last instanceof Layer.Softmax) {
            d.error(last.pos(), Message.SOFTMAX_NEEDS_CROSS_ENTROPY, loss.word());
        }
        if (loss == LossKind.BINARY_CROSS_ENTROPY
                && !(last instanceof Layer.Activation a && a.kind() == ActivationKind.SIGMOID)) {
            d.error(lossStmt.pos(), Message.BCE_NEEDS_SIGMOID);
        }
    }

    private Optimizer optimizer(Statement s) {
        if (!v.usage(s, 1, 1, "an optimizer name and its options", "optimizer adam lr=1e-3")) return null;
        List<String> kinds = new ArrayList<>();
        for (OptimizerKind k : OptimizerKind.values()) kinds.add(k.word());
        String w = v.word(s.args().get(0), "optimizer", kinds);
        if (w == null) return null;
        OptimizerKind kind = OptimizerKind.valueOf(w.toUpperCase(Locale.ROOT));
        Map<String, Option> o = v.options(s, "optimizer " + w, kind.keys());
        double[] h = kind.defaults();
        for (int i = 0; i < OptimizerKind.HYPERPARAMETERS.size(); i++) {
            String key = OptimizerKind.HYPERPARAMETERS.get(i);
            if (o.containsKey(key)) {
                Double x = v.number(o.get(key).value(), ValueReader.HYPERS.get(key));
                if (x != null) h[i] = x;
            }
        }
        return new Optimizer(kind, h[0], h[1], h[2], h[3], h[4], h[5], s.pos());
    }

    private Schedule schedule(Statement s) {
        if (!v.usage(s, 1, 1, "step, cosine or exponential", "schedule step every=10 gamma=0.5")) {
            return Schedule.none(s.pos());
        }
        String w = v.word(s.args().get(0), "schedule", List.of("step", "cosine", "exponential", "none"));
        if (w == null) return Schedule.none(s.pos());
        ScheduleKind kind = ScheduleKind.valueOf(w.toUpperCase(Locale.ROOT));
        Map<String, Option> o = v.options(s, "schedule " + w, switch (kind) {
            case STEP -> List.of("every", "gamma");
            case EXPONENTIAL -> List.of("gamma");
            default -> List.of();
        });
        int every = 0;
        double gamma = 1.0;
        if (kind == ScheduleKind.STEP) {
            gamma = 0.1;
            if (!o.containsKey("every")) {
                d.error(s.pos(), Message.USAGE, "schedule step", "every=N epochs", "schedule step every=10 gamma=0.5");
            } else {
                Long e = v.whole(o.get("every").value(), "schedule every", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
                if (e != null) every = (int) (long) e;
            }
        }
        if (kind == ScheduleKind.EXPONENTIAL && !o.containsKey("gamma")) {
            d.error(s.pos(), Message.USAGE, "schedule exponential", "gamma=G", "schedule exponential gamma=0.95");
        }
        if (o.containsKey("gamma")) {
            Double g = v.number(o.get("gamma").value(), "schedule gamma", Bound.POSITIVE);
            if (g != null) gamma = g;
        }
        return new Schedule(kind, every, gamma, s.pos());
    }

    private String clipKind(Statement s) {
        v.noOptions(s, "clip");
        if (!v.usage(s, 2, 2, "norm or value and a threshold", "clip norm 5.0")) return null;
        return v.word(s.args().get(0), "clip kind", List.of("norm", "value"));
    }

    /** l1 and l2 strengths from the {@code regularize} statements (0 when absent). */
    private double[] regularizers() {
        double[] out = new double[2];
        for (Map.Entry<String, Statement> e : configs.entrySet()) {
            if (!e.getKey().startsWith("regularize")) continue;
            Statement s = e.getValue();
            v.noOptions(s, "regularize");
            if (!v.usage(s, 2, 2, "l1 or l2 and a strength", "regularize l2 1e-4")) continue;
            String which = v.word(s.args().get(0), "regularizer", List.of("l1", "l2"));
            if (which == null) continue;
            Double x = v.number(s.args().get(1), ValueReader.HYPERS.get(which));
            if (x != null) out[which.equals("l1") ? 0 : 1] = x;
        }
        return out;
    }
}
