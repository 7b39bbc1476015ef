package dev.castnet.cli;

import dev.castnet.dsl.Text;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.runtime.Int8Network;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.data.DataSets;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.preprocess.Preprocessing;
import dev.castnet.runtime.train.Evaluation;
import dev.castnet.runtime.train.Evaluator;
import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.Trainer;
import java.io.PrintWriter;
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
 * {@code castnet eval CHECKPOINT --data …}: loads a checkpoint into its network (found by fingerprint in the
 * spec copied next to it by {@code train}, or {@code --spec}) and prints loss and accuracy in inference mode.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a checkpoint: loss and accuracy (MSE, MAE and R² for real-valued targets) in inference mode, with the preprocessing saved in it. "
                + "Uses the test split where the data has one (fashion-mnist, IDX folders, image folders with train/ and test/), else every sample.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "a model.ckpt written by castnet train or castnet compress")
    Path checkpoint;

    @Option(names = "--spec", paramLabel = "FILE.nn", description = "the network's spec (default: network.nn next to the checkpoint)")
    Path specFile;

    @Mixin
    DataOption data;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256", description = "evaluation batch size (default 256)")
    int batch;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (batch < 1) throw new UserError("--batch must be at least 1, got " + batch, 2);
        CheckpointModel found = CheckpointModel.find(checkpoint, specFile, "eval", spec.commandLine().getErr());
        if (found == null) return 1;
        Checkpoint c = found.checkpoint();
        NetworkModel model = found.model();
        Network variant = found.variant();
        DataSets.Loaded loaded = data.load(variant, stdout);
        Dataset eval = Options.withInputShape(loaded.test() != null ? loaded.test() : loaded.train(), variant.input());
        TrainCommand.checkInput(variant, eval);
        int b = Math.min(batch, eval.size()); // a larger batch would only allocate rows that are never filled
        Memory.check(variant, b, 1, eval.features(), "eval");

        Evaluation e;
        try {
            ClassLoader loader = NetworkCompiler.compile(model);
            if (c.quantized()) {
                // a compressed checkpoint of int8 weights runs in the generated int8 class (SPEC §6)
                Int8Network net = NetworkCompiler.instantiateInt8(loader, variant, b);
                net.load(c);
                e = new Evaluator(net, Preprocessing.restore(c.preprocessKind(), c.preprocessState()),
                        eval.features()).evaluate(eval);
            } else {
                TrainableNetwork net = NetworkCompiler.instantiate(loader, variant, b, 0);
                Trainer trainer = new Trainer(net, Options.from(variant).batch(b).progress(Progress.Mode.NONE));
                trainer.loadModel(c);
                e = trainer.evaluate(eval);
            }
        } catch (OutOfMemoryError oom) {
            throw Memory.outOfMemory(variant, b, "eval");
        }
        stdout.printf(Locale.ROOT, "%s on %s (%d samples): loss %.4f, %s%n", variant.className(),
                Text.printable(eval.name()), e.samples(), e.loss(), e.regression()
                        ? String.format(Locale.ROOT, "MSE %.4g, MAE %.4g, R² %.4f", e.mse(), e.mae(), e.r2())
                        : String.format(Locale.ROOT, "accuracy %.2f%%", 100 * e.accuracy()));
        stdout.flush();
        return 0;
    }
}
