package dev.castnet.bench;

import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.compress.CompressionReport;
import dev.castnet.runtime.compress.Compressor;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.FashionMnist;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.prune.MagnitudePruning;
import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.TrainOptions;
import dev.castnet.runtime.train.Trainer;
import java.awt.BasicStroke;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Accuracy against sparsity for the Fashion MLP ({@code FashionMlp}, 784-256-128-10, trained 3 epochs as PyTorch's
 * baseline is): for each sparsity, {@code castnet compress}'s steps through {@link Compressor} — magnitude pruning
 * (global scope) without fine-tuning, pruning then 2 epochs of fine-tuning, and that model quantized to int8 — and the
 * test accuracy of each. Writes {@code compression-sparsity.csv} and {@code compression-sparsity.png} into the folder
 * given (default {@code docs}).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * dev.castnet.bench.CompressionSweep [out-dir] [sparsities, comma-separated]}. Data from
 * /usr/share/datasets/fashion-mnist or $CASTNET_DATA. About two fine-tuning runs per sparsity.
 */
public final class CompressionSweep {
    private CompressionSweep() {}

    private static final double[] DEFAULT = {0, 0.5, 0.7, 0.8, 0.9, 0.95};

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        double[] sparsities = DEFAULT;
        if (args.length > 1) {
            String[] parts = args[1].split(",");
            sparsities = new double[parts.length];
            for (int i = 0; i < parts.length; i++) sparsities[i] = Double.parseDouble(parts[i]);
        }
        Files.createDirectories(out);
        FashionMnist.Data data = FashionMnist.load();
        Dataset train = data.train();
        Dataset test = data.test();
        // the spec's training: Adam 1e-3, batch 64, seed 42, 3 epochs, validation 0.1 (pixels already / 255)
        TrainOptions options = new TrainOptions().epochs(3).batch(64).seed(42).validation(0.1)
                .preprocess(PreprocessSpec.none()).progress(Progress.Mode.NONE);
        FashionMlp base = new FashionMlp(256, 42);
        Trainer trainer = new Trainer(base, options);
        trainer.fit(train);
        Path work = Files.createTempDirectory("castnet-sweep");
        Path ckpt = work.resolve("model.ckpt");
        trainer.checkpoint().write(ckpt);
        Checkpoint source = Checkpoint.read(ckpt);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Compressor compressor = new Compressor(() -> new FashionMlp(256, 42), () -> new FashionMlpInt8(256), options,
                quiet);

        List<double[]> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("sparsity,accuracy_pruned,accuracy_finetuned,accuracy_finetuned_int8,"
                + "bytes_finetuned,bytes_finetuned_int8,bytes_before\n");
        for (double s : sparsities) {
            CompressionReport noFinetune = s == 0 ? null : compressor.compress(source, ckpt,
                    new Compressor.Settings(s, MagnitudePruning.Scope.GLOBAL, 0, false, 1000), train, test, "test",
                    work.resolve("a"));
            CompressionReport finetuned = compressor.compress(source, ckpt,
                    new Compressor.Settings(s, MagnitudePruning.Scope.GLOBAL, s == 0 ? 0 : 2, false, 1000), train,
                    test, "test", work.resolve("b"));
            CompressionReport int8 = compressor.compress(source, ckpt,
                    new Compressor.Settings(s, MagnitudePruning.Scope.GLOBAL, s == 0 ? 0 : 2, true, 1000), train, test,
                    "test", work.resolve("c"));
            double pruned = noFinetune == null ? finetuned.accuracyBefore() : noFinetune.accuracyAfter();
            double[] row = {s, pruned, finetuned.accuracyAfter(), int8.accuracyAfter()};
            rows.add(row);
            csv.append(String.format(Locale.ROOT, "%.2f,%.4f,%.4f,%.4f,%d,%d,%d%n", s, pruned, finetuned.accuracyAfter(),
                    int8.accuracyAfter(), finetuned.bytesAfter(), int8.bytesAfter(), int8.bytesBefore()));
            System.out.printf(Locale.ROOT, "sparsity %.2f: pruned %.4f, fine-tuned %.4f, fine-tuned + int8 %.4f "
                    + "(%d bytes of %d)%n", s, pruned, finetuned.accuracyAfter(), int8.accuracyAfter(), int8.bytesAfter(),
                    int8.bytesBefore());
        }
        Files.writeString(out.resolve("compression-sparsity.csv"), csv, StandardCharsets.UTF_8);
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title("Fashion MLP 784-256-128-10 trained 3 epochs: test accuracy against sparsity")
                .xAxisTitle("sparsity (fraction of weights pruned, global scope)").yAxisTitle("test accuracy").build();
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        String[] names = {"pruned, no fine-tuning", "pruned + 2 epochs fine-tuning", "pruned + fine-tuning + int8"};
        // fine-tuned and int8 lie almost on each other: different markers and a dashed line keep both visible
        Marker[] markers = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE};
        BasicStroke[] lines = {SeriesLines.SOLID, SeriesLines.SOLID, SeriesLines.DASH_DASH};
        for (int k = 0; k < names.length; k++) {
            int col = k + 1;
            chart.addSeries(names[k], x, rows.stream().mapToDouble(r -> r[col]).toArray())
                    .setMarker(markers[k]).setLineStyle(lines[k]);
        }
        BitmapEncoder.saveBitmap(chart, out.resolve("compression-sparsity.png").toString(),
                BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote " + out.resolve("compression-sparsity.csv") + " and compression-sparsity.png");
    }
}
