package dev.castnet.cli;

import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.Text;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.TrainConfig;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.DataSets;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.train.Evaluation;
import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.RunLock;
import dev.castnet.runtime.train.RunOutputs;
import dev.castnet.runtime.train.TrainOptions;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code castnet train FILE.nn}: compiles the spec's generated class in process, trains it with the spec's
 * {@code train { }} settings (overridable here), and writes the checkpoint, history, plots and summary.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Compile a .nn spec in process and train it; writes a copy of the spec as OUT/network.nn "
                + "before the first epoch, OUT/model.ckpt after each, and at the end OUT/history.csv, OUT/loss.png, "
                + "OUT/accuracy.png and OUT/summary.json. A folder holding another run is refused unless --resume or "
                + "--overwrite says what to do with it; OUT/.train.lock keeps two runs from writing one folder.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.nn", description = "network spec file")
    Path file;

    @Option(names = "--network", paramLabel = "NAME", description = "which network of the file (needed when it has several)")
    String network;

    @Mixin
    DataOption data;

    @Option(names = "--epochs", paramLabel = "N", description = "overrides the spec's epochs")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "overrides the spec's batch")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S", description = "overrides the spec's seed (data split, shuffling, initialization, dropout)")
    Long seed;

    @Option(names = "--lr", paramLabel = "X", description = "overrides the optimizer's learning rate")
    Double lr;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/NETWORK)")
    Path out;

    @Option(names = "--resume", description = "continue the run in OUT from its model.ckpt (starts afresh when OUT holds none)")
    boolean resume;

    @Option(names = "--overwrite", description = "replace the run OUT already holds (its model.ckpt, history, plots, "
            + "summary and spec are deleted first)")
    boolean overwrite;

    @Option(names = "--progress", paramLabel = "auto|bar|lines|none", defaultValue = "auto",
            description = "progress display: a bar on a terminal, one line per epoch otherwise (default auto)")
    String progress;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (resume && overwrite) {
            throw new UserError("--resume continues the run in the output folder, --overwrite replaces it: give one", 2);
        }
        SpecResult result = Specs.load(file, stderr);
        if (result == null) return 1;
        NetworkModel model = Specs.pick(result, file, network);
        Network variant = model.variants().get(0);
        TrainConfig cfg = variant.train();

        if (lr != null && !(lr > 0)) throw new UserError("--lr must be > 0, got " + lr, 2);
        int b = positive("--batch", batch != null ? batch : cfg.batch());
        long s = seed != null ? seed : cfg.seed();
        Progress.Mode mode = progressMode();
        TrainOptions options = Options.from(variant)
                .epochs(positive("--epochs", epochs != null ? epochs : cfg.epochs()))
                .seed(s)
                .progress(mode)
                .log(System.out);
        Path dir = out != null ? out : Path.of("runs", model.name());
        OutputFolder.check(dir, "--out");
        refuseToMix(dir); // before the data is loaded: the answer is known now

        DataSets.Loaded loaded = data.load(variant, stdout);
        Dataset train = Options.withInputShape(loaded.train(), variant.input());
        checkInput(variant, train);
        if (b > train.size()) {
            // as a PyTorch DataLoader or Keras's fit do: one batch of everything
            stderr.printf(Locale.ROOT, "castnet train: note: batch %d is larger than the %d samples of %s; using %d%n",
                    b, train.size(), Text.printable(train.name()), train.size());
            stderr.flush();
            b = train.size();
        }
        options.batch(b);
        Memory.check(variant, b, 1, train.features(), "train");

        boolean created = OutputFolder.create(dir, "--out");
        boolean wrote = false;
        try (RunLock lock = lock(dir)) {
            if (lock.stalePid() > 0) {
                stderr.println("castnet train: note: " + lock.file() + " was left by process " + lock.stalePid()
                        + ", which no longer runs; taking it over");
                stderr.flush();
            }
            refuseToMix(dir); // again under the lock: another run may have finished meanwhile
            Path checkpoint = dir.resolve(RunOutputs.CHECKPOINT);
            boolean resuming = resume && Files.exists(checkpoint);
            if (overwrite || (resume && !resuming)) {
                List<String> old = RunOutputs.present(dir);
                for (String f : old) Files.delete(dir.resolve(f));
                if (!old.isEmpty()) {
                    stdout.println(Text.printable((overwrite ? "replacing the run in " + dir + " (--overwrite): deleted "
                            : "nothing to resume in " + dir + " (no " + RunOutputs.CHECKPOINT + "); starting afresh, deleted ")
                            + String.join(", ", old)));
                }
            }
            options.checkpoint(checkpoint);

            ClassLoader loader = NetworkCompiler.compile(model);
            TrainableNetwork net;
            try {
                net = NetworkCompiler.instantiate(loader, variant, b, s);
            } catch (OutOfMemoryError e) {
                throw Memory.outOfMemory(variant, b, "train");
            }
            if (lr != null) net.setLearningRate(lr);
            Trainer trainer = new Trainer(net, options);
            if (resuming) {
                trainer.resumeFrom(checkpoint);
                if (trainer.finished()) {
                    stdout.println(Text.printable(checkpoint + " holds a finished run of " + variant.className() + " ("
                            + trainer.epochsDone() + " epochs): nothing left to train; ask for more with --epochs N"));
                    stdout.flush();
                    return 0;
                }
                stdout.println(Text.printable("resuming " + variant.className() + " from " + checkpoint + " after epoch "
                        + trainer.epochsDone()));
            }
            // the spec goes first, so that the checkpoint of a run killed at any epoch can be evaluated
            RunOutputs.writeSpec(dir, Files.readString(file));
            wrote = true;
            stdout.printf(Locale.ROOT, "training %s on %s: %d samples, %d features, %s%n", variant.className(),
                    Text.printable(train.name()), train.size(), train.features(), describeRun(options, net));
            stdout.flush();

            TrainResult r;
            Evaluation test;
            try {
                r = trainer.fit(train);
                test = loaded.test() == null ? null
                        : trainer.evaluate(Options.withInputShape(loaded.test(), variant.input()));
            } catch (OutOfMemoryError e) {
                throw Memory.outOfMemory(variant, b, "train");
            }
            if (mode == Progress.Mode.NONE) {
                for (String w : r.warnings()) stderr.println("castnet train: warning: " + Text.printable(w));
                stderr.flush();
            }
            RunOutputs.write(dir, trainer, r, test);

            boolean regression = !train.hasLabels();
            stdout.printf(Locale.ROOT, "%s: %d epochs%s, train loss %.4f, validation loss %.4f, %s%s%n",
                    variant.className(), r.epochsRun(), r.stoppedEarly() ? " (stopped early, best epoch " + r.bestEpoch() + ")" : "",
                    r.trainLoss(), r.validation().loss(), metrics("validation", r.validation()),
                    test == null ? "" : ", " + metrics("test", test));
            stdout.printf(Locale.ROOT, "%.2f s per epoch, %.0f samples/s; wrote %s (model.ckpt, history.csv, loss.png, "
                    + "%s, summary.json, network.nn)%n", r.secondsPerEpoch(), r.samplesPerSecond(),
                    Text.printable(dir.toString()), regression ? "mae.png, r2.png" : "accuracy.png");
            stdout.flush();
            return 0;
        } finally {
            if (created && !wrote) OutputFolder.removeIfEmpty(dir);
        }
    }

    /**
     * Refuses to train into a folder that holds another run's files unless {@code --resume} or {@code --overwrite}
     * says what to do with them: a new run would replace the model and leave the old spec, history and summary
     * beside it.
     */
    private void refuseToMix(Path dir) {
        if (overwrite || !Files.isDirectory(dir)) return;
        List<String> present = RunOutputs.present(dir);
        if (resume) {
            // a run killed before its first epoch left only its spec: it starts afresh
            if (present.contains(RunOutputs.CHECKPOINT) || present.stream().allMatch(RunOutputs.SPEC::equals)) return;
            throw new UserError("--resume: " + dir + " holds no " + RunOutputs.CHECKPOINT + " to continue from, only "
                    + String.join(", ", present) + "; start over with --overwrite, or choose another folder with --out DIR");
        }
        if (present.isEmpty()) return;
        boolean model = present.contains(RunOutputs.CHECKPOINT);
        throw new UserError(dir + " already holds " + (model ? "a run" : "files of a run") + " (" + String.join(", ", present)
                + "); " + (model ? "continue it with --resume, " : "") + "replace it with --overwrite, or choose another "
                + "folder with --out DIR", 1);
    }

    private static RunLock lock(Path dir) throws IOException {
        try {
            return RunLock.acquire(dir, "train");
        } catch (RunLock.HeldException e) {
            throw new UserError(e.getMessage() + " with --out DIR", 1);
        }
    }

    /** The classes the network tells apart: a CSV label outside them is an error at its line. */
    static int classes(Network n) {
        return Math.max(2, n.output().size());
    }

    /** "validation accuracy 98.89%", or for real-valued targets "validation MSE 0.0312, MAE 0.141, R² 0.874". */
    static String metrics(String split, Evaluation e) {
        if (e.regression()) {
            return String.format(Locale.ROOT, "%s MSE %.4g, MAE %.4g, R² %.4f", split, e.mse(), e.mae(), e.r2());
        }
        return String.format(Locale.ROOT, "%s accuracy %.2f%%", split, 100 * e.accuracy());
    }

    private static String describeRun(TrainOptions o, TrainableNetwork net) {
        return String.format(Locale.ROOT, "%d epochs, batch %d, lr %.3g, seed %d", o.epochs(), o.batch(),
                net.learningRate(), o.seed());
    }

    private static int positive(String option, int value) {
        if (value < 1) throw new UserError(option + " must be at least 1, got " + value, 2);
        return value;
    }

    private Progress.Mode progressMode() {
        try {
            return Progress.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--progress must be auto, bar, lines or none, got '" + progress + "'", 2);
        }
    }

    static void checkInput(Network variant, Dataset data) {
        int want = variant.input().size();
        if (data.features() != want) {
            throw new UserError(String.format(Locale.ROOT, "%s: network %s takes input %s (%d features) but the data "
                    + "%s has %d features per sample; pass data with %d features (--data digits|fashion-mnist|DIR|FILE.csv)",
                    variant.specFile(), variant.name(), variant.input(), want, data.name(), data.features(), want));
        }
    }
}
