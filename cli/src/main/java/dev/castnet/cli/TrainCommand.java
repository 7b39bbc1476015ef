package dev.castnet.cli;

import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.TrainConfig;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.DataSets;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.train.Evaluation;
import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.RunOutputs;
import dev.castnet.runtime.train.TrainOptions;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        description = "Compile a .nn spec in process and train it; writes OUT/model.ckpt, OUT/history.csv, "
                + "OUT/loss.png, OUT/accuracy.png, OUT/summary.json and a copy of the spec as OUT/network.nn.")
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

    @Option(names = "--resume", description = "continue from OUT/model.ckpt when it exists")
    boolean resume;

    @Option(names = "--progress", paramLabel = "auto|bar|lines|none", defaultValue = "auto",
            description = "progress display: a bar on a terminal, one line per epoch otherwise (default auto)")
    String progress;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        SpecResult result = Specs.load(file, spec.commandLine().getErr());
        if (result == null) return 1;
        NetworkModel model = Specs.pick(result, file, network);
        Network variant = model.variants().get(0);
        TrainConfig cfg = variant.train();

        if (lr != null && !(lr > 0)) throw new UserError("--lr must be > 0, got " + lr, 2);
        int b = positive("--batch", batch != null ? batch : cfg.batch());
        long s = seed != null ? seed : cfg.seed();
        TrainOptions options = Options.from(variant)
                .epochs(positive("--epochs", epochs != null ? epochs : cfg.epochs()))
                .batch(b)
                .seed(s)
                .progress(progressMode())
                .log(System.out);
        DataSets.Loaded loaded = data.load(variant, stdout);
        Dataset train = Options.withInputShape(loaded.train(), variant.input());
        checkInput(variant, train);

        Path dir = out != null ? out : Path.of("runs", model.name());
        Files.createDirectories(dir);
        Path checkpoint = dir.resolve(RunOutputs.CHECKPOINT);
        options.checkpoint(checkpoint);

        ClassLoader loader = NetworkCompiler.compile(model);
        TrainableNetwork net = NetworkCompiler.instantiate(loader, variant, b, s);
        if (lr != null) net.setLearningRate(lr);
        Trainer trainer = new Trainer(net, options);
        if (resume && Files.exists(checkpoint)) {
            trainer.resumeFrom(checkpoint);
            if (trainer.finished()) {
                stdout.println(checkpoint + " holds a finished run of " + variant.className() + " (" + trainer.epochsDone()
                        + " epochs): nothing left to train; ask for more with --epochs N");
                stdout.flush();
                return 0;
            }
            stdout.println("resuming " + variant.className() + " from " + checkpoint + " after epoch " + trainer.epochsDone());
        }
        stdout.printf(Locale.ROOT, "training %s on %s: %d samples, %d features, %s%n", variant.className(),
                train.name(), train.size(), train.features(), describeRun(options, net));
        stdout.flush();

        TrainResult r = trainer.fit(train);
        Evaluation test = loaded.test() == null ? null
                : trainer.evaluate(Options.withInputShape(loaded.test(), variant.input()));

        RunOutputs.write(dir, trainer, r, test);
        Files.writeString(dir.resolve("network.nn"), Files.readString(file));

        stdout.printf(Locale.ROOT, "%s: %d epochs%s, train loss %.4f, validation loss %.4f, validation accuracy %.2f%%%s%n",
                variant.className(), r.epochsRun(), r.stoppedEarly() ? " (stopped early, best epoch " + r.bestEpoch() + ")" : "",
                r.trainLoss(), r.validation().loss(), 100 * r.validation().accuracy(),
                test == null ? "" : String.format(Locale.ROOT, ", test accuracy %.2f%%", 100 * test.accuracy()));
        stdout.printf(Locale.ROOT, "%.2f s per epoch, %.0f samples/s; wrote %s (model.ckpt, history.csv, loss.png, "
                + "accuracy.png, summary.json, network.nn)%n", r.secondsPerEpoch(), r.samplesPerSecond(), dir);
        stdout.flush();
        return 0;
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
