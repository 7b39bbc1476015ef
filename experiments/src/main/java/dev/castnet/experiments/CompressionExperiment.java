package dev.castnet.experiments;

import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.compress.CompressionReport;
import dev.castnet.runtime.compress.Compressor;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.prune.MagnitudePruning;
import dev.castnet.runtime.train.TrainOptions;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;

/**
 * Model compression: the generated {@code FashionCompressed} (compression.nn) trained on Fashion-MNIST, then pruned
 * by magnitude (global scope) at several sparsities through {@link Compressor}, as {@code castnet compress} does:
 * without fine-tuning, with one epoch of fine-tuning with the masks fixed, and that model quantized to int8 and run
 * in the generated {@code FashionCompressedInt8}.
 */
final class CompressionExperiment implements Experiment {
    static final double TARGET = 0.8;

    @Override
    public String id() {
        return "compression";
    }

    @Override
    public String section() {
        return "§7.3 model compression";
    }

    @Override
    public String title() {
        return "Pruning, fine-tuning and int8 quantization shrink a network without losing accuracy";
    }

    @Override
    public String claim() {
        return "Pruning 80 % of an MLP's weights by magnitude, fine-tuning the rest briefly with the masks fixed and"
                + " quantizing to int8 keeps the accuracy on held-out images within 1 point of the original while the model takes at"
                + " most 30 % of its float weights' bytes; pruning without fine-tuning loses more at high sparsity.";
    }

