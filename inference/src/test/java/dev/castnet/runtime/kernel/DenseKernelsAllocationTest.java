package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kernels run inside every training step, so they must not allocate. Until the JIT has compiled them the Vector
 * API boxes every vector, so the test warms up first and then looks for a window of many calls that allocates
 * nothing; a kernel that allocates on each call never produces one.
 */
class DenseKernelsAllocationTest {
    // Sizes that reach every path: 4-row blocks and leftover rows, 4-, 2- and 1-vector column blocks and leftover
    // columns, for 512-bit floats (125 = 64 + 32 + 16 + 13) and doubles (125 = 96 + 16 + 8 + 5), and 4 x 4,
    // 4 x 2 and single dot products in the input gradient (11 = 8 + 2 + 1).
    private static final int BATCH = 7, IN = 11, OUT = 125;

    @ParameterizedTest
    @EnumSource(Impl.class)
    void floatKernelsDoNotAllocate(Impl impl) {
        Random rnd = new Random(1);
        float[] x = new float[BATCH * IN], w = new float[IN * OUT], bias = new float[OUT], dy = new float[BATCH * OUT];
        float[] y = new float[BATCH * OUT], dw = new float[IN * OUT], db = new float[OUT], dx = new float[BATCH * IN];
        for (float[] a : new float[][] {x, w, bias, dy}) {
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat();
        }
        Runnable step = () -> {
            impl.forward(x, 0, w, 0, bias, 0, y, 0, BATCH, IN, OUT);
            impl.forward(x, 0, w, 0, null, 0, y, 0, BATCH, IN, OUT);
            impl.weightGradient(x, 0, dy, 0, dw, 0, BATCH, IN, OUT);
            impl.biasGradient(dy, 0, db, 0, BATCH, OUT);
            impl.inputGradient(dy, 0, w, 0, dx, 0, BATCH, IN, OUT);
        };
        assertEquals(0, leastAllocatedOverWindows(step), impl + " float kernels allocated");
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void doubleKernelsDoNotAllocate(Impl impl) {
        Random rnd = new Random(2);
        double[] x = new double[BATCH * IN], w = new double[IN * OUT], bias = new double[OUT], dy = new double[BATCH * OUT];
        double[] y = new double[BATCH * OUT], dw = new double[IN * OUT], db = new double[OUT], dx = new double[BATCH * IN];
        for (double[] a : new double[][] {x, w, bias, dy}) {
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextDouble();
        }
        Runnable step = () -> {
            impl.forward(x, 0, w, 0, bias, 0, y, 0, BATCH, IN, OUT);
            impl.forward(x, 0, w, 0, null, 0, y, 0, BATCH, IN, OUT);
            impl.weightGradient(x, 0, dy, 0, dw, 0, BATCH, IN, OUT);
            impl.biasGradient(dy, 0, db, 0, BATCH, OUT);
            impl.inputGradient(dy, 0, w, 0, dx, 0, BATCH, IN, OUT);
        };
        assertEquals(0, leastAllocatedOverWindows(step), impl + " double kernels allocated");
    }

    /** One sample (one-row forward and input gradient, with zeros to skip): 260 columns take the 1 x 8 blocks. */
    @ParameterizedTest
    @EnumSource(Impl.class)
    void oneSampleKernelsDoNotAllocate(Impl impl) {
        int in = 11, out = 260;
        Random rnd = new Random(3);
        float[] x = new float[in], w = new float[in * out], bias = new float[out], y = new float[out];
        float[] dyT = new float[in], dxT = new float[out]; // the input gradient of a layer out -> in: 260 columns
        double[] xd = new double[in], wd = new double[in * out], biasd = new double[out], yd = new double[out];
        for (int i = 0; i < in; i++) x[i] = (float) (xd[i] = i % 2 == 0 ? 0 : rnd.nextFloat());
        for (int i = 0; i < w.length; i++) w[i] = (float) (wd[i] = rnd.nextFloat());
        for (int i = 0; i < out; i++) bias[i] = (float) (biasd[i] = rnd.nextFloat());
        for (int i = 0; i < in; i++) dyT[i] = i % 3 == 0 ? 0 : rnd.nextFloat();
        Runnable step = () -> {
            impl.forward(x, 0, w, 0, bias, 0, y, 0, 1, in, out);
            impl.forward(xd, 0, wd, 0, biasd, 0, yd, 0, 1, in, out);
            impl.inputGradient(dyT, 0, w, 0, dxT, 0, 1, out, in);
        };
        assertEquals(0, leastAllocatedOverWindows(step), impl + " one-sample kernels allocated");
    }

    /** Warms up, then returns the fewest bytes any window of 2000 steps allocated (0 ends the search). */
    private static long leastAllocatedOverWindows(Runnable step) {
        return Allocations.leastOverWindows(step, 20_000, 2000);
    }
}
