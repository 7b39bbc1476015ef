package dev.castnet.dsl;

import dev.castnet.dsl.model.Cost;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The text {@code castnet check} prints: per network, each layer with its inferred shapes and parameter count, and
 * what the network costs. The memory figures come from the code generator's plan (the buffers the generated class
 * really allocates), so the caller passes them in.
 */
public final class ShapeReport {
    private ShapeReport() {}

    /** How a caller computes a network's cost for batches of a given size. */
    @FunctionalInterface
    public interface Costing {
        Cost of(Network network, int batch);
    }

    /** Every variant of every valid network of {@code result}, for batches of {@code batch} samples. */
    public static String describe(SpecResult result, int batch, Costing costing) {
        StringBuilder b = new StringBuilder();
        for (NetworkModel m : result.networks()) {
            for (Network n : m.variants()) {
                if (b.length() > 0) b.append('\n');
                b.append(describe(n, batch, costing.of(n, batch)));
            }
        }
        return b.toString();
    }

    public static String describe(Network n, int batch, Cost c) {
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
        row(b, "input", n.input().toString(), "", "");
        for (Layer l : n.layers()) {
            long params = l.parameterCount();
            row(b, l.name(), l.in() + " -> " + l.out(), params > 0 ? Long.toString(params) : "", l.print());
        }
        b.append(String.format(Locale.ROOT, "  parameters: %d%n", c.parameterCount()));
        b.append(String.format(Locale.ROOT, "  memory for batch %d: parameters %s, activations %s, optimizer %s, "
                + "total %s%n", batch, bytes(c.parameterBytes()), bytes(c.activationBytes()),
                bytes(c.optimizerStateBytes()), bytes(c.totalBytes())));
        b.append("  loss ").append(n.loss().word()).append(", optimizer ").append(n.optimizer().kind().word())
                .append('\n');
        return b.toString();
    }

    /** Trainable scalars of the network, summed over its layers. */
    public static long parameterCount(Network n) {
        return n.layers().stream().mapToLong(Layer::parameterCount).sum();
    }

    /** One line per layer: name, shapes, parameters, then the statement with every option (the widest part). */
    private static void row(StringBuilder b, String name, String shape, String params, String detail) {
        b.append(String.format(Locale.ROOT, "  %-15s %-24s %10s  %s", name, shape, params, detail).stripTrailing())
                .append('\n');
    }

    /** Bytes in B, KiB or MiB with one decimal, plus the exact count. */
    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024L * 1024) return String.format(Locale.ROOT, "%.1f KiB (%d B)", n / 1024.0, n);
        return String.format(Locale.ROOT, "%.1f MiB (%d B)", n / (1024.0 * 1024), n);
    }
}
