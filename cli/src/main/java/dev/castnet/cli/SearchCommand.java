package dev.castnet.cli;

import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.Text;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.Search;
import dev.castnet.dsl.model.SearchMethod;
import dev.castnet.dsl.model.TrainConfig;
import dev.castnet.runtime.data.DataSets;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.search.Distribution;
import dev.castnet.runtime.search.SearchPlot;
import dev.castnet.runtime.search.SearchRunner;
import dev.castnet.runtime.search.SearchSpace;
import dev.castnet.runtime.search.TrialResult;
import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.RunLock;
import dev.castnet.runtime.train.TrainOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code castnet search FILE.nn}: runs the spec's {@code search} block. The model is compiled once; each trial
 * instantiates the generated class of its structural params, sets its live hyperparameters, trains on the
 * training split and is scored on the validation split. Every trial uses the spec's split and seeds, so trials
 * differ only by their hyperparameters and give the same figures however many run at once.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Run the spec's search block (grid: every combination; random: trials=N seeded draws); "
                + "each trial trains on the training split and is scored on the validation split. Prints the "
                + "trials sorted best first (by val_loss, or val_accuracy when early_stop monitors it) and writes "
                + "OUT/search.csv and OUT/search.png.")
final class SearchCommand implements Callable<Integer> {
    static final String SYNTAX = "search grid|random [trials=N] [seed=S] [parallel=K] { name distribution … }";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.nn", description = "network spec file with a search block")
    Path file;

    @Option(names = "--network", paramLabel = "NAME", description = "which network of the file (needed when it has several)")
    String network;

    @Mixin
    DataOption data;

    @Option(names = "--trials", paramLabel = "N", description = "overrides a random search's trials (a grid tries every combination)")
    Integer trials;

    @Option(names = "--seed", paramLabel = "S", description = "overrides the search's seed (the random draws; training keeps the train block's seed)")
    Long seed;

    @Option(names = "--parallel", paramLabel = "K", description = "trials run at once (default: the search's parallel, else 1)")
    Integer parallel;

