package dev.castnet.cli;

import dev.castnet.dsl.ShapeReport;
import dev.castnet.processor.generator.CodeGenerator;
import dev.castnet.dsl.SpecResult;
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
        description = "Validate .nn specs; print every layer with its inferred shape, the parameter count and memory. "
                + "Exits 1 when a file has errors (all of them are printed as FILE:LINE:COL: message).")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE.nn", description = "network spec files")
    List<Path> files;

    @Option(names = "--batch", paramLabel = "N",
            description = "batch size for the activation memory (default: each network's train batch)")
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
                for (Network n : model.variants()) {
                    int b = batch != null ? batch : n.train().batch();
                    out.println(ShapeReport.describe(n, b, CodeGenerator.cost(n, b)));
                }
            }
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
