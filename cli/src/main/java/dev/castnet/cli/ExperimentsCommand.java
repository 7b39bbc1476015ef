package dev.castnet.cli;

import dev.castnet.experiments.Experiment;
import dev.castnet.experiments.Experiments;
import dev.castnet.experiments.Lab;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code castnet experiments}: the textbook chapter's claims, each trained and measured on castnet's own generated
 * networks, written as a report with figures, the CSV data behind them and {@code results.json}.
 */
@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = "Run the chapter's experiments on castnet's generated networks: each states a claim, trains, "
                + "measures and says whether the claim held. Writes OUT/results.json, OUT/report.md and a PNG and a CSV "
                + "per figure.")
final class ExperimentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "run only these experiments (see --list)")
    List<String> only = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/experiments",
            description = "output folder (default: runs/experiments)")
    Path out;

    @Option(names = "--quick", description = "small sizes, seconds per experiment (as the test suite runs them)")
    boolean quick;

    @Option(names = "--list", description = "list the experiments and exit")
    boolean list;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            for (Experiment e : Experiments.all()) stdout.printf("%-16s %s (%s)%n", e.id(), e.title(), e.section());
            for (Map.Entry<String, String> p : Experiments.pending().entrySet()) {
                stdout.printf("%-16s not yet: %s%n", p.getKey(), p.getValue());
            }
            return 0;
        }
        List<Experiment> chosen;
        try {
            chosen = Experiments.select(only);
        } catch (IllegalArgumentException e) {
            throw new UserError("--only: " + e.getMessage(), 2);
        }
        Experiments.Run run = Experiments.run(chosen, out, quick ? Lab.Scale.QUICK : Lab.Scale.FULL, stdout);
        stdout.printf("%d of %d claims hold; wrote %s (report.md, results.json, figures and their data)%n",
                run.holding(), run.size(), out);
        if (only.isEmpty()) {
            for (Map.Entry<String, String> p : Experiments.pending().entrySet()) {
                stdout.printf("not run: %s (%s)%n", p.getKey(), p.getValue());
            }
        }
        stdout.flush();
        return 0;
    }
}