    @Option(names = "--epochs", paramLabel = "N", description = "overrides the spec's epochs for every trial")
    Integer epochs;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/NETWORK)")
    Path out;

    @Option(names = "--spark", paramLabel = "MASTER", description = "run the trials as Apache Spark tasks: local[K] "
            + "(embedded, K at once), spark://HOST:PORT, or the master spark-submit was given (same table as without)")
    String spark;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (trials != null && trials < 1) throw new UserError("--trials must be at least 1, got " + trials, 2);
        if (parallel != null && parallel < 1) throw new UserError("--parallel must be at least 1, got " + parallel, 2);
        if (parallel != null && spark != null) {
            throw new UserError("--parallel and --spark: on Spark as many trials run at once as the cluster has task"
                    + " slots (local[K]: K); drop --parallel", 2);
        }
        ClusterSearch cluster = spark == null ? null : cluster();
        if (cluster != null) cluster.check(spark);
        if (epochs != null && epochs < 1) throw new UserError("--epochs must be at least 1, got " + epochs, 2);

        SpecResult result = Specs.load(file, stderr);
        if (result == null) return 1;
        NetworkModel model = Specs.pick(result, file, network);
        Path dir = out != null ? out : Path.of("runs", model.name());
        OutputFolder.check(dir, "--out");
        Network first = model.variants().get(0);
        Search search = first.search();
        if (search == null || search.dimensions().isEmpty()) {
            throw new UserError(file + ": network " + model.name() + " has no search block; add one, for example `"
                    + "search grid { lr choice(1e-3, 2e-3, 5e-3) }` (" + SYNTAX + ")");
        }
        SearchSpace space = new SearchSpace();
        for (Search.Dimension d : search.dimensions()) space.add(SearchJob.dimensionName(d), distribution(d));
        if (epochs != null && space.dimensions().containsKey("epochs")) {
            throw new UserError("--epochs: the search varies epochs; remove epochs from the search block or drop --epochs", 2);
        }
        List<Map<String, Object>> draws;
        if (search.method() == SearchMethod.GRID) {
            draws = space.grid();
            if (trials != null) {
                stderr.println("castnet search: warning: --trials is ignored by a grid search, which tries all "
                        + draws.size() + " combinations");
                stderr.flush();
            }
        } else {
            draws = space.random(trials != null ? trials : search.trials(), seed != null ? seed : search.seed());
        }
        int k = parallel != null ? parallel : search.parallel();

        TrainConfig cfg = first.train();
        if (!(cfg.validation() > 0)) {
            throw new UserError(first.specFile() + ": a search scores each trial on the validation split, but network "
                    + model.name() + " holds out none; add `validation 0.2` to its train block");
        }
        TrainOptions base = Options.from(first).progress(Progress.Mode.NONE);
        if (epochs != null) base.epochs(epochs);
        String monitor = cfg.earlyStop() != null ? cfg.earlyStop().monitor() : "val_loss";

        DataSets.Loaded loaded = data.load(first, stdout);
        Dataset all = Options.withInputShape(loaded.train(), first.input());
        TrainCommand.checkInput(first, all);
        // one split for every trial, from the train block's seed, as castnet train makes it
        Split split = Split.stratified(all, cfg.validation(), cfg.seed());

        // a batch larger than the training split is one batch of all of it, as in castnet train
        int samples = split.train().size();
        if (base.batch() > samples) {
            stderr.printf(Locale.ROOT, "castnet search: note: batch %d is larger than the %d training samples; using %d%n",
                    base.batch(), samples, samples);
            base.batch(samples);
        }
        int maxBatch = base.batch();
        boolean capped = false;
        for (Map<String, Object> t : draws) {
            if (t.get("batch") instanceof Number b) {
                double want = Math.ceil(b.doubleValue());
                if (want > samples) {
                    t.put("batch", (long) samples);
                    capped = true;
                }
                maxBatch = Math.max(maxBatch, (int) Math.min(want, samples));
            }
        }
        if (capped) {
            stderr.printf(Locale.ROOT, "castnet search: note: trials with a batch larger than the %d training samples "
                    + "use %d%n", samples, samples);
        }
        stderr.flush();
        int here = spark == null ? Math.min(k, draws.size()) : localThreads(spark); // trials at once in this JVM
        for (Network v : model.variants()) Memory.check(v, maxBatch, here, all.features(), "search");

        boolean created = OutputFolder.create(dir, "--out");
        RunLock lock;
        try {
            lock = RunLock.acquire(dir, "search");
        } catch (RunLock.HeldException e) {
            if (created) OutputFolder.removeIfEmpty(dir);
            throw new UserError(e.getMessage() + " with --out DIR", 1);
        }
        try {
            return run(model, draws, split, base, cluster, space, k, maxBatch, dir, all, search, monitor, stdout);
        } finally {
            lock.close();
        }
    }

    private Integer run(NetworkModel model, List<Map<String, Object>> draws, Split split, TrainOptions base,
            ClusterSearch cluster, SearchSpace space, int k, int maxBatch, Path dir, Dataset all, Search search,
            String monitor, PrintWriter stdout) throws IOException, InterruptedException {
        // the trial function, made the same way here and on Spark's executors
        SearchJob job = new SearchJob(file.toString(), Files.readString(file), model.name(), base.epochs(), base.batch(),
                maxBatch, NetworkCompiler.compileClasses(model));

        String where = cluster != null ? "on Spark " + spark : Math.min(k, draws.size()) + " at once";
        stdout.printf(Locale.ROOT, "searching %s (%s, %d trials, %s) on %s: %d training, %d validation samples, "
                        + "%d epochs, ranked by %s%n", model.name(), search.method().word(), draws.size(), where,
                Text.printable(all.name()), split.train().size(), split.validation().size(), base.epochs(), monitor);
        stdout.flush();
        int[] finished = {0};
        int total = draws.size();
        Consumer<TrialResult> progress = r -> {
            stdout.printf(Locale.ROOT, "[%d/%d] trial %d %s: %s%n", ++finished[0], total, r.trial(),
                    describe(r.parameters()), r.failed() ? "failed: " + Text.printable(String.valueOf(r.error()))
                            : String.format(Locale.ROOT, "val_loss %.4f, %s, %d epochs, %.1f s",
                                    r.valLoss(), figures(r), r.epochsRun(), r.seconds()));
            stdout.flush();
        };

        List<TrialResult> results = cluster != null
                ? cluster.run(spark, job, draws, split.train(), split.validation(), progress)
                : job.runner().onTrialEnd(progress).run(draws, split.train(), split.validation(), k);
        List<TrialResult> ranked = SearchRunner.sort(results, monitor);
        printTable(stdout, ranked, space.dimensions().keySet());
        SearchRunner.writeCsv(ranked, dir.resolve("search.csv"));
        SearchPlot.write(ranked, dir.resolve("search.png"));

        TrialResult best = ranked.get(0);
        if (best.failed()) {
            throw new UserError("every trial failed (see " + dir.resolve("search.csv") + "); the first error: "
                    + best.error());
        }
        stdout.printf(Locale.ROOT, "best: trial %d %s (val_loss %.4f, %s)%n", best.trial(),
                describe(best.parameters()), best.valLoss(), figures(best));
        stdout.printf("wrote %s (search.csv, search.png)%n", Text.printable(dir.toString()));
        stdout.flush();
        return 0;
    }

    /** The runtime distribution of a searched name; structural values stay words so they match the bindings. */
    private static Distribution distribution(Search.Dimension d) {
        List<String> v = d.values();
        return switch (d.kind()) {
            case CHOICE -> new Distribution.Choice(d.structural() ? List.<Object>copyOf(v)
                    : v.stream().map(SearchCommand::number).toList());
            case UNIFORM -> new Distribution.Uniform(Double.parseDouble(v.get(0)), Double.parseDouble(v.get(1)));
            case LOGUNIFORM -> new Distribution.LogUniform(Double.parseDouble(v.get(0)), Double.parseDouble(v.get(1)));
            case RANGE -> {
                if (!d.structural()) {
                    yield new Distribution.Range(Double.parseDouble(v.get(0)), Double.parseDouble(v.get(1)),
                            Double.parseDouble(v.get(2)));
                }
                // the values written exactly as the validator names the variants' bindings
                List<Object> words = new ArrayList<>();
                BigDecimal hi = new BigDecimal(v.get(1)), step = new BigDecimal(v.get(2));
                for (BigDecimal x = new BigDecimal(v.get(0)); x.compareTo(hi) <= 0; x = x.add(step)) {
                    words.add(x.stripTrailingZeros().toPlainString());
                }
                yield new Distribution.Choice(words);
            }
        };
    }

    /** Whole numbers as Long (batch, epochs), others as Double. */
    private static Object number(String text) {
        if (text.matches("-?\\d+")) return Long.parseLong(text);
        return Double.parseDouble(text);
    }

    /** castnet-spark's implementation, when it is on the class path. */
    private static ClusterSearch cluster() {
        return ServiceLoader.load(ClusterSearch.class).findFirst().orElseThrow(() -> new UserError(
                "--spark needs castnet-spark on the class path: run through ./castnet (it builds castnet-spark the"
                        + " first time --spark is used) or spark-submit castnet-spark's jar (docs/search-on-spark.md)"));
    }

    /** How many trials a Spark master runs in this JVM at once: K for local[K]; elsewhere executors run them (one must fit). */
    static int localThreads(String master) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]").matcher(master);
        if (!m.matches()) return 1;
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }

    private static String describe(Map<String, Object> params) {
        StringJoiner j = new StringJoiner(" ");
        for (Map.Entry<String, Object> e : params.entrySet()) j.add(e.getKey() + "=" + SearchRunner.value(e.getValue()));
        return j.toString();
    }

    /** "val_accuracy 97.21%", or for real-valued targets "val_mae 0.231, val_r2 0.874". */
    private static String figures(TrialResult r) {
        if (r.regression()) return String.format(Locale.ROOT, "val_mae %.4g, val_r2 %.4f", r.valMae(), r.valR2());
        return "val_accuracy " + percent(r.valAccuracy());
    }

    private static String percent(double accuracy) {
        return Double.isNaN(accuracy) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * accuracy);
    }

    /** The ranked trials as aligned columns: rank, trial, each hyperparameter, the figures. */
    private static void printTable(PrintWriter out, List<TrialResult> ranked, Set<String> names) {
        List<String> header = new ArrayList<>(List.of("rank", "trial"));
        header.addAll(names);
        boolean regression = ranked.stream().anyMatch(TrialResult::regression);
        header.addAll(regression ? List.of("val_loss", "val_mae", "val_r2", "epochs", "seconds")
                : List.of("val_loss", "val_accuracy", "epochs", "seconds"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        int rank = 1;
        for (TrialResult r : ranked) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(rank++), String.valueOf(r.trial())));
            for (String n : names) row.add(SearchRunner.value(r.parameters().get(n)));
            if (r.failed()) {
                row.addAll(List.of("failed", ""));
                if (regression) row.add("");
                row.addAll(List.of(String.valueOf(r.epochsRun()), String.format(Locale.ROOT, "%.1f", r.seconds())));
            } else {
                row.add(Double.isNaN(r.valLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", r.valLoss()));
                if (regression) {
                    row.add(String.format(Locale.ROOT, "%.4g", r.valMae()));
                    row.add(String.format(Locale.ROOT, "%.4f", r.valR2()));
                } else {
                    row.add(percent(r.valAccuracy()));
                }
                row.addAll(List.of(String.valueOf(r.epochsRun()), String.format(Locale.ROOT, "%.1f", r.seconds())));
            }
            rows.add(row);
        }
        int[] width = new int[header.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) width[c] = Math.max(width[c], row.get(c).length());
        }
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) sb.append("  ");
                // names and words to the left, figures to the right
                boolean left = c >= 2 && c < 2 + names.size() && !row.get(c).matches("-?[0-9.e-]+");
                sb.append(String.format(left ? "%-" + width[c] + "s" : "%" + width[c] + "s", row.get(c)));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }
}
