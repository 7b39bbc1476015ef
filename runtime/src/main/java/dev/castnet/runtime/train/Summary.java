package dev.castnet.runtime.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a finished run, written as {@code summary.json}: {@code network}, {@code epochs_run},
 * {@code train_loss} (last epoch), {@code val_loss} and {@code val_accuracy} (final model), {@code test_accuracy}
 * (only when a test split was evaluated), {@code seconds_per_epoch}, {@code samples_per_second} (training
 * steps only). Unknown figures (no validation data) are written as {@code null}.
 */
public record Summary(String network, int epochsRun, double trainLoss, double valLoss, double valAccuracy,
        Double testAccuracy, double secondsPerEpoch, double samplesPerSecond) {

    /** From a result and, when there is a test split, its evaluation (else null). */
    public static Summary of(String network, TrainResult r, Evaluation test) {
        return new Summary(network, r.epochsRun(), r.trainLoss(), r.validation().loss(), r.validation().accuracy(),
                test == null ? null : test.accuracy(), r.secondsPerEpoch(), r.samplesPerSecond());
    }

    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", network);
        m.put("epochs_run", epochsRun);
        m.put("train_loss", trainLoss);
        m.put("val_loss", valLoss);
        m.put("val_accuracy", valAccuracy);
        if (testAccuracy != null) m.put("test_accuracy", testAccuracy);
        m.put("seconds_per_epoch", secondsPerEpoch);
        m.put("samples_per_second", samplesPerSecond);
        return m;
    }

    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        Map<String, Object> fields = fields();
        int i = 0;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            sb.append("  ").append(quote(e.getKey())).append(": ").append(value(e.getValue()));
            sb.append(++i < fields.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    public void write(Path path) throws IOException {
        AtomicWrite.text(path, toJson());
    }

    private static String value(Object v) {
        if (v instanceof String s) return quote(s);
        if (v instanceof Integer n) return n.toString();
        double d = (Double) v;
        if (!Double.isFinite(d)) return "null"; // JSON has no NaN
        return String.format(Locale.ROOT, "%.10g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
