package dev.castnet.runtime.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Magnitude pruning against its anchors (tools/golden/pruning.json, made by make_golden.py): the weights
 * {@code torch.nn.utils.prune} removes ({@code l1_unstructured} per tensor, {@code global_unstructured} over all),
 * and TensorFlow Model Optimization's {@code PolynomialDecay(power=3)} sparsity and pruning steps.
 */
class PruningParityTest {
    private static JsonObject golden() throws IOException {
        try (InputStream in = PruningParityTest.class.getResourceAsStream("/parity/pruning.json")) {
            assertTrue(in != null, "parity/pruning.json is not on the test class path");
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private static double[] doubles(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsDouble();
        return v;
    }

    @Test
    void selectsTheWeightsTorchPrunes() throws IOException {
        JsonArray cases = golden().getAsJsonArray("selections");
        assertEquals(6, cases.size());
        for (JsonElement e : cases) {
            JsonObject c = e.getAsJsonObject();
            double sparsity = c.get("sparsity").getAsDouble();
            String scope = c.get("scope").getAsString();
            JsonArray weights = c.getAsJsonArray("weights");
            JsonArray expected = c.getAsJsonArray("masks");
            double[][] w = new double[weights.size()][];
            double[][] m = new double[weights.size()][];
            for (int t = 0; t < w.length; t++) {
                w[t] = doubles(weights.get(t));
                m[t] = new double[w[t].length];
                java.util.Arrays.fill(m[t], 1);
            }
            if (scope.equals("global")) {
                MagnitudePruning.select(w, m, sparsity);
            } else {
                for (int t = 0; t < w.length; t++) MagnitudePruning.select(new double[][] {w[t]}, new double[][] {m[t]}, sparsity);
            }
            for (int t = 0; t < w.length; t++) {
                assertArrayEquals(doubles(expected.get(t)), m[t], scope + " " + sparsity + ", tensor " + t);
            }
        }
    }

    @Test
    void theScheduleIsTfMotsPolynomialDecayOfPowerThree() throws IOException {
        for (JsonElement e : golden().getAsJsonArray("schedules")) {
            JsonObject c = e.getAsJsonObject();
            double finalSparsity = c.get("final").getAsDouble();
            int begin = c.get("begin").getAsInt();
            int end = c.get("end").getAsInt();
            double[] sparsity = doubles(c.get("sparsity"));
            JsonArray due = c.getAsJsonArray("due");
            // castnet's ramp is in epochs: one step per epoch here maps begin and end onto from and to
            PruneSchedule s = PruneSchedule.ramp(finalSparsity, begin, end, MagnitudePruning.Scope.LAYER);
            for (int step = 0; step < sparsity.length; step++) {
                assertEquals(sparsity[step], s.sparsityAt(step, 1), 1e-12, "step " + step);
            }
            // TF-MOT prunes every `frequency` steps from begin; castnet picks its frequency from the ramp's length
            // and adds the ramp's last step, where TF-MOT reaches the final sparsity only if end - begin is a
            // multiple of the frequency
            int frequency = c.get("frequency").getAsInt();
            if (PruneSchedule.frequency(end - begin) == frequency) {
                for (int step = 0; step < due.size(); step++) {
                    boolean expected = due.get(step).getAsBoolean() || step == end;
                    assertEquals(expected, s.due(step, 1), "step " + step + " of " + c);
                }
            }
        }
    }
}
