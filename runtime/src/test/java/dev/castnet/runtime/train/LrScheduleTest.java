package dev.castnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void badSchedulesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("step every=0"));
        assertEquals("schedule step needs every >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("linear"));
        assertEquals("unknown schedule 'linear'; expected step every=N gamma=G, cosine, exponential gamma=G or none",
                e.getMessage());
    }
}
