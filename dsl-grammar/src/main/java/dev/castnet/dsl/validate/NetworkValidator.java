package dev.castnet.dsl.validate;

import dev.castnet.dsl.SpecPrinter;
import dev.castnet.dsl.ast.NetworkDecl;
import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.BatchNormStats;
import dev.castnet.dsl.model.DistributionKind;
import dev.castnet.dsl.model.DropoutMode;
import dev.castnet.dsl.model.FlipMode;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.InitKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.Optimizer;
import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.dsl.model.Precision;
import dev.castnet.dsl.model.PreprocessKind;
import dev.castnet.dsl.model.Schedule;
import dev.castnet.dsl.model.ScheduleKind;
import dev.castnet.dsl.model.Search;
import dev.castnet.dsl.model.SearchMethod;
import dev.castnet.dsl.model.Shape;
import dev.castnet.dsl.model.SourcePos;
import dev.castnet.dsl.model.TrainConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Validates one network block and resolves it into its concrete variants. */
final class NetworkValidator {
    static final int MAX_LAYERS = 10_000;
    static final int MAX_REPEAT = 1_000;
    static final int MAX_STEPS = 100_000;
    static final int MAX_RANGE_VALUES = 10_000;

    static final List<String> LAYERS = List.of("input", "dense", "identity", "sigmoid", "logistic", "tanh", "relu",
            "leaky_relu", "elu", "activation", "softmax", "batchnorm", "dropout", "repeat");
    static final List<String> STATEMENTS = List.of("param", "loss", "optimizer", "schedule", "clip", "regularize",
            "precision", "train", "search");
    static final Map<String, ActivationKind> ACTIVATIONS = new LinkedHashMap<>();
    static final List<String> INITS = List.of("zeros", "constant", "gaussian", "uniform", "xavier_uniform",
            "xavier_normal", "he_uniform", "he_normal", "lecun_normal");
    static final List<String> OPTIMIZER_HYPERS = List.of("lr", "rho", "beta1", "beta2", "eps", "wd");
    static final List<String> SEARCH_NAMES = List.of("lr", "rho", "beta1", "beta2", "eps", "wd", "dropout", "l1",
            "l2", "clip", "batch", "epochs");
    static final List<String> TRAIN_SETTINGS = List.of("epochs", "batch", "validation", "seed", "shuffle",
            "preprocess", "augment", "early_stop");
    static final List<String> DISTRIBUTIONS = List.of("choice", "uniform", "loguniform", "range");

    static {
        ACTIVATIONS.put("identity", ActivationKind.IDENTITY);
        ACTIVATIONS.put("sigmoid", ActivationKind.SIGMOID);
        ACTIVATIONS.put("logistic", ActivationKind.SIGMOID);
        ACTIVATIONS.put("tanh", ActivationKind.TANH);
        ACTIVATIONS.put("relu", ActivationKind.RELU);
        ACTIVATIONS.put("leaky_relu", ActivationKind.LEAKY_RELU);
        ACTIVATIONS.put("elu", ActivationKind.ELU);
    }

    /** Which hyperparameters each optimizer takes, in the order of SPEC §2's table. */
    static List<String> optimizerKeys(OptimizerKind k) {
        return switch (k) {
            case SGD -> List.of("lr");
            case MOMENTUM, NESTEROV -> List.of("lr", "rho");
            case ADAGRAD -> List.of("lr", "eps");
            case ADADELTA, RMSPROP -> List.of("lr", "rho", "eps");
            case ADAM -> List.of("lr", "beta1", "beta2", "eps");
            case ADAMW -> List.of("lr", "beta1", "beta2", "eps", "wd");
        };
    }

    /** SPEC §2 defaults: lr, rho, beta1, beta2, eps, wd (0 where unused). */
    static double[] optimizerDefaults(OptimizerKind k) {
        return switch (k) {
            case SGD -> new double[] {0.01, 0, 0, 0, 0, 0};
            case MOMENTUM, NESTEROV -> new double[] {0.01, 0.9, 0, 0, 0, 0};
            case ADAGRAD -> new double[] {0.01, 0, 0, 0, 1e-10, 0};
            case ADADELTA -> new double[] {1.0, 0.9, 0, 0, 1e-6, 0};
            case RMSPROP -> new double[] {0.001, 0.9, 0, 0, 1e-8, 0};
            case ADAM -> new double[] {0.001, 0, 0.9, 0.999, 1e-8, 0};
            case ADAMW -> new double[] {0.001, 0, 0.9, 0.999, 1e-8, 0.01};
        };
    }

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

