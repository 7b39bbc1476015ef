package dev.castnet.cli;

import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.model.Cost;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code castnet check FILE.nn…}: validates and prints each layer's inferred shape and the memory figures. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate .nn specs; print every layer with its inferred shape, the parameter count and memory.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE.nn", description = "network spec files")
    List<Path> files;

    @Option(names = "--batch", paramLabel = "N",
            description = "batch size for the activation memory (default: the spec's train batch)")
    Integer batch;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batch != null && batch < 1) throw new UserError("--batch must be at least 1, got " + batch, 2);
        boolean ok = true;
        for (Path file : files) {
            SpecResult result = Specs.load(file, err);
            if (result == null) {
                ok = false;
                continue;
            }
            for (NetworkModel model : result.networks()) {
                for (Network n : model.variants()) print(out, n);
            }
        }
        out.flush();
        return ok ? 0 : 1;
    }

    private void print(PrintWriter out, Network n) {
        int b = batch != null ? batch : n.train().batch();
        out.printf("network %s%s  (%s, %s precision)%n", n.className(),
                n.bindings().isEmpty() ? "" : " " + n.bindings(), n.specFile(), n.precision().word());
        out.printf("  %-28s %s%n", "input", n.input());
        for (Layer layer : n.layers()) out.printf("  %-28s %s%n", describe(layer), layer.out());
        out.printf("  %-28s %s%n", "loss", n.loss().word());
        out.printf("  %-28s %s lr=%s%n", "optimizer", n.optimizer().kind().word(), n.optimizer().lr());
        Cost c = Cost.of(n, b);
        out.printf("  parameters        %,d (%s)%n", c.parameterCount(), bytes(c.parameterBytes()));
        out.printf("  activations       %s for batch %d%n", bytes(c.activationBytes()), b);
        out.printf("  optimizer state   %s%n", bytes(c.optimizerStateBytes()));
        out.printf("  total             %s%n", bytes(c.totalBytes()));
        out.printf("  fingerprint       %s%n%n", n.fingerprint());
    }

    static String describe(Layer layer) {
        if (layer instanceof Layer.Dense d) {
            return d.name() + " " + d.units() + " init=" + d.init().kind().word() + (d.bias() ? "" : " bias=false");
        } else if (layer instanceof Layer.Activation a) {
            return a.kind().word();
        } else if (layer instanceof Layer.BatchNorm bn) {
            return bn.name() + " stats=" + bn.stats().word();
        } else if (layer instanceof Layer.Dropout d) {
            return d.name() + " " + d.p();
        } else {
            return "softmax";
        }
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format("%.1f KiB", n / 1024.0);
        return String.format("%.2f MiB", n / (1024.0 * 1024));
    }
}