    @Override
    public Outcome run(Lab lab) throws IOException {
        Outcome.Builder m = new Outcome.Builder();
        Split split = Runs.disjoint(lab.fashion().train(), lab.size(20000, 3000), lab.size(5000, 1000), 42);
        Dataset train = split.train(), test = split.validation();
        TrainOptions options = Runs.quiet().epochs(lab.size(3, 3)).batch(64).seed(42).validation(0)
                .preprocess(PreprocessSpec.minmax(0, 1));
        Trainer trainer = new Trainer(new FashionCompressed(64, 42L), options);
        trainer.fit(train);
        Path work = Files.createTempDirectory("castnet-compression");
        try {
            Path ckpt = work.resolve("model.ckpt");
            trainer.checkpoint().write(ckpt);
            Checkpoint source = Checkpoint.read(ckpt);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            Compressor compressor = new Compressor(() -> new FashionCompressed(64, 42L),
                    () -> new FashionCompressedInt8(64), options, quiet);
            double[] sparsities = lab.quick() ? new double[] {0.8, 0.95} : new double[] {0.5, 0.7, 0.8, 0.9, 0.95};
            int n = sparsities.length;
            double[] pruned = new double[n], finetuned = new double[n], int8 = new double[n];
            long[] bytesFloat = new long[n], bytesInt8 = new long[n];
            // the reference: the trained model as a compressed float checkpoint (weights only, no optimizer state)
            CompressionReport dense = compressor.compress(source, ckpt, new Compressor.Settings(0,
                    MagnitudePruning.Scope.GLOBAL, 0, false, 1000), train, test, "held-out", work.resolve("dense"));
            double original = dense.accuracyBefore();
            long denseBytes = dense.bytesAfter();
            try (Lab.Table csv = lab.csv("sparsity", "sparsity", "accuracy_pruned", "accuracy_finetuned",
                    "accuracy_finetuned_int8", "bytes_finetuned", "bytes_finetuned_int8", "bytes_dense_float")) {
                csv.row(0.0, original, original, Double.NaN, denseBytes, Double.NaN, denseBytes);
                for (int i = 0; i < n; i++) {
                    double s = sparsities[i];
                    pruned[i] = compressor.compress(source, ckpt, new Compressor.Settings(s,
                            MagnitudePruning.Scope.GLOBAL, 0, false, 1000), train, test, "held-out",
                            work.resolve("p" + i)).accuracyAfter();
                    CompressionReport ft = compressor.compress(source, ckpt, new Compressor.Settings(s,
                            MagnitudePruning.Scope.GLOBAL, 1, false, 1000), train, test, "held-out",
                            work.resolve("f" + i));
                    CompressionReport q = compressor.compress(source, ckpt, new Compressor.Settings(s,
                            MagnitudePruning.Scope.GLOBAL, 1, true, 1000), train, test, "held-out",
                            work.resolve("q" + i));
                    finetuned[i] = ft.accuracyAfter();
                    int8[i] = q.accuracyAfter();
                    bytesFloat[i] = ft.bytesAfter();
                    bytesInt8[i] = q.bytesAfter();
                    csv.row(s, pruned[i], finetuned[i], int8[i], bytesFloat[i], bytesInt8[i], denseBytes);
                }
            }
            XYChart c = Charts.xy("Fashion MLP 784-256-128-10: held-out accuracy against sparsity (global magnitude"
                    + " pruning)", "sparsity (fraction of weights pruned)", "held-out accuracy");
            double[] x = new double[n + 1];
            double[][] ys = new double[3][n + 1];
            x[0] = 0;
            for (double[] y : ys) y[0] = original;
            for (int i = 0; i < n; i++) {
                x[i + 1] = sparsities[i];
                ys[0][i + 1] = pruned[i];
                ys[1][i + 1] = finetuned[i];
                ys[2][i + 1] = int8[i];
            }
            Charts.line(c, "pruned, no fine-tuning", x, ys[0], 0);
            Charts.line(c, "pruned + 1 epoch fine-tuning", x, ys[1], 1);
            Charts.line(c, "pruned + fine-tuning + int8", x, ys[2], 2);
            lab.figure(c, "accuracy");

            int at = java.util.Arrays.binarySearch(sparsities, TARGET);
            int last = n - 1;
            double bytesRatio = (double) bytesInt8[at] / denseBytes;
            m.put("accuracy_original", Runs.r4(original));
            m.put("accuracy_80_pruned", Runs.r4(pruned[at]));
            m.put("accuracy_80_finetuned", Runs.r4(finetuned[at]));
            m.put("accuracy_80_finetuned_int8", Runs.r4(int8[at]));
            m.put("bytes_dense_float", denseBytes);
            m.put("bytes_80_int8", bytesInt8[at]);
            m.put("bytes_ratio_80_int8", Runs.r4(bytesRatio));
            m.put("sparsity_highest", sparsities[last]);
            m.put("accuracy_highest_pruned", Runs.r4(pruned[last]));
            m.put("accuracy_highest_finetuned", Runs.r4(finetuned[last]));
            boolean holds = int8[at] >= original - 0.01 && bytesRatio <= 0.30 && pruned[last] < finetuned[last];
            String headline = String.format(Locale.ROOT, "80 %% pruned + fine-tuned + int8: accuracy %.4f against %.4f"
                    + " originally, %.1f %% of the float weights' bytes; at %.0f %% sparsity pruning alone %.4f, with"
                    + " fine-tuning %.4f", int8[at], original, 100 * bytesRatio, 100 * sparsities[last], pruned[last],
                    finetuned[last]);
            String discussion = String.format(Locale.ROOT, """
                    Magnitude pruning removes the weights with the smallest |w| (all layers ranked together). Up to \
                    moderate sparsity the network hardly notices; beyond it accuracy falls fast unless the remaining \
                    weights are trained on with the pruned ones held at zero (one epoch here), which recovers it. int8 \
                    quantization (per-output-channel weight scales, activation ranges calibrated on 1000 training \
                    samples, int32 accumulation) then changes accuracy by %.4f at 80 %% sparsity, and the checkpoint, \
                    which stores a bit per zero and a byte per remaining weight, takes %d bytes against %d for the \
                    dense float weights.""", int8[at] - finetuned[at], bytesInt8[at], denseBytes);
            return m.outcome(holds, headline, discussion);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
