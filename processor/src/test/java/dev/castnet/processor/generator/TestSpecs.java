package dev.castnet.processor.generator;

import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.BatchNormStats;
import dev.castnet.dsl.model.DropoutMode;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.InitKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.Optimizer;
import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.dsl.model.Precision;
import dev.castnet.dsl.model.Schedule;
import dev.castnet.dsl.model.Shape;
import dev.castnet.dsl.model.SourcePos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds resolved {@link Network}s for tests from the small subset of the .nn language the parity cases and
 * the generator tests use (one network per text, no params, no train or search blocks).
 */
final class TestSpecs {
    private TestSpecs() {}

    static NetworkModel model(Network n) {
        return new NetworkModel(n.name(), n.packageName(), n.specFile(), List.of(n), n.pos());
    }

    /** Parses {@code text}; {@code className} overrides the generated class name when not null. */
    static Network parse(String file, String text, String className, Precision precisionOverride) {
        String pkg = "";
        String name = null;
        Precision precision = Precision.FLOAT;
        int input = 0;
        List<String[]> layerLines = new ArrayList<>();
        LossKind loss = null;
        Optimizer optimizer = null;
        double clipNorm = 0, clipValue = 0, l1 = 0, l2 = 0;
        SourcePos pos = new SourcePos(file, 1, 1);
        for (String raw : text.split("\n")) {
            String line = raw.replaceAll("//.*", "").replace(";", " ").replace("{", " ").replace("}", " ").trim();
            if (line.isEmpty()) continue;
            String[] t = line.split("\\s+");
            switch (t[0]) {
                case "package" -> pkg = t[1];
                case "network" -> name = t[1];
                case "precision" -> precision = Precision.valueOf(t[1].toUpperCase(Locale.ROOT));
                case "input" -> input = Integer.parseInt(t[1]);
                case "loss" -> loss = LossKind.valueOf(t[1].toUpperCase(Locale.ROOT));
                case "optimizer" -> optimizer = optimizer(t, pos);
                case "clip" -> {
                    if (t[1].equals("norm")) clipNorm = Double.parseDouble(t[2]);
                    else clipValue = Double.parseDouble(t[2]);
                }
                case "regularize" -> {
                    if (t[1].equals("l1")) l1 = Double.parseDouble(t[2]);
                    else l2 = Double.parseDouble(t[2]);
                }
                default -> layerLines.add(t);
            }
        }
        if (precisionOverride != null) precision = precisionOverride;
        List<Layer> layers = new ArrayList<>();
        Shape shape = Shape.vector(input);
        int dense = 0, bn = 0, drop = 0;
        for (int i = 0; i < layerLines.size(); i++) {
            String[] t = layerLines.get(i);
            Map<String, String> o = options(t);
            Layer layer = switch (t[0]) {
                case "dense" -> {
                    String next = i + 1 < layerLines.size() ? layerLines.get(i + 1)[0] : "";
                    Init init = o.containsKey("init") ? init(o.get("init"), next) : defaultInit(next);
                    yield new Layer.Dense(dense++, shape, Integer.parseInt(t[1]), init,
                            !"false".equals(o.get("bias")), pos);
                }
                case "batchnorm" -> new Layer.BatchNorm(bn++, shape, num(o, "momentum", 0.1), num(o, "eps", 1e-5),
                        BatchNormStats.valueOf(o.getOrDefault("stats", "running").toUpperCase(Locale.ROOT)), pos);
                case "dropout" -> new Layer.Dropout(drop++, shape, Double.parseDouble(t[1]),
                        DropoutMode.valueOf(o.getOrDefault("mode", "inverted").toUpperCase(Locale.ROOT)), pos);
                case "softmax" -> new Layer.Softmax(shape, pos);
                default -> {
                    String word = t[0].equals("logistic") ? "sigmoid" : t[0];
                    ActivationKind kind = ActivationKind.valueOf(word.toUpperCase(Locale.ROOT));
                    double alpha = kind == ActivationKind.ELU ? 1.0 : 0.01;
                    yield new Layer.Activation(kind, num(o, "alpha", alpha), shape, pos);
                }
            };
            layers.add(layer);
            shape = layer.out();
        }
        return new Network(name, className != null ? className : name, pkg, file,
                Integer.toHexString(text.hashCode()), precision, Shape.vector(input), layers, loss, optimizer,
                Schedule.none(pos), clipNorm, clipValue, l1, l2, null, null, Map.of(), pos);
    }

    private static double num(Map<String, String> o, String key, double def) {
        return o.containsKey(key) ? Double.parseDouble(o.get(key)) : def;
    }

    private static Map<String, String> options(String[] t) {
        Map<String, String> o = new HashMap<>();
        for (String s : t) {
            int eq = s.indexOf('=');
            if (eq > 0) o.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return o;
    }

    private static Init defaultInit(String next) {
        if (next.equals("relu") || next.equals("leaky_relu") || next.equals("elu")) return Init.of(InitKind.HE_UNIFORM);
        return Init.of(InitKind.XAVIER_UNIFORM, next.equals("sigmoid") || next.equals("logistic") ? 4 : 1);
    }

    /** {@code kind} or {@code kind(a,b)} without spaces. */
    private static Init init(String spec, String next) {
        int paren = spec.indexOf('(');
        String word = paren < 0 ? spec : spec.substring(0, paren);
        InitKind kind = InitKind.valueOf(word.toUpperCase(Locale.ROOT));
        List<Double> args = new ArrayList<>();
        if (paren >= 0) {
            for (String a : spec.substring(paren + 1, spec.length() - 1).split(",")) {
                if (!a.isBlank()) args.add(Double.parseDouble(a.replaceAll("^\\w+=", "")));
            }
        }
        if (args.isEmpty()) {
            switch (kind) {
                case GAUSSIAN -> args.addAll(List.of(0.0, 0.01));
                case CONSTANT -> args.add(0.0);
                case XAVIER_UNIFORM, XAVIER_NORMAL -> args.add(next.equals("sigmoid") ? 4.0 : 1.0);
                default -> {}
            }
        }
        return new Init(kind, args);
    }

    private static Optimizer optimizer(String[] t, SourcePos pos) {
        OptimizerKind kind = OptimizerKind.valueOf(t[1].toUpperCase(Locale.ROOT));
        Map<String, String> o = options(t);
        return switch (kind) {
            case SGD -> new Optimizer(kind, num(o, "lr", 0.01), 0, 0, 0, 0, 0, pos);
            case MOMENTUM, NESTEROV -> new Optimizer(kind, num(o, "lr", 0.01), num(o, "rho", 0.9), 0, 0, 0, 0, pos);
            case ADAGRAD -> new Optimizer(kind, num(o, "lr", 0.01), 0, 0, 0, num(o, "eps", 1e-10), 0, pos);
            case ADADELTA -> new Optimizer(kind, num(o, "lr", 1.0), num(o, "rho", 0.9), 0, 0, num(o, "eps", 1e-6), 0,
                    pos);
            case RMSPROP -> new Optimizer(kind, num(o, "lr", 0.001), num(o, "rho", 0.9), 0, 0, num(o, "eps", 1e-8), 0,
                    pos);
            case ADAM, ADAMW -> new Optimizer(kind, num(o, "lr", 0.001), 0, num(o, "beta1", 0.9),
                    num(o, "beta2", 0.999), num(o, "eps", 1e-8), kind == OptimizerKind.ADAMW ? num(o, "wd", 0.01) : 0,
                    pos);
        };
    }
}
