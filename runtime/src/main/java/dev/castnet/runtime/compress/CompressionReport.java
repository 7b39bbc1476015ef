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
 */
public record CompressionReport(String network, String evaluatedOn, int evaluatedSamples, long weights,
        long bytesBefore, long bytesAfter, long nonzeroBefore, long nonzeroAfter, double accuracyBefore,
        double accuracyAfter, double predictUsBefore, double predictUsAfter, Map<String, String> compression) {

    /** The fields of {@code compression.json}, in order. */
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

    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toMap()) + "\n";
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** The before/after table {@code castnet compress} prints. */
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
