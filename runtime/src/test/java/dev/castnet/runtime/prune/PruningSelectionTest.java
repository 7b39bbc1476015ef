package dev.castnet.runtime.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which weights magnitude pruning selects, and when the schedule prunes (SPEC §6). */
class PruningSelectionTest {

    private static double[] ones(int n) {
        double[] m = new double[n];
        java.util.Arrays.fill(m, 1);
        return m;
    }

    @Test
    void layerScopePrunesEachTensorGlobalScopeAllTogether() {
        double[] a = {0.1, -0.5, 0.3, 0.05};
        double[] b = {2, -3, 0.2, 4};
        double[] ma = ones(4), mb = ones(4);
        MagnitudePruning.select(new double[][] {a}, new double[][] {ma}, 0.5);
        MagnitudePruning.select(new double[][] {b}, new double[][] {mb}, 0.5);
        assertArrayEquals(new double[] {0, 1, 1, 0}, ma);
        assertArrayEquals(new double[] {0, 1, 0, 1}, mb);
        double[] ga = ones(4), gb = ones(4);
        MagnitudePruning.select(new double[][] {a, b}, new double[][] {ga, gb}, 0.5);
        // the four smallest of all eight: 0.05, 0.1, 0.3 in a and 0.2 in b
        assertArrayEquals(new double[] {0, 1, 0, 0}, ga);
        assertArrayEquals(new double[] {1, 1, 0, 1}, gb);
    }

    @Test
    void countRoundsHalfToEvenAsPython() {
        assertEquals(2, MagnitudePruning.count(0.5, 5)); // round(2.5) = 2
        assertEquals(4, MagnitudePruning.count(0.5, 7)); // round(3.5) = 4
        assertEquals(0, MagnitudePruning.count(0, 100));
        assertEquals(80, MagnitudePruning.count(0.8, 100));
    }

    @Test
    void equalMagnitudesGoByPositionAndPrunedWeightsStayPruned() {
        double[] w = {1, -1, 1, 1};
        double[] m = ones(4);
        MagnitudePruning.select(new double[][] {w}, new double[][] {m}, 0.5);
        assertArrayEquals(new double[] {0, 0, 1, 1}, m);
        double[] w2 = {5, 0.1, 0.2, 3}; // weight 0 is already pruned though large: it stays pruned
        double[] m2 = {0, 1, 1, 1};
        MagnitudePruning.select(new double[][] {w2}, new double[][] {m2}, 0.5);
        assertArrayEquals(new double[] {0, 0, 1, 1}, m2);
    }

    @Test
    void theRampIsZhuAndGuptasCubic() {
        PruneSchedule s = PruneSchedule.ramp(0.8, 1, 4, MagnitudePruning.Scope.LAYER);
        int perEpoch = 10; // the ramp runs over steps 10 .. 40
        assertEquals(0, s.sparsityAt(0, perEpoch));
        assertEquals(0, s.sparsityAt(10, perEpoch));
        for (int step = 10; step <= 40; step++) {
            double p = (step - 10) / 30.0;
            assertEquals(0.8 * (1 - Math.pow(1 - p, 3)), s.sparsityAt(step, perEpoch), 1e-12, "step " + step);
        }
        assertEquals(0.8, s.sparsityAt(55, perEpoch), 0);
        // 30 steps of ramp: masks every 2 steps (at least 20 updates), and on the last step
        assertEquals(2, PruneSchedule.frequency(30));
        assertTrue(s.due(10, perEpoch));
        assertFalse(s.due(11, perEpoch));
        assertTrue(s.due(12, perEpoch));
        assertTrue(s.due(40, perEpoch));
        assertFalse(s.due(41, perEpoch));
        assertFalse(s.due(9, perEpoch));
        assertEquals(100, PruneSchedule.frequency(100_000));
        assertFalse(s.settled(3));
        assertTrue(s.settled(4));
    }

    @Test
    void badSchedulesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruneSchedule.atEnd(1.0, MagnitudePruning.Scope.GLOBAL));
        assertTrue(e.getMessage().contains("prune sparsity must be in [0, 1), got 1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PruneSchedule.ramp(0.5, 3, 3, MagnitudePruning.Scope.LAYER));
        Pruner p = new Pruner(null, PruneSchedule.ramp(0.5, 1, 6, MagnitudePruning.Scope.LAYER));
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> p.check(4));
        assertTrue(late.getMessage().contains("prune ends its ramp after epoch 6 but the run has 4 epochs"),
                late.getMessage());
    }
}
