package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels give bitwise the same result before and after the JIT compiles them. Lane sums through
 * {@code reduceLanes} did not: on JDK 25 the compiled intrinsic adds lanes in another order than the interpreter.
 * The size reaches every dot-product path of the input gradient: 4 x 4 and 4 x 2 blocks, single dot products for
 * the leftover column and the leftover rows, and a scalar tail after the whole vectors of {@code out}.
 */
class VectorDenseDeterminismTest {
    private static final int BATCH = 7, IN = 11, OUT = 125;
    /** Enough calls for C2 to compile the kernels while the loop still runs (its threshold is about 10 000). */
    private static final int CALLS = 30_000;

    @Test
    void floatInputGradientIsTheSameInterpretedAndCompiled() {
        assertTrue(DenseKernels.VECTOR, "this test needs --add-modules jdk.incubator.vector");
        Random rnd = new Random(7);
        float[] dy = new float[BATCH * OUT], w = new float[IN * OUT], dx = new float[BATCH * IN];
        for (int i = 0; i < dy.length; i++) dy[i] = rnd.nextFloat() - 0.5f;
        for (int i = 0; i < w.length; i++) w[i] = rnd.nextFloat() - 0.5f;
        float[] wt = new float[IN * OUT];
        DenseFloat.transpose(w, 0, IN, OUT, wt, 0);
        VectorDenseFloat.inputGradient(dy, 0, wt, 0, dx, 0, 0, BATCH, IN, OUT);
        float[] first = dx.clone();
        for (int call = 1; call < CALLS; call++) {
            VectorDenseFloat.inputGradient(dy, 0, wt, 0, dx, 0, 0, BATCH, IN, OUT);
            for (int i = 0; i < dx.length; i++) {
                if (Float.floatToRawIntBits(dx[i]) != Float.floatToRawIntBits(first[i])) {
                    fail("call " + call + ", dx[" + i / IN + "][" + i % IN + "] = " + dx[i] + ", first call gave "
                            + first[i]);
                }
            }
        }
    }

    @Test
    void doubleInputGradientIsTheSameInterpretedAndCompiled() {
        assertTrue(DenseKernels.VECTOR, "this test needs --add-modules jdk.incubator.vector");
        Random rnd = new Random(11);
        double[] dy = new double[BATCH * OUT], w = new double[IN * OUT], dx = new double[BATCH * IN];
        for (int i = 0; i < dy.length; i++) dy[i] = rnd.nextDouble() - 0.5;
        for (int i = 0; i < w.length; i++) w[i] = rnd.nextDouble() - 0.5;
        double[] wt = new double[IN * OUT];
        DenseDouble.transpose(w, 0, IN, OUT, wt, 0);
        VectorDenseDouble.inputGradient(dy, 0, wt, 0, dx, 0, 0, BATCH, IN, OUT);
        double[] first = dx.clone();
        for (int call = 1; call < CALLS; call++) {
            VectorDenseDouble.inputGradient(dy, 0, wt, 0, dx, 0, 0, BATCH, IN, OUT);
            for (int i = 0; i < dx.length; i++) {
                if (Double.doubleToRawLongBits(dx[i]) != Double.doubleToRawLongBits(first[i])) {
                    fail("call " + call + ", dx[" + i / IN + "][" + i % IN + "] = " + dx[i] + ", first call gave "
                            + first[i]);
                }
            }
        }
    }

    /** Forward and weight gradient too: 6 x 4, 4 x 4, 1 x 4, 4 x 2, one-vector and zero-padded narrow blocks. */
    @Test
    void floatForwardAndWeightGradientAreTheSameInterpretedAndCompiled() {
        assertTrue(DenseKernels.VECTOR, "this test needs --add-modules jdk.incubator.vector");
        int batch = 11, in = 13, out = 125; // 11 rows: a 6-row block, a 4-row block and a single row
        Random rnd = new Random(13);
        float[] x = new float[batch * in], w = new float[in * out], bias = new float[out], dy = new float[batch * out];
        for (float[] a : new float[][] {x, w, bias, dy}) {
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
        }
        float[] y = new float[batch * out], dw = new float[in * out];
        VectorDenseFloat.forward(x, 0, w, 0, bias, 0, y, 0, 0, batch, in, out);
        VectorDenseFloat.weightGradient(x, 0, dy, 0, dw, 0, 0, in, batch, in, out);
        float[] y0 = y.clone(), dw0 = dw.clone();
        for (int call = 1; call < CALLS; call++) {
            VectorDenseFloat.forward(x, 0, w, 0, bias, 0, y, 0, 0, batch, in, out);
            VectorDenseFloat.weightGradient(x, 0, dy, 0, dw, 0, 0, in, batch, in, out);
            if (call % 1000 == 0 || call == CALLS - 1) {
                TeamCheck.sameBits(y0, y, "forward, call " + call);
                TeamCheck.sameBits(dw0, dw, "weightGradient, call " + call);
            }
        }
    }
}
