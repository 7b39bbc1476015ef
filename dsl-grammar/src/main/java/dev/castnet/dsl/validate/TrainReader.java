package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.FlipMode;
import dev.castnet.dsl.model.PreprocessKind;
import dev.castnet.dsl.model.Shape;
import dev.castnet.dsl.model.SourcePos;
import dev.castnet.dsl.model.TrainConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code train { }} block: the defaults the runtime uses, preprocessing, augmentation, early stopping and
 * {@link PruneReader pruning}.
 */
final class TrainReader {
    static final List<String> SETTINGS = List.of("epochs", "batch", "validation", "seed", "shuffle",
            "preprocess", "augment", "early_stop", "prune");

    private final ValueReader v;
    private final SourcePos networkPos;
    private final String network;

    TrainReader(ValueReader v, SourcePos networkPos, String network) {
        this.v = v;
        this.networkPos = networkPos;
        this.network = network;
    }

    /** {@code hasWeights}: whether some layer has a weight tensor pruning could work on. */
    TrainConfig read(Statement s, Shape input, boolean hasWeights) {
        int epochs = 10;
        int batch = 32;
        double validation = 0.1;
        long seed = 42;
        boolean shuffle = true;
        TrainConfig.Preprocess preprocess = TrainConfig.Preprocess.none();
        TrainConfig.Augment augment = null;
        TrainConfig.EarlyStop earlyStop = null;
        if (s == null) {
            return new TrainConfig(epochs, batch, validation, seed, shuffle, preprocess, augment, earlyStop, null,
                    networkPos);
        }
        v.noOptions(s, "train");
        v.usage(s, 0, 0, "a block", "train { epochs 10 }");
        if (!s.hasBlock()) {
            v.error(s.pos(), Message.TRAIN_NEEDS_BLOCK);
            return new TrainConfig(epochs, batch, validation, seed, shuffle, preprocess, augment, earlyStop, null,
                    s.pos());
        }
        Statement pruneStatement = null;
        Map<String, Statement> seen = new HashMap<>();
        for (Statement t : s.block()) {
            String k = t.keyword();
            if (!SETTINGS.contains(k)) {
                v.error(t.pos(), Message.UNKNOWN_WORD, "train setting", k, Names.suggestOrList(k, SETTINGS));
                continue;
            }
            Statement first = seen.putIfAbsent(k, t);
            if (first != null) {
                v.error(t.pos(), Message.DUPLICATE_STATEMENT, k, first.pos().line());
                continue;
            }
            if (t.hasBlock()) v.error(t.pos(), Message.UNEXPECTED_BLOCK, k);
            if (t.index() >= 0) v.error(t.pos(), Message.UNEXPECTED_INDEX, k, t.index());
            switch (k) {
                case "epochs", "batch" -> {
                    v.noOptions(t, k);
                    if (v.usage(t, 1, 1, "a whole number", k + (k.equals("epochs") ? " 30" : " 64"))) {
                        Long n = v.whole(t.args().get(0), ValueReader.HYPERS.get(k).subject(), 1, Integer.MAX_VALUE,
                                Bound.AT_LEAST_ONE.text);
                        if (n != null && k.equals("epochs")) epochs = (int) (long) n;
                        if (n != null && k.equals("batch")) batch = (int) (long) n;
                    }
                }
                case "validation" -> {
                    v.noOptions(t, k);
                    if (v.usage(t, 1, 1, "the fraction held out", "validation 0.1")) {
                        Double x = v.number(t.args().get(0), "validation fraction", Bound.UNIT_OPEN);
                        if (x != null) validation = x;
                    }
                }
                case "seed" -> {
                    v.noOptions(t, k);
                    if (v.usage(t, 1, 1, "a whole number", "seed 42")) {
                        Long n = v.whole(t.args().get(0), "seed", Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
                        if (n != null) seed = n;
                    }
                }
                case "shuffle" -> {
                    v.noOptions(t, k);
                    if (v.usage(t, 1, 1, "true or false", "shuffle true")) shuffle = v.bool(t.args().get(0), "shuffle", true);
                }
                case "preprocess" -> preprocess = preprocess(t);
                case "augment" -> {
                    augment = augment(t);
                    if (input != null && !input.isImage()) {
                        v.error(t.pos(), Message.AUGMENT_NEEDS_IMAGE, input.toString());
                        augment = null;
                    }
                }
                case "prune" -> pruneStatement = t;
                default -> earlyStop = earlyStop(t);
            }
        }
        TrainConfig.Prune prune = pruneStatement == null ? null
                : PruneReader.read(pruneStatement, v, epochs, network, hasWeights);
        return new TrainConfig(epochs, batch, validation, seed, shuffle, preprocess, augment, earlyStop, prune,
                s.pos());
    }

    private TrainConfig.Preprocess preprocess(Statement t) {
        TrainConfig.Preprocess none = TrainConfig.Preprocess.none();
        if (!v.usage(t, 1, 1, "zscore, minmax(lo, hi), pca_whiten or none", "preprocess zscore")) return none;
        Value value = v.resolve(t.args().get(0));
        List<String> kinds = List.of("zscore", "minmax", "pca_whiten", "none");
        String name = value instanceof Value.Word w ? w.name() : value instanceof Value.Call c ? c.name() : ValueReader.text(value);
        if (!kinds.contains(name) || !(value instanceof Value.Word || value instanceof Value.Call)) {
            v.error(value.pos(), Message.UNKNOWN_WORD, "preprocessing", name, Names.suggestOrList(name, kinds));
            return none;
        }
        List<Option> opts = new ArrayList<>(t.options());
        List<Value> args = List.of();
        if (value instanceof Value.Call c) {
            opts.addAll(c.options());
            args = c.args();
        }
        switch (name) {
            case "minmax" -> {
                v.checkOptions(opts, "minmax", List.of());
                double lo = 0;
                double hi = 1;
                if (value instanceof Value.Call) {
                    if (args.size() != 2) {
                        v.error(value.pos(), Message.USAGE, "minmax", "two bounds", "preprocess minmax(-1, 1)");
                        return none;
                    }
                    Double a = v.number(args.get(0), "minmax low", Bound.ANY);
                    Double b = v.number(args.get(1), "minmax high", Bound.ANY);
                    if (a == null || b == null) return none;
                    if (!(a < b)) v.error(value.pos(), Message.BOUNDS_ORDER, "minmax", ValueReader.text(args.get(0)), ValueReader.text(args.get(1)));
                    lo = a;
                    hi = b;
                }
                return new TrainConfig.Preprocess(PreprocessKind.MINMAX, lo, hi, 0, 0);
            }
            case "pca_whiten" -> {
                Map<String, Option> o = v.checkOptions(opts, "pca_whiten", List.of("components", "eps"));
                if (!args.isEmpty()) {
                    v.error(value.pos(), Message.USAGE, "pca_whiten", "only options",
                            "preprocess pca_whiten components=32 eps=1e-5");
                }
                int components = 0;
                double eps = 1e-5;
                if (o.containsKey("components")) {
                    Long n = v.whole(o.get("components").value(), "pca_whiten components", 0, Integer.MAX_VALUE,
                            Bound.NON_NEGATIVE.text);
                    if (n != null) components = (int) (long) n;
                }
                if (o.containsKey("eps")) {
                    Double e = v.number(o.get("eps").value(), "pca_whiten eps", Bound.POSITIVE);
                    if (e != null) eps = e;
                }
                return new TrainConfig.Preprocess(PreprocessKind.PCA_WHITEN, 0, 0, components, eps);
            }
            default -> {
                v.checkOptions(opts, name, List.of());
                if (!args.isEmpty()) v.error(value.pos(), Message.USAGE, name, "no arguments", "preprocess " + name);
                return new TrainConfig.Preprocess(PreprocessKind.valueOf(name.toUpperCase(Locale.ROOT)), 0, 0, 0, 0);
            }
        }
    }

    private TrainConfig.Augment augment(Statement t) {
        v.usage(t, 0, 0, "only options", "augment rotate=10 flip=horizontal zoom=0.9..1.1 shift=2 noise=0.05");
        Map<String, Option> o = v.options(t, "augment", List.of("rotate", "flip", "zoom", "shift", "noise"));
        double rotate = 0;
        FlipMode flip = FlipMode.NONE;
        double zoomLo = 0;
        double zoomHi = 0;
        int shift = 0;
        double noise = 0;
        if (o.containsKey("rotate")) {
            Double r = v.number(o.get("rotate").value(), "augment rotate (degrees)", Bound.DEGREES);
            if (r != null) rotate = r;
        }
        if (o.containsKey("flip")) {
            String w = v.word(o.get("flip").value(), "flip", List.of("none", "horizontal", "vertical", "both"));
            if (w != null) flip = FlipMode.valueOf(w.toUpperCase(Locale.ROOT));
        }
        if (o.containsKey("zoom")) {
            Value z = v.resolve(o.get("zoom").value());
            if (z instanceof Value.Range r) {
                Double lo = v.number(r.lo(), "zoom low", Bound.ANY);
                Double hi = v.number(r.hi(), "zoom high", Bound.ANY);
                if (lo != null && hi != null) {
                    if (lo > 0 && lo <= hi) {
                        zoomLo = lo;
                        zoomHi = hi;
                    } else {
                        v.error(z.pos(), Message.ZOOM_FORM, ValueReader.text(z));
                    }
                }
            } else {
                v.error(z.pos(), Message.ZOOM_FORM, ValueReader.text(z));
            }
        }
        if (o.containsKey("shift")) {
            Long n = v.whole(o.get("shift").value(), "augment shift (pixels)", 0, Integer.MAX_VALUE,
                    Bound.NON_NEGATIVE.text);
            if (n != null) shift = (int) (long) n;
        }
        if (o.containsKey("noise")) {
            Double n = v.number(o.get("noise").value(), "augment noise", Bound.NON_NEGATIVE);
            if (n != null) noise = n;
        }
        return new TrainConfig.Augment(rotate, flip, zoomLo, zoomHi, shift, noise, t.pos());
    }

    private TrainConfig.EarlyStop earlyStop(Statement t) {
        Map<String, Option> o = v.options(t, "early_stop", List.of("monitor", "patience", "min_delta", "restore_best"));
        String monitor = "val_loss";
        int patience = 5;
        double minDelta = 0;
        boolean restore = false;
        for (Value a : t.args()) {
            if (a instanceof Value.Word w && w.name().equals("restore_best")) {
                restore = true;
            } else {
                String name = ValueReader.text(a);
                v.error(a.pos(), Message.UNKNOWN_WORD, "early_stop flag", name,
                        Names.suggestOrList(name, List.of("restore_best")));
            }
        }
        if (o.containsKey("monitor")) {
            String w = v.word(o.get("monitor").value(), "monitor", List.of("val_loss", "val_accuracy"));
            if (w != null) monitor = w;
        }
        if (o.containsKey("patience")) {
            Long n = v.whole(o.get("patience").value(), "patience", 0, Integer.MAX_VALUE, Bound.NON_NEGATIVE.text);
            if (n != null) patience = (int) (long) n;
        }
        if (o.containsKey("min_delta")) {
            Double x = v.number(o.get("min_delta").value(), "min_delta", Bound.NON_NEGATIVE);
            if (x != null) minDelta = x;
        }
        if (o.containsKey("restore_best")) restore = v.bool(o.get("restore_best").value(), "restore_best", restore);
        return new TrainConfig.EarlyStop(monitor, patience, minDelta, restore, t.pos());
    }
}
