package dev.castnet.runtime.compress;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code castnet compress} measured, before and after: the checkpoint files' bytes, the weights that are not
 * zero (every weight and recurrent weight), test accuracy (or validation accuracy where the data has no test
 * split), and the microseconds of one warmed-up one-sample {@code predict} (the fastest of rounds run alternately on
 * both models). Written as {@code compression.json}, printed as a table.
 *
 * @param network the network's name in the spec
 * @param evaluatedOn the split accuracy was measured on: {@code test}, or {@code validation} where there is no test
 *     split
 * @param evaluatedSamples the number of samples accuracy was measured on
 * @param weights the number of weights that pruning works on (weights and recurrent weights, not biases, γ or β)
 * @param bytesBefore the size of the source checkpoint file, in bytes
 * @param bytesAfter the size of the compressed checkpoint file, in bytes
 * @param nonzeroBefore the weights that are not 0 in the source model
 * @param nonzeroAfter the weights that are not 0 in the compressed model (int8 values for an int8 model)
 * @param accuracyBefore the source model's accuracy, a fraction in [0, 1]; NaN where it does not apply
 *     (real-valued targets)
 * @param accuracyAfter the compressed model's accuracy, as {@code accuracyBefore}
 * @param predictUsBefore the source model's one-sample {@code predict} time, in microseconds
 * @param predictUsAfter the compressed model's one-sample {@code predict} time, in microseconds
 * @param compression what compression did, as the compressed checkpoint records it ({@code sparsity},
 *     {@code scope}, {@code finetune_epochs}, {@code quantization}, {@code calibration_samples})
 */
public record CompressionReport(String network, String evaluatedOn, int evaluatedSamples, long weights,
        long bytesBefore, long bytesAfter, long nonzeroBefore, long nonzeroAfter, double accuracyBefore,
        double accuracyAfter, double predictUsBefore, double predictUsAfter, Map<String, String> compression) {

    /** {@return the fields of {@code compression.json}, in order}; a NaN or infinite figure is null. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", network);
        m.put("bytes_before", bytesBefore);
        m.put("bytes_after", bytesAfter);
        m.put("nonzero_before", nonzeroBefore);
        m.put("nonzero_after", nonzeroAfter);
        m.put("accuracy_before", finite(accuracyBefore));
        m.put("accuracy_after", finite(accuracyAfter));
        m.put("predict_us_before", finite(predictUsBefore));
        m.put("predict_us_after", finite(predictUsAfter));
        m.put("weights", weights);
        m.put("evaluated_on", evaluatedOn);
        m.put("evaluated_samples", evaluatedSamples);
        m.put("compression", compression);
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? (Object) v : null;
    }

    /** {@return {@code compression.json}'s text}: {@link #toMap()} as indented JSON, ending in a newline. */
    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toMap()) + "\n";
    }

    /**
     * Writes {@link #toJson()} to a file in UTF-8, replacing it if it exists.
     *
     * @param file the file to write, normally {@code compression.json} in the output folder
     * @throws IOException when the file cannot be written
     */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /**
     * {@return the before/after table {@code castnet compress} prints}: checkpoint bytes, non-zero weights, accuracy
     * and one-sample {@code predict} time, one line each with the ratio or the difference.
     */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-26s %14s %14s %9s%n", "", "before", "after", "after/before"));
        row(b, "checkpoint bytes", String.format(Locale.ROOT, "%,d", bytesBefore),
                String.format(Locale.ROOT, "%,d", bytesAfter), percent((double) bytesAfter / bytesBefore));
        row(b, "non-zero weights", String.format(Locale.ROOT, "%,d", nonzeroBefore),
                String.format(Locale.ROOT, "%,d", nonzeroAfter), percent((double) nonzeroAfter / nonzeroBefore));
        row(b, "accuracy (" + evaluatedOn + ")", String.format(Locale.ROOT, "%.2f%%", 100 * accuracyBefore),
                String.format(Locale.ROOT, "%.2f%%", 100 * accuracyAfter),
                String.format(Locale.ROOT, "%+.2f pt", 100 * (accuracyAfter - accuracyBefore)));
        row(b, "predict, one sample (µs)", String.format(Locale.ROOT, "%.1f", predictUsBefore),
                String.format(Locale.ROOT, "%.1f", predictUsAfter), String.format(Locale.ROOT, "%.2fx",
                        predictUsAfter / predictUsBefore));
        return b.toString();
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }

    private static void row(StringBuilder b, String name, String before, String after, String ratio) {
        b.append(String.format(Locale.ROOT, "%-26s %14s %14s %9s%n", name, before, after, ratio));
    }
}