    private final SpecFile file;
    private final NetworkDecl decl;
    private final Diags d;
    private final Map<String, Statement> paramStatements = new LinkedHashMap<>();
    private final Map<String, Value> paramDefaults = new LinkedHashMap<>();
    private final Set<String> usedParams = new HashSet<>();

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
    }

    NetworkModel run() {
        int before = d.errors();
        collectParams();
        List<Map<String, Value>> variants = variants();
        if (variants == null) return null;
        List<Network> networks = new ArrayList<>();
        Set<String> classNames = new HashSet<>();
        for (int v = 0; v < variants.size(); v++) {
            Map<String, Value> binding = variants.get(v);
            // Problems that only some variants have name the binding that causes them.
            d.context(v == 0 ? "" : " (with " + describe(binding) + ")");
            Network n = resolve(binding, variants.size() > 1);
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
            if (SEARCH_NAMES.contains(o.key())) {
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
                for (Value v : values.get(i)) {
                    Map<String, Value> m = new LinkedHashMap<>(partial);
                    m.put(names.get(i), v);
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
                BigDecimal[] r = rangeBounds(call);
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

    /** lo, hi, step of a well-formed range(lo, hi, step), else null (reporting what is wrong). */
    private BigDecimal[] rangeBounds(Value.Call call) {
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
        if (n.compareTo(BigDecimal.valueOf(MAX_RANGE_VALUES)) >= 0) {
            d.error(call.pos(), Message.RANGE_TOO_LONG, text(call.args().get(0)), text(call.args().get(1)),
                    text(call.args().get(2)), MAX_RANGE_VALUES);
            return null;
        }
        return r;
    }

    private static BigDecimal decimal(String text) {
        try {
            BigDecimal b = new BigDecimal(text);
            return b.precision() - b.scale() > 40 || b.scale() > 400 ? null : b;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean sameValue(Value a, Value b) {
        if (a instanceof Value.Num x && b instanceof Value.Num y) {
            BigDecimal bx = decimal(x.text());
            BigDecimal by = decimal(y.text());
            return bx != null && by != null && bx.compareTo(by) == 0;
        }
        return a != null && b != null && text(a).equals(text(b));
    }

    private static String text(Value v) {
        return SpecPrinter.print(v);
    }

    // ---------------------------------------------------------------- one variant

    private Network resolve(Map<String, Value> binding, boolean several) {
        params = new LinkedHashMap<>(paramDefaults);
        params.putAll(binding);
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
            Double a = clip.args().size() == 2 ? number(clip.args().get(1), HYPERS.get("clip")) : null;
            if ("norm".equals(kind) && a != null) clipNorm = a;
            if ("value".equals(kind) && a != null) clipValue = a;
        }
        double[] reg = regularizers();
        double l1 = reg[0];
        double l2 = reg[1];
        Precision precision = Precision.FLOAT;
        if (configs.containsKey("precision")) {
            Statement p = configs.get("precision");
            if (usage(p, 1, 1, "float or double", "precision double")) {
                noOptions(p, "precision");
                String w = word(p.args().get(0), "precision", List.of("float", "double"));
                if (w != null) precision = Precision.valueOf(w.toUpperCase(Locale.ROOT));
            }
        }
        TrainConfig train = train(configs.get("train"), input);
        Search search = configs.containsKey("search")
                ? search(configs.get("search"), layers, optimizer, clip != null) : null;

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
            if (LAYERS.contains(k)) {
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
        List<String> all = new ArrayList<>(LAYERS);
        all.addAll(STATEMENTS);
        String near = Names.nearest(s.keyword(), all);
        if (near != null && STATEMENTS.contains(near)) {
            d.error(s.pos(), Message.UNKNOWN_STATEMENT, s.keyword(), Names.suggest(s.keyword(), all));
        } else if (near != null) {
            d.error(s.pos(), Message.UNKNOWN_LAYER, s.keyword(), Names.suggest(s.keyword(), all));
        } else {
            d.error(s.pos(), Message.UNKNOWN_LAYER, s.keyword(),
                    "; layers are " + String.join(", ", LAYERS) + "; statements are " + String.join(", ", STATEMENTS));
        }
    }

    private void repeat(Statement s) {
        if (!s.hasBlock()) {
            d.error(s.pos(), Message.REPEAT_NEEDS_BLOCK);
            return;
        }
        noOptions(s, "repeat");
        if (!usage(s, 1, 1, "a count and a block", "repeat 2 { dense 64; relu }")) return;
        Long n = whole(s.args().get(0), "repeat count", 0, MAX_REPEAT, "in [0, " + MAX_REPEAT + "]");
        if (n == null) return;
        for (int i = 0; i < n && !tooManyLayers; i++) {
            step(s);
            walk(s.block(), true);
        }
    }

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
        int dense = 0;
        int batchnorm = 0;
        int dropout = 0;
        boolean anyDense = false;
        for (int i = 0; i < raw.size(); i++) {
            Statement s = raw.get(i);
            String k = s.keyword();
            Layer layer = switch (k) {
                case "input" -> null;
                case "dense" -> dense(s, i, shape, dense++);
                case "batchnorm" -> batchnorm(s, shape, batchnorm++);
                case "dropout" -> dropout(s, shape, dropout++);
                case "softmax" -> {
                    usage(s, 0, 0, "no arguments", "softmax");
                    noOptions(s, "softmax");
                    yield new Layer.Softmax(shape, s.pos());
                }
                case "activation" -> activationStatement(s, shape);
                default -> activation(s, k, ACTIVATIONS.get(k), shape);
            };
            if (layer == null) continue;
            anyDense |= layer instanceof Layer.Dense;
            out.add(layer);
            shape = layer.out();
        }
        if (!anyDense && inputStmt != null && !quiet) d.error(decl.pos(), Message.NO_DENSE, decl.name());
        for (int i = 0; i < out.size() - 1; i++) {
            if (out.get(i) instanceof Layer.Softmax) d.error(out.get(i).pos(), Message.SOFTMAX_NOT_LAST);
        }
        return input;
    }

    private Shape input(Statement s) {
        noOptions(s, "input");
        if (s.args().size() == 5 && s.args().get(1) instanceof Value.Word x1 && x1.name().equalsIgnoreCase("x")
                && s.args().get(3) instanceof Value.Word x2 && x2.name().equalsIgnoreCase("x")) {
            StringBuilder dims = new StringBuilder();
            for (Value v : s.args()) dims.append(text(v));
            d.error(s.args().get(0).pos(), Message.DIMS_SPACES, dims.toString().toLowerCase(Locale.ROOT));
            return null;
        }
        if (!usage(s, 1, 1, "a feature count or an image shape HxWxC", "input 784")) return null;
        Value v = resolve(s.args().get(0));
        if (v instanceof Value.Dims dims) {
            String[] parts = dims.text().split("[xX]");
            if (parts.length != 3) {
                d.error(v.pos(), Message.DIMS_FORM, dims.text());
                return null;
            }
            int[] n = new int[3];
            long size = 1;
            for (int i = 0; i < 3; i++) {
                Long x = whole(new Value.Num(parts[i], v.pos()), "each input dimension", 1, Integer.MAX_VALUE,
                        Bound.AT_LEAST_ONE.text);
                if (x == null) return null;
                n[i] = (int) (long) x;
                size *= x;
                if (size > Integer.MAX_VALUE) {
                    d.error(v.pos(), Message.NUMBER_TOO_LARGE, dims.text(), "an input");
                    return null;
                }
            }
            return Shape.image(n[0], n[1], n[2]);
        }
        Long n = whole(v, "input size", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
        return n == null ? null : Shape.vector((int) (long) n);
    }

    private Layer.Dense dense(Statement s, int at, Shape in, int index) {
        Map<String, Option> o = options(s, "dense", List.of("init", "bias"));
        Shape flat = Shape.vector(in.size());
        int units = 1;
        if (usage(s, 1, 1, "the number of units", "dense 128")) {
            Long n = whole(s.args().get(0), "dense units", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
            if (n != null) units = (int) (long) n;
        }
        long weights = (long) flat.size() * units;
        if (weights > Integer.MAX_VALUE - 8) {
            d.error(s.pos(), Message.TOO_MANY_WEIGHTS, "dense" + index, weights, Integer.MAX_VALUE - 8);
        }
        boolean bias = true;
        if (o.containsKey("bias")) bias = bool(o.get("bias").value(), "bias", true);
        ActivationKind next = nextActivation(at);
        Init init = o.containsKey("init") ? init(o.get("init").value(), next) : defaultInit(next);
        return new Layer.Dense(index, flat, units, init, bias, s.pos());
    }

    /** The activation a dense layer feeds (before the next dense), or null. */
    private ActivationKind nextActivation(int at) {
        for (int j = at + 1; j < raw.size(); j++) {
            Statement s = raw.get(j);
            String k = s.keyword();
            if (k.equals("dense") || k.equals("softmax")) return null;
            if (ACTIVATIONS.containsKey(k)) return ACTIVATIONS.get(k);
            if (k.equals("activation") && s.args().size() == 1 && peek(s.args().get(0)) instanceof Value.Word w) {
                return ACTIVATIONS.get(w.name());
            }
        }
        return null;
    }

    private static boolean reluFamily(ActivationKind k) {
        return k == ActivationKind.RELU || k == ActivationKind.LEAKY_RELU || k == ActivationKind.ELU;
    }

    private static Init defaultInit(ActivationKind next) {
        if (reluFamily(next)) return Init.of(InitKind.HE_UNIFORM);
        return Init.of(InitKind.XAVIER_UNIFORM, next == ActivationKind.SIGMOID ? 4.0 : 1.0);
    }

    private Init init(Value value, ActivationKind next) {
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
            case XAVIER_UNIFORM, XAVIER_NORMAL -> List.of("gain");
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
            default -> {
                return Init.of(kind);
            }
        }
    }

    private static String initExample(InitKind k) {
        return switch (k) {
            case CONSTANT -> "init=constant(0.5)";
            case GAUSSIAN -> "init=gaussian(mean=0, std=0.01)";
            case UNIFORM -> "init=uniform(-0.1, 0.1)";
            case XAVIER_UNIFORM, XAVIER_NORMAL -> "init=" + k.word() + "(gain=1)";
            default -> "init=" + k.word();
        };
    }

    private Layer activation(Statement s, String word, ActivationKind kind, Shape in) {
        boolean alpha = kind == ActivationKind.LEAKY_RELU || kind == ActivationKind.ELU;
        usage(s, 0, 0, "no arguments", word);
        return activationLayer(s, word, kind, in, alpha ? List.of("alpha") : List.of());
    }

    private Layer activationLayer(Statement s, String word, ActivationKind kind, Shape in, List<String> allowed) {
        Map<String, Option> o = options(s, word, allowed);
        double alpha = kind == ActivationKind.LEAKY_RELU ? 0.01 : kind == ActivationKind.ELU ? 1.0 : 0;
        if (o.containsKey("alpha")) {
            Double a = number(o.get("alpha").value(), word + " alpha",
                    kind == ActivationKind.ELU ? Bound.POSITIVE : Bound.NON_NEGATIVE);
            if (a != null) alpha = a;
        }
        return new Layer.Activation(kind, alpha, in, s.pos());
    }

    private Layer activationStatement(Statement s, Shape in) {
        if (!usage(s, 1, 1, "an activation name", "activation relu")) return null;
        List<String> names = new ArrayList<>(ACTIVATIONS.keySet());
        names.add("softmax");
        String w = word(s.args().get(0), "activation", names);
        if (w == null) return null;
        if (w.equals("softmax")) {
            noOptions(s, "activation softmax");
            return new Layer.Softmax(in, s.pos());
        }
        ActivationKind kind = ACTIVATIONS.get(w);
        boolean alpha = kind == ActivationKind.LEAKY_RELU || kind == ActivationKind.ELU;
        return activationLayer(s, "activation " + w, kind, in, alpha ? List.of("alpha") : List.of());
    }

    private Layer batchnorm(Statement s, Shape in, int index) {
        usage(s, 0, 0, "only options", "batchnorm momentum=0.1 eps=1e-5 stats=running");
        Map<String, Option> o = options(s, "batchnorm", List.of("momentum", "eps", "stats"));
        double momentum = 0.1;
        double eps = 1e-5;
        BatchNormStats stats = BatchNormStats.RUNNING;
        if (o.containsKey("momentum")) {
            Double m = number(o.get("momentum").value(), "batchnorm momentum", Bound.UNIT_LEFT_OPEN);
            if (m != null) momentum = m;
        }
        if (o.containsKey("eps")) {
            Double e = number(o.get("eps").value(), "batchnorm eps", Bound.POSITIVE);
            if (e != null) eps = e;
        }
        if (o.containsKey("stats")) {
            String w = word(o.get("stats").value(), "batchnorm stats", List.of("running", "population"));
            if (w != null) stats = BatchNormStats.valueOf(w.toUpperCase(Locale.ROOT));
        }
        return new Layer.BatchNorm(index, in, momentum, eps, stats, s.pos());
    }

    private Layer dropout(Statement s, Shape in, int index) {
        Map<String, Option> o = options(s, "dropout", List.of("mode"));
        double p = 0.5;
        if (usage(s, 1, 1, "the probability of dropping a unit", "dropout 0.5")) {
            Double x = number(s.args().get(0), HYPERS.get("dropout"));
            if (x != null) p = x;
        }
        DropoutMode mode = DropoutMode.INVERTED;
        if (o.containsKey("mode")) {
            String w = word(o.get("mode").value(), "dropout mode", List.of("inverted", "scale_at_test"));
            if (w != null) mode = DropoutMode.valueOf(w.toUpperCase(Locale.ROOT));
        }
        return new Layer.Dropout(index, in, p, mode, s.pos());
    }

    // ---------------------------------------------------------------- configuration statements

    private LossKind loss(Statement s) {
        noOptions(s, "loss");
        if (!usage(s, 1, 1, "a loss name", "loss cross_entropy")) return null;
        String w = word(s.args().get(0), "loss", List.of("cross_entropy", "binary_cross_entropy", "mse"));
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
        if (!usage(s, 1, 1, "an optimizer name and its options", "optimizer adam lr=1e-3")) return null;
        List<String> kinds = new ArrayList<>();
        for (OptimizerKind k : OptimizerKind.values()) kinds.add(k.word());
        String w = word(s.args().get(0), "optimizer", kinds);
        if (w == null) return null;
        OptimizerKind kind = OptimizerKind.valueOf(w.toUpperCase(Locale.ROOT));
        Map<String, Option> o = options(s, "optimizer " + w, optimizerKeys(kind));
        double[] v = optimizerDefaults(kind);
        for (int i = 0; i < OPTIMIZER_HYPERS.size(); i++) {
            String key = OPTIMIZER_HYPERS.get(i);
            if (o.containsKey(key)) {
                Double x = number(o.get(key).value(), HYPERS.get(key));
                if (x != null) v[i] = x;
            }
        }
        return new Optimizer(kind, v[0], v[1], v[2], v[3], v[4], v[5], s.pos());
    }

    private Schedule schedule(Statement s) {
        if (!usage(s, 1, 1, "step, cosine or exponential", "schedule step every=10 gamma=0.5")) {
            return Schedule.none(s.pos());
        }
        String w = word(s.args().get(0), "schedule", List.of("step", "cosine", "exponential", "none"));
        if (w == null) return Schedule.none(s.pos());
        ScheduleKind kind = ScheduleKind.valueOf(w.toUpperCase(Locale.ROOT));
        Map<String, Option> o = options(s, "schedule " + w, switch (kind) {
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
                Long e = whole(o.get("every").value(), "schedule every", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
                if (e != null) every = (int) (long) e;
            }
        }
        if (kind == ScheduleKind.EXPONENTIAL && !o.containsKey("gamma")) {
            d.error(s.pos(), Message.USAGE, "schedule exponential", "gamma=G", "schedule exponential gamma=0.95");
        }
        if (o.containsKey("gamma")) {
            Double g = number(o.get("gamma").value(), "schedule gamma", Bound.POSITIVE);
            if (g != null) gamma = g;
        }
        return new Schedule(kind, every, gamma, s.pos());
    }

    private String clipKind(Statement s) {
        noOptions(s, "clip");
        if (!usage(s, 2, 2, "norm or value and a threshold", "clip norm 5.0")) return null;
        return word(s.args().get(0), "clip kind", List.of("norm", "value"));
    }

    /** l1 and l2 strengths from the {@code regularize} statements (0 when absent). */
    private double[] regularizers() {
        double[] out = new double[2];
        for (Map.Entry<String, Statement> e : configs.entrySet()) {
            if (!e.getKey().startsWith("regularize")) continue;
            Statement s = e.getValue();
            noOptions(s, "regularize");
            if (!usage(s, 2, 2, "l1 or l2 and a strength", "regularize l2 1e-4")) continue;
            String which = word(s.args().get(0), "regularizer", List.of("l1", "l2"));
            if (which == null) continue;
            Double x = number(s.args().get(1), HYPERS.get(which));
            if (x != null) out[which.equals("l1") ? 0 : 1] = x;
        }
        return out;
    }

    private TrainConfig train(Statement s, Shape input) {
        int epochs = 10;
        int batch = 32;
        double validation = 0.1;
        long seed = 42;
        boolean shuffle = true;
        TrainConfig.Preprocess preprocess = TrainConfig.Preprocess.none();
        TrainConfig.Augment augment = null;
        TrainConfig.EarlyStop earlyStop = null;
        if (s == null) {
            return new TrainConfig(epochs, batch, validation, seed, shuffle, preprocess, augment, earlyStop,
                    decl.pos());
        }
        noOptions(s, "train");
        usage(s, 0, 0, "a block", "train { epochs 10 }");
        if (!s.hasBlock()) {
            d.error(s.pos(), Message.TRAIN_NEEDS_BLOCK);
            return new TrainConfig(epochs, batch, validation, seed, shuffle, preprocess, augment, earlyStop, s.pos());
        }
        Map<String, Statement> seen = new HashMap<>();
        for (Statement t : s.block()) {
            String k = t.keyword();
            if (!TRAIN_SETTINGS.contains(k)) {
                d.error(t.pos(), Message.UNKNOWN_WORD, "train setting", k, Names.suggestOrList(k, TRAIN_SETTINGS));
                continue;
            }
            Statement first = seen.putIfAbsent(k, t);
            if (first != null) {
                d.error(t.pos(), Message.DUPLICATE_STATEMENT, k, first.pos().line());
                continue;
            }
            if (t.hasBlock()) d.error(t.pos(), Message.UNEXPECTED_BLOCK, k);
            if (t.index() >= 0) d.error(t.pos(), Message.UNEXPECTED_INDEX, k, t.index());
            switch (k) {
                case "epochs", "batch" -> {
                    noOptions(t, k);
                    if (usage(t, 1, 1, "a whole number", k + (k.equals("epochs") ? " 30" : " 64"))) {
                        Long n = whole(t.args().get(0), HYPERS.get(k).subject(), 1, Integer.MAX_VALUE,
                                Bound.AT_LEAST_ONE.text);
                        if (n != null && k.equals("epochs")) epochs = (int) (long) n;
                        if (n != null && k.equals("batch")) batch = (int) (long) n;
                    }
                }
                case "validation" -> {
                    noOptions(t, k);
                    if (usage(t, 1, 1, "the fraction held out", "validation 0.1")) {
                        Double v = number(t.args().get(0), "validation fraction", Bound.UNIT_OPEN);
                        if (v != null) validation = v;
                    }
                }
                case "seed" -> {
                    noOptions(t, k);
                    if (usage(t, 1, 1, "a whole number", "seed 42")) {
                        Long n = whole(t.args().get(0), "seed", Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
                        if (n != null) seed = n;
                    }
                }
                case "shuffle" -> {
                    noOptions(t, k);
                    if (usage(t, 1, 1, "true or false", "shuffle true")) shuffle = bool(t.args().get(0), "shuffle", true);
                }
                case "preprocess" -> preprocess = preprocess(t);
                case "augment" -> {
                    augment = augment(t);
                    // A warning, not an error: SPEC §2's own example augments `input 784`.
                    if (input != null && !input.isImage()) {
                        d.warn(t.pos(), Message.AUGMENT_NEEDS_IMAGE, input.toString());
                        augment = null;
                    }
                }
                default -> earlyStop = earlyStop(t);
            }
        }
        return new TrainConfig(epochs, batch, validation, seed, shuffle, preprocess, augment, earlyStop, s.pos());
    }

    private TrainConfig.Preprocess preprocess(Statement t) {
        TrainConfig.Preprocess none = TrainConfig.Preprocess.none();
        if (!usage(t, 1, 1, "zscore, minmax(lo, hi), pca_whiten or none", "preprocess zscore")) return none;
        Value v = resolve(t.args().get(0));
        List<String> kinds = List.of("zscore", "minmax", "pca_whiten", "none");
        String name = v instanceof Value.Word w ? w.name() : v instanceof Value.Call c ? c.name() : text(v);
        if (!kinds.contains(name) || !(v instanceof Value.Word || v instanceof Value.Call)) {
            d.error(v.pos(), Message.UNKNOWN_WORD, "preprocessing", name, Names.suggestOrList(name, kinds));
            return none;
        }
        List<Option> opts = new ArrayList<>(t.options());
        List<Value> args = List.of();
        if (v instanceof Value.Call c) {
            opts.addAll(c.options());
            args = c.args();
        }
        switch (name) {
            case "minmax" -> {
                checkOptions(opts, "minmax", List.of());
                double lo = 0;
                double hi = 1;
                if (v instanceof Value.Call) {
                    if (args.size() != 2) {
                        d.error(v.pos(), Message.USAGE, "minmax", "two bounds", "preprocess minmax(-1, 1)");
                        return none;
                    }
                    Double a = number(args.get(0), "minmax low", Bound.ANY);
                    Double b = number(args.get(1), "minmax high", Bound.ANY);
                    if (a == null || b == null) return none;
                    if (!(a < b)) d.error(v.pos(), Message.BOUNDS_ORDER, "minmax", text(args.get(0)), text(args.get(1)));
                    lo = a;
                    hi = b;
                }
                return new TrainConfig.Preprocess(PreprocessKind.MINMAX, lo, hi, 0, 0);
            }
            case "pca_whiten" -> {
                Map<String, Option> o = checkOptions(opts, "pca_whiten", List.of("components", "eps"));
                if (!args.isEmpty()) {
                    d.error(v.pos(), Message.USAGE, "pca_whiten", "only options",
                            "preprocess pca_whiten components=32 eps=1e-5");
                }
                int components = 0;
                double eps = 1e-5;
                if (o.containsKey("components")) {
                    Long n = whole(o.get("components").value(), "pca_whiten components", 0, Integer.MAX_VALUE,
                            Bound.NON_NEGATIVE.text);
                    if (n != null) components = (int) (long) n;
                }
                if (o.containsKey("eps")) {
                    Double e = number(o.get("eps").value(), "pca_whiten eps", Bound.POSITIVE);
                    if (e != null) eps = e;
                }
                return new TrainConfig.Preprocess(PreprocessKind.PCA_WHITEN, 0, 0, components, eps);
            }
            default -> {
                checkOptions(opts, name, List.of());
                if (!args.isEmpty()) d.error(v.pos(), Message.USAGE, name, "no arguments", "preprocess " + name);
                return new TrainConfig.Preprocess(PreprocessKind.valueOf(name.toUpperCase(Locale.ROOT)), 0, 0, 0, 0);
            }
        }
    }

    private TrainConfig.Augment augment(Statement t) {
        usage(t, 0, 0, "only options", "augment rotate=10 flip=horizontal zoom=0.9..1.1 shift=2 noise=0.05");
        Map<String, Option> o = options(t, "augment", List.of("rotate", "flip", "zoom", "shift", "noise"));
        double rotate = 0;
        FlipMode flip = FlipMode.NONE;
        double zoomLo = 0;
        double zoomHi = 0;
        int shift = 0;
        double noise = 0;
        if (o.containsKey("rotate")) {
            Double r = number(o.get("rotate").value(), "augment rotate (degrees)", Bound.DEGREES);
            if (r != null) rotate = r;
        }
        if (o.containsKey("flip")) {
            String w = word(o.get("flip").value(), "flip", List.of("none", "horizontal", "vertical", "both"));
            if (w != null) flip = FlipMode.valueOf(w.toUpperCase(Locale.ROOT));
        }
        if (o.containsKey("zoom")) {
            Value z = resolve(o.get("zoom").value());
            if (z instanceof Value.Range r) {
                Double lo = number(r.lo(), "zoom low", Bound.ANY);
                Double hi = number(r.hi(), "zoom high", Bound.ANY);
                if (lo != null && hi != null) {
                    if (lo > 0 && lo <= hi) {
                        zoomLo = lo;
                        zoomHi = hi;
                    } else {
                        d.error(z.pos(), Message.ZOOM_FORM, text(z));
                    }
                }
            } else {
                d.error(z.pos(), Message.ZOOM_FORM, text(z));
            }
        }
        if (o.containsKey("shift")) {
            Long n = whole(o.get("shift").value(), "augment shift (pixels)", 0, Integer.MAX_VALUE,
                    Bound.NON_NEGATIVE.text);
            if (n != null) shift = (int) (long) n;
        }
        if (o.containsKey("noise")) {
            Double n = number(o.get("noise").value(), "augment noise", Bound.NON_NEGATIVE);
            if (n != null) noise = n;
        }
        return new TrainConfig.Augment(rotate, flip, zoomLo, zoomHi, shift, noise, t.pos());
    }

    private TrainConfig.EarlyStop earlyStop(Statement t) {
        Map<String, Option> o = options(t, "early_stop", List.of("monitor", "patience", "min_delta", "restore_best"));
        String monitor = "val_loss";
        int patience = 5;
        double minDelta = 0;
        boolean restore = false;
        for (Value a : t.args()) {
            if (a instanceof Value.Word w && w.name().equals("restore_best")) {
                restore = true;
            } else {
                String name = text(a);
                d.error(a.pos(), Message.UNKNOWN_WORD, "early_stop flag", name,
                        Names.suggestOrList(name, List.of("restore_best")));
            }
        }
        if (o.containsKey("monitor")) {
            String w = word(o.get("monitor").value(), "monitor", List.of("val_loss", "val_accuracy"));
            if (w != null) monitor = w;
        }
        if (o.containsKey("patience")) {
            Long n = whole(o.get("patience").value(), "patience", 0, Integer.MAX_VALUE, Bound.NON_NEGATIVE.text);
            if (n != null) patience = (int) (long) n;
        }
        if (o.containsKey("min_delta")) {
            Double x = number(o.get("min_delta").value(), "min_delta", Bound.NON_NEGATIVE);
            if (x != null) minDelta = x;
        }
        if (o.containsKey("restore_best")) restore = bool(o.get("restore_best").value(), "restore_best", restore);
        return new TrainConfig.EarlyStop(monitor, patience, minDelta, restore, t.pos());
    }

    private Search search(Statement s, List<Layer> layers, Optimizer optimizer, boolean hasClip) {
        if (!s.hasBlock()) {
            d.error(s.pos(), Message.SEARCH_NEEDS_BLOCK);
            return null;
        }
        Map<String, Option> o = options(s, "search", List.of("trials", "seed", "parallel"));
        SearchMethod method = null;
        if (usage(s, 1, 1, "grid or random", "search random trials=20 { lr loguniform(1e-4, 1e-1) }")) {
            String w = word(s.args().get(0), "search method", List.of("grid", "random"));
            if (w != null) method = SearchMethod.valueOf(w.toUpperCase(Locale.ROOT));
        }
        if (method == null) return null;
        int trials = 0;
        if (o.containsKey("trials")) {
            Long n = whole(o.get("trials").value(), "trials", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
            if (n != null && method == SearchMethod.RANDOM) trials = (int) (long) n;
            if (n != null && method == SearchMethod.GRID) {
                d.warn(o.get("trials").pos(), Message.GRID_IGNORES_TRIALS, n);
            }
        } else if (method == SearchMethod.RANDOM) {
            d.error(s.pos(), Message.RANDOM_NEEDS_TRIALS);
        }
        long seed = 42;
        if (o.containsKey("seed")) {
            Long n = whole(o.get("seed").value(), "search seed", Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
            if (n != null) seed = n;
        }
        int parallel = 1;
        if (o.containsKey("parallel")) {
            Long n = whole(o.get("parallel").value(), "parallel", 1, 1024, "in [1, 1024]");
            if (n != null) parallel = (int) (long) n;
        }
        long dropouts = layers.stream().filter(l -> l instanceof Layer.Dropout).count();
        List<String> allowed = new ArrayList<>();
        if (optimizer != null) allowed.addAll(optimizerKeys(optimizer.kind()));
        if (dropouts > 0) allowed.add("dropout");
        allowed.addAll(List.of("l1", "l2"));
        if (hasClip) allowed.add("clip");
        allowed.addAll(List.of("batch", "epochs"));
        allowed.addAll(paramDefaults.keySet());

        List<Search.Dimension> dims = new ArrayList<>();
        Map<String, Statement> seen = new HashMap<>();
        for (Statement t : s.block()) {
            String name = t.keyword();
            String key = t.index() >= 0 ? name + "[" + t.index() + "]" : name;
            Statement first = seen.putIfAbsent(key, t);
            if (first != null) {
                d.error(t.pos(), Message.DUPLICATE_STATEMENT, key, first.pos().line());
                continue;
            }
            if (t.hasBlock()) d.error(t.pos(), Message.UNEXPECTED_BLOCK, name);
            noOptions(t, name);
            boolean structural = paramDefaults.containsKey(name);
            if (t.index() >= 0 && !name.equals("dropout")) {
                d.error(t.pos(), Message.SEARCH_INDEX_ONLY_DROPOUT, name, t.index());
                continue;
            }
            if (!structural) {
                if (OPTIMIZER_HYPERS.contains(name) && optimizer != null && !allowed.contains(name)) {
                    d.error(t.pos(), Message.SEARCH_NOT_OPTIMIZER_PARAM, optimizer.kind().word(), name,
                            String.join(", ", optimizerKeys(optimizer.kind())));
                    continue;
                }
                if (name.equals("dropout") && dropouts == 0) {
                    d.error(t.pos(), Message.SEARCH_NO_DROPOUT);
                    continue;
                }
                if (name.equals("dropout") && t.index() >= dropouts) {
                    d.error(t.pos(), Message.SEARCH_DROPOUT_INDEX, t.index(), dropouts);
                    continue;
                }
                if (name.equals("clip") && !hasClip) {
                    d.error(t.pos(), Message.SEARCH_NO_CLIP);
                    continue;
                }
                if (!allowed.contains(name)) {
                    if (OPTIMIZER_HYPERS.contains(name) && optimizer == null) continue; // no optimizer: reported
                    d.error(t.pos(), Message.SEARCH_UNKNOWN_NAME, name, Names.suggestOrList(name, allowed));
                    continue;
                }
            }
            if (t.args().size() != 1 || !(t.args().get(0) instanceof Value.Call call)) {
                d.error(t.pos(), Message.USAGE, name, "one distribution", name + " choice(...)");
                continue;
            }
            Search.Dimension dim = dimension(t, call, method, structural);
            if (dim != null) dims.add(dim);
        }
        if (s.block().isEmpty()) d.error(s.pos(), Message.EMPTY_SEARCH);
        return new Search(method, trials, seed, parallel, dims, s.pos());
    }

    private Search.Dimension dimension(Statement t, Value.Call call, SearchMethod method, boolean structural) {
        String name = t.keyword();
        if (!DISTRIBUTIONS.contains(call.name())) {
            d.error(call.pos(), Message.UNKNOWN_WORD, "distribution", call.name(),
                    Names.suggestOrList(call.name(), DISTRIBUTIONS));
            return null;
        }
        DistributionKind kind = DistributionKind.valueOf(call.name().toUpperCase(Locale.ROOT));
        checkOptions(call.options(), call.name(), List.of());
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
            d.error(call.pos(), Message.USAGE, call.name(),
                    arity < 0 ? "at least one value" : arity == 2 ? "two bounds" : "lo, hi and step", example);
            return null;
        }
        boolean continuous = kind == DistributionKind.UNIFORM || kind == DistributionKind.LOGUNIFORM;
        if (structural && continuous) return null; // reported with the variants
        if (method == SearchMethod.GRID && continuous) {
            d.error(call.pos(), Message.GRID_NEEDS_DISCRETE, name, call.name());
            return null;
        }
        if (method == SearchMethod.RANDOM && kind == DistributionKind.RANGE) {
            d.error(call.pos(), Message.RANGE_ONLY_GRID);
            return null;
        }
        List<String> values = new ArrayList<>();
        if (structural) {
            for (Value v : call.args()) {
                if (v instanceof Value.Call || v instanceof Value.Range) {
                    d.error(v.pos(), Message.EXPECTED_NUMBER, "a searched param value", text(v), "");
                    return null;
                }
                values.add(text(v));
            }
            return new Search.Dimension(name, t.index(), kind, values, true, t.pos());
        }
        Hyper h = HYPERS.get(name);
        List<Double> xs = new ArrayList<>();
        for (Value v : call.args()) {
            Double x = kind == DistributionKind.RANGE ? number(v, name, Bound.ANY)
                    : h.whole() ? wholeAsDouble(v, h) : number(v, h);
            if (x == null) return null;
            xs.add(x);
            values.add(text(v));
        }
        switch (kind) {
            case UNIFORM, LOGUNIFORM -> {
                if (!(xs.get(0) < xs.get(1))) {
                    d.error(call.pos(), Message.BOUNDS_ORDER, call.name(), values.get(0), values.get(1));
                    return null;
                }
                if (kind == DistributionKind.LOGUNIFORM && !(xs.get(0) > 0)) {
                    d.error(call.pos(), Message.LOGUNIFORM_POSITIVE, values.get(0));
                    return null;
                }
            }
            case RANGE -> {
                BigDecimal[] r = rangeBounds(call);
                if (r == null) return null;
                for (BigDecimal x = r[0]; x.compareTo(r[1]) <= 0; x = x.add(r[2])) {
                    Value.Num each = new Value.Num(x.stripTrailingZeros().toPlainString(), call.pos());
                    if ((h.whole() ? wholeAsDouble(each, h) : number(each, h)) == null) return null;
                }
            }
            default -> { }
        }
        return new Search.Dimension(name, t.index(), kind, values, false, t.pos());
    }

    private Double wholeAsDouble(Value v, Hyper h) {
        Long n = whole(v, h.subject(), 1, Integer.MAX_VALUE, h.bound().text);
        return n == null ? null : n.doubleValue();
    }

    // ---------------------------------------------------------------- values

    /** A param reference replaced by its value (at the reference's position), anything else as is. */
    private Value resolve(Value v) {
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
    private Value peek(Value v) {
        if (v instanceof Value.Word w && params.containsKey(w.name())) return params.get(w.name());
        return v;
    }

    private Double number(Value value, Hyper h) {
        return number(value, h.subject(), h.bound());
    }

    private Double number(Value value, String what, Bound bound) {
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

    private Long whole(Value value, String what, long min, long max, String rangeText) {
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

    private void notANumber(Value v, String what) {
        String hint = v instanceof Value.Word w ? Names.suggest(w.name(), paramDefaults.keySet()) : "";
        d.error(v.pos(), Message.EXPECTED_NUMBER, what, text(v), hint);
    }

    /** A word among {@code allowed} (after param resolution), or null after reporting. */
    private String word(Value value, String what, List<String> allowed) {
        Value v = resolve(value);
        String name = v instanceof Value.Word w ? w.name() : text(v);
        if (!(v instanceof Value.Word) || !allowed.contains(name)) {
            d.error(v.pos(), Message.UNKNOWN_WORD, what, name, Names.suggestOrList(name, allowed));
            return null;
        }
        return name;
    }

    private boolean bool(Value value, String what, boolean fallback) {
        String w = word(value, what, List.of("true", "false"));
        return w == null ? fallback : w.equals("true");
    }

    /** Checks the argument count; false (after reporting) when it is wrong. */
    private boolean usage(Statement s, int min, int max, String what, String example) {
        if (s.args().size() < min || s.args().size() > max) {
            d.error(s.pos(), Message.USAGE, s.keyword(), what, example);
            return false;
        }
        return true;
    }

    private void noOptions(Statement s, String owner) {
        options(s, owner, List.of());
    }

    private Map<String, Option> options(Statement s, String owner, Collection<String> allowed) {
        return checkOptions(s.options(), owner, allowed);
    }

    private Map<String, Option> checkOptions(List<Option> options, String owner, Collection<String> allowed) {
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

    private static String optionHint(String key, Collection<String> allowed) {
        if (allowed.isEmpty()) return "; it takes none";
        String near = Names.nearest(key, allowed);
        return near != null ? "; did you mean '" + near + "'?" : "; options are " + String.join(", ", allowed);
    }
}
