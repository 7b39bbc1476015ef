package dev.castnet.dsl;

import dev.castnet.dsl.ast.NetworkDecl;
import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.FlipMode;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Optimizer;
import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.dsl.model.Schedule;
import dev.castnet.dsl.model.Search;
import dev.castnet.dsl.model.SearchMethod;
import dev.castnet.dsl.model.TrainConfig;
import java.util.List;

/**
 * Prints a tree back as canonical {@code .nn} text: one statement a line, four-space indentation, positional
 * arguments before {@code key=value} options. Parsing the output gives the same tree up to positions, which
 * is also what the fingerprint of a network is computed over.
 */
public final class SpecPrinter {
    private SpecPrinter() {}

    public static String print(SpecFile file) {
        StringBuilder b = new StringBuilder();
        if (file.version() != null) b.append("castnet ").append(file.version().text()).append('\n');
        if (!file.packageName().isEmpty()) b.append("package ").append(file.packageName()).append(";\n");
        for (NetworkDecl n : file.networks()) {
            if (b.length() > 0) b.append('\n');
            b.append(print(n));
        }
        return b.toString();
    }

    public static String print(NetworkDecl network) {
        StringBuilder b = new StringBuilder();
        b.append("network ").append(network.name()).append(" {\n");
        statements(b, network.body(), 1);
        b.append("}\n");
        return b.toString();
    }

    public static String print(Statement s) {
        StringBuilder b = new StringBuilder();
        statement(b, s, 0);
        return b.toString();
    }

    private static void statements(StringBuilder b, List<Statement> body, int depth) {
        for (Statement s : body) statement(b, s, depth);
    }

    private static void statement(StringBuilder b, Statement s, int depth) {
        b.append("    ".repeat(depth)).append(s.keyword());
        if (s.index() >= 0) b.append('[').append(s.index()).append(']');
        for (Value v : s.args()) b.append(' ').append(print(v));
        boolean param = s.keyword().equals("param");
        for (Option o : s.options()) {
            b.append(' ').append(o.key()).append(param ? " = " : "=").append(print(o.value()));
        }
        if (s.block() != null) {
            b.append(" {\n");
            statements(b, s.block(), depth + 1);
            b.append("    ".repeat(depth)).append('}');
        }
        b.append('\n');
    }

    public static String print(Value v) {
        if (v instanceof Value.Num n) return n.text();
        if (v instanceof Value.Word w) return w.name();
        if (v instanceof Value.Dims d) return d.text();
        if (v instanceof Value.Range r) return r.lo().text() + ".." + r.hi().text();
        Value.Call c = (Value.Call) v;
        StringBuilder b = new StringBuilder(c.name()).append('(');
        String sep = "";
        for (Value a : c.args()) {
            b.append(sep).append(print(a));
            sep = ", ";
        }
        for (Option o : c.options()) {
            b.append(sep).append(o.key()).append('=').append(print(o.value()));
            sep = ", ";
        }
        return b.append(')').toString();
    }
    /**
     * A resolved network as {@code .nn} text with every default written out (the network named after its class,
     * structural params already bound, so structural search dimensions are left out). Validating the output
     * gives the same network again.
     */
    public static String print(Network n) {
        StringBuilder b = new StringBuilder();
        b.append("network ").append(n.className()).append(" {\n");
        line(b, 1, "precision " + n.precision().word());
        line(b, 1, "input " + n.input());
        for (Layer l : n.layers()) line(b, 1, l.print());
        line(b, 1, "loss " + n.loss().word());
        line(b, 1, optimizer(n.optimizer()));
        Schedule s = n.schedule();
        switch (s.kind()) {
            case STEP -> line(b, 1, "schedule step every=" + s.every() + " gamma=" + num(s.gamma()));
            case EXPONENTIAL -> line(b, 1, "schedule exponential gamma=" + num(s.gamma()));
            case COSINE -> line(b, 1, "schedule cosine");
            default -> { }
        }
        if (n.clipNorm() > 0) line(b, 1, "clip norm " + num(n.clipNorm()));
        if (n.clipValue() > 0) line(b, 1, "clip value " + num(n.clipValue()));
        if (n.l1() > 0) line(b, 1, "regularize l1 " + num(n.l1()));
        if (n.l2() > 0) line(b, 1, "regularize l2 " + num(n.l2()));
        train(b, n.train());
        if (n.search() != null) search(b, n.search());
        b.append("}\n");
        return b.toString();
    }

