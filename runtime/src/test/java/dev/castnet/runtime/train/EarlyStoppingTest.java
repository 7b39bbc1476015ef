package dev.castnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    /** Feeds the curve until the rule says stop; returns the number of epochs run. */
    private static int run(EarlyStopping es, double[] curve) {
        for (int e = 0; e < curve.length; e++) {
            es.update(e, curve[e]);
            if (es.shouldStop()) return e + 1;
        }
        return curve.length;
    }

    @Test
    void stopsWhenLossStallsForPatienceEpochs() {
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config("val_loss", 2, 1e-3, true));
        // epoch 2 improves by less than min_delta, so it does not count; epochs 2 and 3 use up the patience
        int ran = run(es, new double[] {1.0, 0.8, 0.7995, 0.81, 0.5, 0.4});
        assertEquals(4, ran);
        assertEquals(1, es.bestEpoch());
        assertEquals(0.8, es.best());
    }

    @Test
    void improvementResetsPatience() {
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config("val_loss", 2, 0, false));
        int ran = run(es, new double[] {1.0, 1.1, 0.9, 1.0, 0.85, 0.95, 0.8});
        assertEquals(7, ran);
        assertFalse(es.shouldStop());
        assertEquals(6, es.bestEpoch());
        EarlyStopping again = new EarlyStopping(new EarlyStopping.Config("val_loss", 2, 0, false));
        assertEquals(5, run(again, new double[] {1.0, 1.1, 0.9, 1.0, 0.95, 0.85}));
    }

    @Test
    void accuracyIsMaximized() {
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config("val_accuracy", 1, 0.01, false));
        int ran = run(es, new double[] {0.5, 0.7, 0.705, 0.9});
        assertEquals(3, ran);
        assertEquals(0.7, es.best());
        assertTrue(es.shouldStop());
    }

    @Test
    void nanNeverImproves() {
        EarlyStopping es = new EarlyStopping(new EarlyStopping.Config("val_loss", 1, 0, false));
        assertEquals(2, run(es, new double[] {0.5, Double.NaN, 0.1}));
    }
}
