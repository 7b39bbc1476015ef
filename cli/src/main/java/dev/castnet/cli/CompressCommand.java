package dev.castnet.cli;

import dev.castnet.dsl.Text;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.TrainConfig;
import dev.castnet.runtime.compress.CompressionReport;
import dev.castnet.runtime.compress.Compressor;
import dev.castnet.runtime.data.DataSets;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.prune.MagnitudePruning;
import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.RunOutputs;
import dev.castnet.runtime.train.TrainOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
 * {@code castnet compress CHECKPOINT [--prune S] [--finetune E] [--quantize int8] [--calibration N] [--data …]
 * [--out DIR]} (SPEC §6): prunes, fine-tunes with the masks fixed, quantizes, writes the compressed checkpoint,
 * {@code compression.json} and the spec beside them, and prints the before/after table.
 */
@Command(name = "compress", mixinStandardHelpOptions = true,
        description = "Compress a trained model: magnitude pruning (then fine-tuning with the masks fixed) and int8 "
                + "post-training quantization. Writes OUT/model.ckpt (the compressed checkpoint, which castnet eval "
                + "reads), OUT/compression.json and OUT/network.nn, and prints bytes on disk, non-zero weights, test "
                + "(else validation) accuracy and one-sample predict time, before and after.")
final class CompressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "a model.ckpt written by castnet train")
    Path checkpoint;

    @Option(names = "--spec", paramLabel = "FILE.nn", description = "the network's spec (default: network.nn next to the checkpoint)")
    Path specFile;

    @Mixin
    DataOption data;

    @Option(names = "--prune", paramLabel = "S", description = "prune the fraction S of the weights with the smallest magnitude, S in [0, 1)")
    Double prune;

    @Option(names = "--scope", paramLabel = "layer|global", description = "prune each weight tensor to S (layer) or "
            + "all weights together (global); default: the spec's prune scope, else layer")
    String scope;

    @Option(names = "--finetune", paramLabel = "E", description = "epochs of training after pruning, with the masks "
            + "fixed, on the checkpoint's training data and settings (default " + Compressor.DEFAULT_FINETUNE_EPOCHS + ")")
    Integer finetune;

    @Option(names = "--quantize", paramLabel = "int8", description = "int8 post-training quantization: weights per "
            + "output channel, activations per tensor, run by the generated int8 class")
    String quantize;

    @Option(names = "--calibration", paramLabel = "N", defaultValue = "" + Compressor.DEFAULT_CALIBRATION,
            description = "training samples the int8 activation ranges are calibrated on (default "
                    + Compressor.DEFAULT_CALIBRATION + ")")
    int calibration;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: compressed/ beside the checkpoint)")
    Path out;

    @Option(names = "--progress", paramLabel = "auto|bar|lines|none", defaultValue = "auto",
            description = "progress display while fine-tuning (default auto)")
    String progress;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        checkOptions();
        CheckpointModel found = CheckpointModel.find(checkpoint, specFile, "compress", spec.commandLine().getErr());
        if (found == null) return 1;
        Network variant = found.variant();
        Compressor.Settings settings = settings(variant.train().prune());
        if (found.checkpoint().quantized()) {
            throw new UserError(checkpoint + " already holds an int8 model; compress the float checkpoint it was made "
                    + "from (castnet train's model.ckpt)", 2);
        }
        Path dir = out != null ? out : checkpoint.toAbsolutePath().getParent().resolve("compressed");
        if (dir.toAbsolutePath().normalize().equals(checkpoint.toAbsolutePath().getParent().normalize())) {
            throw new UserError("--out " + dir + " is the checkpoint's own folder; the compressed " + RunOutputs.CHECKPOINT
                    + " would replace the model it is made from: choose another folder", 2);
        }
        OutputFolder.check(dir, "--out");

        TrainConfig cfg = variant.train();
        TrainOptions options = Options.from(variant).progress(progressMode()).log(System.out);
        DataSets.Loaded loaded = data.load(variant, stdout);
        Dataset train = Options.withInputShape(loaded.train(), variant.input());
        TrainCommand.checkInput(variant, train);
        Dataset eval;
        String evalName;
        if (loaded.test() != null) {
            eval = Options.withInputShape(loaded.test(), variant.input());
            evalName = "test";
        } else if (cfg.validation() > 0) {
            eval = Split.stratified(train, cfg.validation(), cfg.seed()).validation();
            evalName = "validation";
        } else {
            throw new UserError(Text.printable(train.name()) + " has no test split and the spec holds no validation "
                    + "data out (validation 0): there is nothing to measure accuracy on; pass data with a test split", 2);
        }
        int batch = Math.min(options.batch(), train.size());
        options.batch(batch);
        int maxBatch = Math.max(batch, Math.min(256, eval.size()));
        Memory.check(variant, maxBatch, 2, train.features(), "compress");

        OutputFolder.create(dir, "--out");
        ClassLoader loader = NetworkCompiler.compile(found.model());
        PrintStream log = System.out;
        Compressor compressor = new Compressor(() -> NetworkCompiler.instantiate(loader, variant, maxBatch, cfg.seed()),
                () -> NetworkCompiler.instantiateInt8(loader, variant, maxBatch), options, log);
        stdout.printf(Locale.ROOT, "compressing %s (%s) on %s%n", variant.className(), Text.printable(checkpoint.toString()),
                Text.printable(train.name()));
        stdout.flush();
        CompressionReport report = compressor.compress(found.checkpoint(), checkpoint, settings, train, eval, evalName,
                dir);
        RunOutputs.writeSpec(dir, Files.readString(found.specPath(), StandardCharsets.UTF_8));
        log.flush();
        stdout.print(report.table());
        stdout.printf(Locale.ROOT, "wrote %s (%s, %s, %s)%n", Text.printable(dir.toString()), Compressor.CHECKPOINT,
                Compressor.REPORT, RunOutputs.SPEC);
        stdout.flush();
        return 0;
    }

    /** Every option checked before any work. */
    private void checkOptions() {
        if (prune != null && !(prune >= 0 && prune < 1)) {
            throw new UserError("--prune must be a sparsity in [0, 1) (the fraction of weights set to 0), got " + prune, 2);
        }
        if (quantize != null && !quantize.equals("int8")) {
            throw new UserError("--quantize supports int8, got '" + quantize + "'", 2);
        }
        if (prune == null && quantize == null) {
            throw new UserError("nothing to do: give --prune S (e.g. --prune 0.8) and/or --quantize int8", 2);
        }
        if (finetune != null && finetune < 0) throw new UserError("--finetune must be >= 0, got " + finetune, 2);
        if (finetune != null && prune == null) {
            throw new UserError("--finetune retrains the weights pruning kept; give --prune S with it", 2);
        }
        if (calibration < 1) throw new UserError("--calibration must be at least 1, got " + calibration, 2);
        if (scope != null && !scope.equals("layer") && !scope.equals("global")) {
            throw new UserError("--scope must be layer or global, got '" + scope + "'", 2);
        }
    }

    /** The settings, the scope defaulting to the spec's {@code prune} statement's. */
    private Compressor.Settings settings(TrainConfig.Prune specPrune) {
        MagnitudePruning.Scope s = specPrune != null ? MagnitudePruning.Scope.valueOf(specPrune.scope().name())
                : MagnitudePruning.Scope.LAYER;
        if (scope != null) {
            try {
                s = MagnitudePruning.Scope.valueOf(scope.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("--scope must be layer or global, got '" + scope + "'", 2);
            }
        }
        return new Compressor.Settings(prune == null ? Double.NaN : prune, s,
                finetune != null ? finetune : Compressor.DEFAULT_FINETUNE_EPOCHS, quantize != null, calibration);
    }

    private Progress.Mode progressMode() {
        try {
            return Progress.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--progress must be auto, bar, lines or none, got '" + progress + "'", 2);
        }
    }
}