    private static void line(StringBuilder b, int depth, String text) {
        b.append("    ".repeat(depth)).append(text).append('\n');
    }

    private static String num(double v) {
        return Value.numberText(v);
    }

    private static String optimizer(Optimizer o) {
        StringBuilder b = new StringBuilder("optimizer ").append(o.kind().word()).append(" lr=").append(num(o.lr()));
        switch (o.kind()) {
            case MOMENTUM, NESTEROV -> b.append(" rho=").append(num(o.rho()));
            case ADAGRAD -> b.append(" eps=").append(num(o.eps()));
            case ADADELTA, RMSPROP -> b.append(" rho=").append(num(o.rho())).append(" eps=").append(num(o.eps()));
            case ADAM, ADAMW -> {
                b.append(" beta1=").append(num(o.beta1())).append(" beta2=").append(num(o.beta2()))
                        .append(" eps=").append(num(o.eps()));
                if (o.kind() == OptimizerKind.ADAMW) b.append(" wd=").append(num(o.wd()));
            }
            default -> { }
        }
        return b.toString();
    }

    private static void train(StringBuilder b, TrainConfig t) {
        line(b, 1, "train {");
        line(b, 2, "epochs " + t.epochs());
        line(b, 2, "batch " + t.batch());
        line(b, 2, "validation " + num(t.validation()));
        line(b, 2, "seed " + t.seed());
        line(b, 2, "shuffle " + t.shuffle());
        TrainConfig.Preprocess p = t.preprocess();
        line(b, 2, "preprocess " + switch (p.kind()) {
            case MINMAX -> "minmax(" + num(p.lo()) + ", " + num(p.hi()) + ")";
            case PCA_WHITEN -> "pca_whiten components=" + p.components() + " eps=" + num(p.eps());
            default -> p.kind().word();
        });
        TrainConfig.Augment a = t.augment();
        if (a != null) {
            StringBuilder s = new StringBuilder("augment");
            if (a.rotateDegrees() > 0) s.append(" rotate=").append(num(a.rotateDegrees()));
            if (a.flip() != FlipMode.NONE) s.append(" flip=").append(a.flip().word());
            if (a.zoomLo() > 0) s.append(" zoom=").append(num(a.zoomLo())).append("..").append(num(a.zoomHi()));
            if (a.shiftPixels() > 0) s.append(" shift=").append(a.shiftPixels());
            if (a.noiseStd() > 0) s.append(" noise=").append(num(a.noiseStd()));
            line(b, 2, s.toString());
        }
        TrainConfig.EarlyStop e = t.earlyStop();
        if (e != null) {
            line(b, 2, "early_stop monitor=" + e.monitor() + " patience=" + e.patience() + " min_delta="
                    + num(e.minDelta()) + (e.restoreBest() ? " restore_best" : ""));
        }
        if (t.prune() != null) line(b, 2, t.prune().print());
        line(b, 1, "}");
    }

    private static void search(StringBuilder b, Search s) {
        List<Search.Dimension> dims = s.dimensions().stream().filter(d -> !d.structural()).toList();
        if (dims.isEmpty()) return;
        StringBuilder head = new StringBuilder("search ").append(s.method().word());
        if (s.method() == SearchMethod.RANDOM) head.append(" trials=").append(s.trials());
        head.append(" seed=").append(s.seed()).append(" parallel=").append(s.parallel()).append(" {");
        line(b, 1, head.toString());
        for (Search.Dimension d : dims) {
            line(b, 2, d.name() + (d.index() >= 0 ? "[" + d.index() + "]" : "") + " " + d.kind().word() + "("
                    + String.join(", ", d.values()) + ")");
        }
        line(b, 1, "}");
    }
}
