package dev.castnet.runtime.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of a finished run, written as {@code summary.json}: {@code network}, {@code epochs_run},
 * {@code train_loss} (last epoch), {@code val_loss} and {@code val_accuracy} (final model), {@code test_accuracy}
 * (only when a test split was evaluated), {@code seconds_per_epoch}, {@code samples_per_second} (training
 * steps only). With real-valued targets {@code val_mse}, {@code val_mae} and {@code val_r2} (and {@code test_loss},
 * {@code test_mse}, {@code test_mae}, {@code test_r2}) replace the accuracies. Unknown figures (no validation data)
 * are written as {@code null}.
 *
 * @param network the network's name
 * @param epochsRun the epochs completed
 * @param trainLoss the last epoch's mean training loss
 * @param validation the final model's validation figures
 * @param test the test split's figures, or null without a test split
 * @param secondsPerEpoch the mean wall time of an epoch, validation included
 * @param samplesPerSecond training samples per second of training steps
 */
public record Summary(String network, int epochsRun, double trainLoss, Evaluation validation, Evaluation test,
        double secondsPerEpoch, double samplesPerSecond) {

    /**
     * The summary of a result.
     *
     * @param network the network's name
     * @param r what {@link Trainer#fit} returned
     * @param test the test split's evaluation, or null when there is no test split
     * @return the summary
     */
    public static Summary of(String network, TrainResult r, Evaluation test) {
        return new Summary(network, r.epochsRun(), r.trainLoss(), r.validation(), test, r.secondsPerEpoch(),
                r.samplesPerSecond());
    }

    /** {@return the final model's validation loss} */
    public double valLoss() {
        return validation.loss();
    }

    /** {@return the final model's validation accuracy} */
    public double valAccuracy() {
        return validation.accuracy();
    }

    /** {@return the test accuracy}, or null without a test split. */
    public Double testAccuracy() {
        return test == null ? null : test.accuracy();
    }

    /** {@return the fields in the order of {@code summary.json}}; {@code test_accuracy} only when known. */
    public Map<String, Object> fields() {
        boolean regression = validation.regression() || test != null && test.regression();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network", network);
        m.put("epochs_run", epochsRun);
        m.put("train_loss", trainLoss);
        m.put("val_loss", validation.loss());
        if (regression) {
            m.put("val_mse", validation.mse());
            m.put("val_mae", validation.mae());
            m.put("val_r2", validation.r2());
            if (test != null) {
                m.put("test_loss", test.loss());
                m.put("test_mse", test.mse());
                m.put("test_mae", test.mae());
                m.put("test_r2", test.r2());
            }
        } else {
            m.put("val_accuracy", validation.accuracy());
            if (test != null) m.put("test_accuracy", test.accuracy());
        }
        m.put("seconds_per_epoch", secondsPerEpoch);
        m.put("samples_per_second", samplesPerSecond);
        return m;
    }

    /** {@return the summary as JSON}, unknown figures as {@code null}. */
    public String toJson() {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, Object> e : fields().entrySet()) {
            Object v = e.getValue();
            if (v instanceof String s) o.addProperty(e.getKey(), s);
            else if (v instanceof Integer n) o.addProperty(e.getKey(), n);
            else {
                double d = (Double) v;
                o.add(e.getKey(), Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE); // JSON has no NaN
            }
        }
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    /**
     * Writes {@link #toJson()} to a file, atomically.
     *
     * @param path the file to write
     * @throws IOException when it cannot be written
     */
    public void write(Path path) throws IOException {
        AtomicWrite.text(path, toJson());
    }
}
