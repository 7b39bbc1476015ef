package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatMathTest {

    @Test
    void expIsWithinTwoUlpOfTheExactValueOverFloatsRange() {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 0.00731f) {
            double exact = Math.exp(x);
            double ulps = Math.abs(FloatMath.exp(x) - exact) / Math.ulp((float) exact);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
        assertEquals(1f, FloatMath.exp(0f));
    }

    @Test
    void expClampsBeyondTheRangeAndKeepsNaN() {
        assertEquals(FloatMath.exp(88f), FloatMath.exp(1000f));
        assertEquals(FloatMath.exp(-87f), FloatMath.exp(Float.NEGATIVE_INFINITY));
        assertTrue(FloatMath.exp(-87f) > 0 && Float.isFinite(FloatMath.exp(Float.POSITIVE_INFINITY)));
        assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)));
    }

    @Test
    void sigmoidAndTanhAreWithinFloatPrecision() {
        for (float x = -30f; x <= 30f; x += 0.00377f) {
            assertEquals(1 / (1 + Math.exp(-x)), FloatMath.sigmoid(x), 2e-7, "sigmoid(" + x + ")");
            assertEquals(Math.tanh(x), FloatMath.tanh(x), 2e-7, "tanh(" + x + ")");
        }
        assertEquals(1f, FloatMath.tanh(200f));
        assertEquals(-1f, FloatMath.tanh(-200f));
        assertEquals(0f, FloatMath.sigmoid(-200f), 1e-37);
        assertEquals(1f, FloatMath.sigmoid(200f));
    }

    @Test
    void arrayKernelsGiveFloatMathsBitsInVectorsAndTails() {
        float[] a = new float[1 + 3 * 131];
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextGaussian() * 6);
        a[5] = Float.NaN;
        a[9] = 1000f;
        a[10] = -1000f;
        float[] s = a.clone(), t = a.clone();
        DenseKernels.sigmoid(s, 1, 1 + 131);
        DenseKernels.tanh(t, 1 + 131, 1 + 2 * 131);
        for (int i = 0; i < a.length; i++) {
            float sig = i >= 1 && i < 1 + 131 ? FloatMath.sigmoid(a[i]) : a[i];
            float th = i >= 1 + 131 && i < 1 + 2 * 131 ? FloatMath.tanh(a[i]) : a[i];
            assertEquals(Float.floatToRawIntBits(sig), Float.floatToRawIntBits(s[i]), "sigmoid at " + i);
            assertEquals(Float.floatToRawIntBits(th), Float.floatToRawIntBits(t[i]), "tanh at " + i);
        }
    }
}
