package dev.castnet.cli;

import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Network;
import dev.castnet.processor.generator.CodeGenerator;
import java.util.Locale;

/**
 * Whether a network's buffers fit before they are allocated: a batch larger than the JVM's heap would end in an
 * OutOfMemoryError (after minutes of loading and compiling), and one larger than a Java array in a negative
 * array size. The figure is the one {@code castnet check --batch N} prints (the generator's plan, {@link
 * CodeGenerator#cost}) plus the trainer's batch buffers.
 */
final class Memory {
    /** The longest array HotSpot allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Memory() {}

    /** Refuses when {@code instances} networks {@code n} for batches of {@code batch} would not fit. */
    static void check(Network n, int batch, int instances, int features, String command) {
        long width = Math.max(features, n.input().size());
        for (Layer l : n.layers()) width = Math.max(width, l.out().size());
        if (batch * width > MAX_ARRAY) {
            throw new UserError(String.format(Locale.ROOT, "batch %d of network %s needs buffers of %d x %d = %d values, "
                    + "more than the %d a Java array holds; use a batch of at most %d", batch, n.className(), batch,
                    width, batch * width, MAX_ARRAY, MAX_ARRAY / width), 2);
        }
        long element = n.precision() == dev.castnet.dsl.model.Precision.DOUBLE ? 8 : 4;
        long network = CodeGenerator.cost(n, batch).totalBytes();
        // the trainer's batch: rows (and their augmented copy), the network's precision, labels, targets, outputs
        long rows = Math.max(features, n.input().size());
        long buffers = batch * (8 * rows + element * (n.input().size() + 3L * n.output().size()) + 4);
        long need = instances * (network + buffers);
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory();
        long used = rt.totalMemory() - rt.freeMemory();
        if (need <= max - used) return;
        System.gc(); // what is in use may be garbage of the data's loading
        used = rt.totalMemory() - rt.freeMemory();
        if (need <= max - used) return;
        throw new UserError(String.format(Locale.ROOT, "%s needs %s of memory for batch %d (%s for the network, as "
                + "`castnet check --batch %d` prints it, and %s of batch buffers%s), but the JVM may use at most %s and %s"
                + " of it is taken by the data; give it more heap with -Xmx: JAVA_OPTS=-Xmx%dg ./castnet %s ... (or java "
                + "-Xmx%dg ...), or lower the batch or the layer sizes", n.className(), bytes(need), batch, bytes(network),
                batch, bytes(buffers), instances > 1 ? ", times " + instances + " trials at once" : "", bytes(max),
                bytes(used), suggestedGiB(need + used), command, suggestedGiB(need + used)));
    }

    /** The message for an OutOfMemoryError met anyway (the estimate is not every byte). */
    static UserError outOfMemory(Network n, int batch, String command) {
        long max = Runtime.getRuntime().maxMemory();
        long need = CodeGenerator.cost(n, batch).totalBytes();
        return new UserError(String.format(Locale.ROOT, "%s ran out of memory for batch %d: it needs about %s, the JVM "
                + "may use at most %s; give it more heap with -Xmx: JAVA_OPTS=-Xmx%dg ./castnet %s ... (or java "
                + "-Xmx%dg ...), or lower the batch or the layer sizes", n.className(), batch, bytes(need), bytes(max),
                suggestedGiB(2 * need), command, suggestedGiB(2 * need)));
    }

    private static long suggestedGiB(long bytes) {
        return Math.max(1, (long) Math.ceil(bytes * 1.25 / (1L << 30)));
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1L << 20) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 1L << 30) return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }
}
