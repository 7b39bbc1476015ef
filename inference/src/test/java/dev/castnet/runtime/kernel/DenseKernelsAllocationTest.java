package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kernels run inside every training step, so they must not allocate. Until the JIT has compiled them the Vector
 * API boxes every vector, so the test warms up first and then looks for a window of many calls that allocates
 * nothing; a kernel that allocates on each call never produces one.
 */
class DenseKernelsAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

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

    /** Warms up, then returns the fewest bytes any window of 2000 steps allocated (0 ends the search). */
    private static long leastAllocatedOverWindows(Runnable step) {
        for (int i = 0; i < 20_000; i++) step.run();
        long least = Long.MAX_VALUE;
        for (int window = 0; window < 30 && least > 0; window++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 2000; i++) step.run();
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }
}
