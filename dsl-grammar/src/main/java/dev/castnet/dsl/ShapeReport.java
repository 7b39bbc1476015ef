package dev.castnet.dsl;

import dev.castnet.dsl.model.Cost;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The text {@code castnet check} prints: per network, each layer with its inferred shape, and the cost. */
public final class ShapeReport {
    private ShapeReport() {}

    /** Every variant of every valid network of {@code result}, for batches of {@code batch} samples. */
    public static String describe(SpecResult result, int batch) {
        StringBuilder b = new StringBuilder();
        for (NetworkModel m : result.networks()) {
            for (Network n : m.variants()) {
                if (b.length() > 0) b.append('\n');
                b.append(describe(n, batch));
            }
        }
        return b.toString();
    }

    public static String describe(Network n, int batch) {
        StringBuilder b = new StringBuilder();
        b.append("network ").append(n.className());
        if (!n.bindings().isEmpty()) {
            b.append(" (");
            String sep = "";
            for (Map.Entry<String, String> e : new TreeMap<>(n.bindings()).entrySet()) {
                b.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ", ";
            }
            b.append(')');
        }
        b.append("  ").append(n.precision().word()).append('\n');
        row(b, "input", "", n.input().toString(), "");
        for (Layer l : n.layers()) {
            String name;
            String detail;
            String params = "";
            if (l instanceof Layer.Dense d) {
                name = d.name();
                detail = "dense " + d.units() + " init=" + init(d) + (d.bias() ? "" : " bias=false");
                params = Long.toString((long) d.in().size() * d.units() + (d.bias() ? d.units() : 0));
            } else if (l instanceof Layer.BatchNorm bn) {
                name = bn.name();
                detail = String.format(Locale.ROOT, "batchnorm momentum=%s eps=%s stats=%s", num(bn.momentum()),
                        num(bn.eps()), bn.stats().word());
                params = Long.toString(2L * bn.out().size());
            } else if (l instanceof Layer.Dropout dr) {
                name = dr.name();
                detail = "dropout " + num(dr.p()) + " mode=" + dr.mode().word();
            } else if (l instanceof Layer.Activation a) {
                name = a.kind().word();
                detail = a.kind().word() + (a.alpha() != 0 ? " alpha=" + num(a.alpha()) : "");
            } else {
                name = "softmax";
                detail = "softmax";
            }
            row(b, name, detail, l.in() + " -> " + l.out(), params);
        }
        Cost c = Cost.of(n, batch);
        b.append(String.format(Locale.ROOT, "  parameters: %d%n", c.parameterCount()));
        b.append(String.format(Locale.ROOT, "  memory for batch %d: parameters %s, activations %s, optimizer %s, "
                + "total %s%n", batch, bytes(c.parameterBytes()), bytes(c.activationBytes()),
                bytes(c.optimizerStateBytes()), bytes(c.totalBytes())));
        b.append("  loss ").append(n.loss().word()).append(", optimizer ").append(n.optimizer().kind().word())
                .append('\n');
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String detail, String shape, String params) {
        b.append(String.format(Locale.ROOT, "  %-12s %-50s %-20s %s%n", name, detail, shape, params).stripTrailing())
                .append('\n');
    }

    private static String init(Layer.Dense d) {
        StringBuilder b = new StringBuilder(d.init().kind().word());
        if (!d.init().args().isEmpty()) {
            b.append('(');
            String[] names = switch (d.init().kind()) {
                case GAUSSIAN -> new String[] {"mean=", "std="};
                case XAVIER_UNIFORM, XAVIER_NORMAL -> new String[] {"gain="};
                default -> new String[] {"", ""};
            };
            for (int i = 0; i < d.init().args().size(); i++) {
                b.append(i > 0 ? ", " : "").append(i < names.length ? names[i] : "").append(num(d.init().arg(i)));
            }
            b.append(')');
        }
        return b.toString();
    }

    private static String num(double v) {
        return dev.castnet.dsl.ast.Value.numberText(v);
    }

    /** Bytes in B, KiB or MiB with one decimal, plus the exact count. */
    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024L * 1024) return String.format(Locale.ROOT, "%.1f KiB (%d B)", n / 1024.0, n);
        return String.format(Locale.ROOT, "%.1f MiB (%d B)", n / (1024.0 * 1024), n);
    }
}
