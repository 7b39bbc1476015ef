package dev.castnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private static double[] rates(LrSchedule s, int epochs) {
        double[] r = new double[epochs];
        for (int e = 0; e < epochs; e++) r[e] = s.rate(0.1, e, epochs);
        return r;
    }

    private static void assertRates(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-15, "epoch " + i);
    }

    @Test
    void stepHalvesEveryTwoEpochs() {
        assertRates(new double[] {0.1, 0.1, 0.05, 0.05, 0.025}, rates(LrSchedule.parse("step every=2 gamma=0.5"), 5));
    }

    @Test
    void cosineAnnealsToZeroOverTheRun() {
        double c = (1 + Math.cos(Math.PI / 4)) / 2, d = (1 + Math.cos(3 * Math.PI / 4)) / 2;
        assertRates(new double[] {0.1, 0.1 * c, 0.05, 0.1 * d}, rates(LrSchedule.cosine(), 4));
    }

    @Test
    void exponentialMultipliesEachEpoch() {
        assertRates(new double[] {0.1, 0.095, 0.09025}, rates(LrSchedule.parse("exponential gamma=0.95"), 3));
        assertRates(new double[] {0.1, 0.1}, rates(LrSchedule.none(), 2));
    }

    /**
     * tools/golden/schedules.json: the rate of every epoch from torch.optim.lr_scheduler (StepLR, CosineAnnealingLR
     * with T_max = epochs, ExponentialLR), stepped once per epoch, for each schedule's .nn text.
     */
    @Test
    void everyEpochMatchesPyTorchsScheduler() throws IOException {
        JsonArray cases;
        try (InputStream in = LrScheduleTest.class.getResourceAsStream("/parity/schedules.json")) {
            assertTrue(in != null, "parity/schedules.json is not on the test class path");
            cases = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonArray();
        }
        assertFalse(cases.isEmpty());
        Set<String> kinds = new TreeSet<>();
        for (JsonElement e : cases) {
            var c = e.getAsJsonObject();
            String text = c.get("schedule").getAsString();
            LrSchedule s = LrSchedule.parse(text);
            kinds.add(s.kind().name());
            double base = c.get("lr").getAsDouble();
            int epochs = c.get("epochs").getAsInt();
            JsonArray rates = c.getAsJsonArray("rates");
            assertEquals(epochs, rates.size(), text);
            for (int epoch = 0; epoch < epochs; epoch++) {
                double expected = rates.get(epoch).getAsDouble();
                // PyTorch multiplies the previous epoch's rate (its chainable form); castnet uses the closed form
                assertEquals(expected, s.rate(base, epoch, epochs), 1e-12 * Math.abs(expected),
                        text + " from " + base + " over " + epochs + " epochs, epoch " + epoch);
            }
        }
        assertEquals(Set.of("COSINE", "EXPONENTIAL", "STEP"), kinds);
    }

    @Test
    void badSchedulesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("step every=0"));
        assertEquals("schedule step needs every >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("linear"));
        assertEquals("unknown schedule 'linear'; expected step every=N gamma=G, cosine, exponential gamma=G or none",
                e.getMessage());
    }
}
