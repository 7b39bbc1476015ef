package dev.castnet.runtime.compress;

import dev.castnet.runtime.InferenceNetwork;
import dev.castnet.runtime.Int8Network;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.checkpoint.Tensor;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.Preprocessing;
import dev.castnet.runtime.preprocess.Preprocessor;
import dev.castnet.runtime.prune.MagnitudePruning;
import dev.castnet.runtime.train.Evaluation;
import dev.castnet.runtime.train.Evaluator;
import dev.castnet.runtime.train.TrainOptions;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code castnet compress} (SPEC §6): magnitude pruning of a trained model, fine-tuning with the masks fixed, int8
 * post-training quantization, and the before/after measurements.
 *
 * <ol>
 *   <li>The checkpoint's model is loaded twice: the model before, kept for its measurements, and the one to
 *       compress.</li>
 *   <li>{@code --prune S}: the smallest {@code S} of the weights ({@link MagnitudePruning}) are masked to 0, then
 *       {@code --finetune E} epochs retrain the rest on the checkpoint's training data, with its spec's settings
 *       (batch, learning rate and schedule, preprocessing as fitted, augmentation, the same validation split), the
 *       masks fixed. Pruning without fine-tuning loses accuracy; 2 epochs are the default.</li>
 *   <li>{@code --quantize int8}: the float model's activation ranges are calibrated on {@code --calibration N}
 *       training samples (a seeded random choice from the training split, never the validation or test data), and
 *       the int8 class builds its model from them.</li>
 *   <li>The compressed checkpoint keeps only the model and its preprocessing; zeros cost a bit each on disk.</li>
 * </ol>
 */
public final class Compressor {
    /**
     * What to do: the options of {@code castnet compress}.
     *
     * @param sparsity the fraction of weights to prune ({@code --prune}), in [0, 1), or NaN for no pruning
     * @param scope whether each weight tensor is pruned to the sparsity or all of them together
     * @param finetuneEpochs the epochs of fine-tuning after pruning ({@code --finetune}), at least 0
     * @param int8 whether to quantize to int8 ({@code --quantize int8})
     * @param calibration the number of training samples int8 calibration runs on ({@code --calibration}), at least 1
     */
    public record Settings(double sparsity, MagnitudePruning.Scope scope, int finetuneEpochs, boolean int8,
            int calibration) {
        /**
         * Checks the settings.
         *
         * @param sparsity the fraction of weights to prune, in [0, 1), or NaN for no pruning
         * @param scope whether each weight tensor is pruned to the sparsity or all of them together
         * @param finetuneEpochs the epochs of fine-tuning after pruning, at least 0
         * @param int8 whether to quantize to int8
         * @param calibration the number of calibration samples, at least 1
         * @throws IllegalArgumentException for a value out of range, or when neither pruning nor quantization is asked
         *     for; the message names the option
         */
        public Settings {
            if (!Double.isNaN(sparsity) && !(sparsity >= 0 && sparsity < 1)) {
                throw new IllegalArgumentException("--prune must be a sparsity in [0, 1), got " + sparsity);
            }
            if (finetuneEpochs < 0) throw new IllegalArgumentException("--finetune must be >= 0, got " + finetuneEpochs);
            if (calibration < 1) throw new IllegalArgumentException("--calibration must be >= 1, got " + calibration);
            if (Double.isNaN(sparsity) && !int8) {
                throw new IllegalArgumentException("nothing to do: give --prune S and/or --quantize int8");
            }
        }

        /** {@return whether the settings prune} ({@code sparsity} is not NaN). */
        public boolean prunes() {
            return !Double.isNaN(sparsity);
        }
    }

    /** The default number of fine-tuning epochs after pruning. */
    public static final int DEFAULT_FINETUNE_EPOCHS = 2;
    /** The default number of calibration samples. */
    public static final int DEFAULT_CALIBRATION = 1000;
    /** The compressed checkpoint's file name in the output folder. */
    public static final String CHECKPOINT = "model.ckpt";
    /** The report's file name in the output folder. */
    public static final String REPORT = "compression.json";

    private final Supplier<TrainableNetwork> floatNetworks;
    private final Supplier<Int8Network> int8Networks;
    private final TrainOptions options;
    private final PrintStream log;

    /**
     * A compressor for one generated network.
     *
     * @param floatNetworks new instances of the checkpoint's generated float class
     * @param int8Networks new instances of its int8 class (used with {@code --quantize int8})
     * @param options the spec's training settings (fine-tuning uses them, its epochs aside)
     * @param log where progress lines are printed
     */
    public Compressor(Supplier<TrainableNetwork> floatNetworks, Supplier<Int8Network> int8Networks,
            TrainOptions options, PrintStream log) {
        this.floatNetworks = floatNetworks;
        this.int8Networks = int8Networks;
        this.options = options;
        this.log = log;
    }

    /**
     * Compresses the model of {@code source} into {@code out}: {@code out/model.ckpt} and
     * {@code out/compression.json}, the folder created if need be.
     *
     * @param source a training checkpoint of the float network, already read
     * @param sourceFile the file it was read from, whose size the report gives and which messages name
     * @param s what to do
     * @param train the data the model was trained on; it is split as in training, and fine-tuning and calibration use
     *     only its training part
     * @param eval the data accuracy is measured on, before and after
     * @param evalName what {@code eval} is, for the report: {@code test}, else {@code validation}
     * @param out the output folder
     * @return the before/after measurements, also written to {@code out/compression.json}
     * @throws IllegalArgumentException when {@code source} already holds an int8 model
     * @throws IOException when the output folder or its files cannot be written
     */
    public CompressionReport compress(Checkpoint source, Path sourceFile, Settings s, Dataset train, Dataset eval,
            String evalName, Path out) throws IOException {
        if (source.quantized()) {
            throw new IllegalArgumentException(sourceFile + " already holds an int8 model; compress the float"
                    + " checkpoint it was made from");
        }
        TrainableNetwork before = floatNetworks.get();
        Preprocessor pre = Preprocessing.restore(source.preprocessKind(), source.preprocessState());
        source.restoreInto(before);
        TrainableNetwork net = floatNetworks.get();
        source.restoreInto(net);
        long weights = MagnitudePruning.weights(net);
        long nonzeroBefore = MagnitudePruning.nonzero(before);
        Evaluation accuracyBefore = new Evaluator(before, pre, eval.features()).evaluate(eval);
        log.printf(Locale.ROOT, "%s before: %s accuracy %.2f%% on %d samples, %,d of %,d weights non-zero%n",
                net.networkName(), evalName, 100 * accuracyBefore.accuracy(), accuracyBefore.samples(), nonzeroBefore,
                weights);

        Map<String, String> what = new LinkedHashMap<>();
        Split split = options.validation() > 0 ? Split.stratified(train, options.validation(), options.seed()) : null;
        Dataset trainSplit = split != null ? split.train() : train;
        if (s.prunes()) {
            MagnitudePruning.prune(net, s.sparsity(), s.scope());
            what.put("sparsity", String.valueOf(s.sparsity()));
            what.put("scope", s.scope().name().toLowerCase(Locale.ROOT));
            what.put("finetune_epochs", String.valueOf(s.finetuneEpochs()));
            log.printf(Locale.ROOT, "pruned %.0f%% of the weights (%s scope): %,d of %,d non-zero%n", 100 * s.sparsity(),
                    s.scope().name().toLowerCase(Locale.ROOT), MagnitudePruning.nonzero(net), weights);
            if (s.finetuneEpochs() > 0) {
                TrainOptions fine = options.copy().epochs(s.finetuneEpochs()).prune(null).checkpoint(null);
                Trainer trainer = new Trainer(net, fine).usePreprocessor(pre);
                log.printf(Locale.ROOT, "fine-tuning %d epoch%s with the masks fixed%n", s.finetuneEpochs(),
                        s.finetuneEpochs() == 1 ? "" : "s");
                trainer.fit(train);
            }
        }

        Checkpoint compressed = new Checkpoint(source.networkName(), source.fingerprint(), source.doublePrecision());
        compressed.setCompressed(true);
        compressed.setPreprocessing(source.preprocessKind(), source.preprocessState());
        InferenceNetwork after;
        if (s.int8()) {
            Int8Network int8 = int8Networks.get();
            double[] ranges = new double[net.quantizationPoints().size()];
            int[] rows = sample(trainSplit.size(), s.calibration(), options.seed());
            Evaluator.observeRanges(net, pre, trainSplit, rows, ranges);
            compressed.parameters().putAll(int8.quantize(net.parameters(), ranges));
            what.put(Checkpoint.QUANTIZATION, "int8");
            what.put("calibration_samples", String.valueOf(rows.length));
            log.printf(Locale.ROOT, "quantized to int8, activation ranges calibrated on %d training samples%n",
                    rows.length);
            after = int8;
        } else {
            compressed.parameters().putAll(Checkpoint.readAll(net.parameters()));
            after = net;
        }
        compressed.compression().putAll(what);
        Files.createDirectories(out);
        Path file = out.resolve(CHECKPOINT);
        compressed.write(file);
        // measure what is on disk: the written checkpoint, read back
        Checkpoint written = Checkpoint.read(file);
        after.load(written);
        long nonzeroAfter = s.int8() ? nonzeroInt8Weights(written) : MagnitudePruning.nonzero(net);
        Evaluation accuracyAfter = new Evaluator(after, pre, eval.features()).evaluate(eval);
        double[] micros = PredictTiming.fastest(before, after, Evaluator.inputs(before, pre, eval,
                sample(eval.size(), Math.min(eval.size(), 1000), 1)));
        CompressionReport report = new CompressionReport(net.networkName(), evalName, accuracyAfter.samples(),
                weights, Files.size(sourceFile), Files.size(file), nonzeroBefore, nonzeroAfter,
                accuracyBefore.accuracy(), accuracyAfter.accuracy(), micros[0], micros[1], what);
        report.write(out.resolve(REPORT));
        return report;
    }

    /** Non-zero values of the int8 weight tensors. */
    private static long nonzeroInt8Weights(Checkpoint c) {
        long n = 0;
        for (Tensor t : c.parameters().values()) {
            if (t.type() == Tensor.Type.INT8) n += t.nonzero();
        }
        return n;
    }

    /** {@code k} distinct rows of {@code n}, a seeded random choice (all of them when k >= n), in order. */
    static int[] sample(int n, int k, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        if (k >= n) return all;
        Rng rng = new Rng(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] rows = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(rows);
        return rows;
    }
}
