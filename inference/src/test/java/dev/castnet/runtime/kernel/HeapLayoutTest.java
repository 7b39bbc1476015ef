package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The aligned arrays: which grow and by how much, and that the kernels give the same bits wherever data lies. */
class HeapLayoutTest {
    private static final long MB = 1 << 20;

    @Test
    void arraysFromAQuarterOfHalfARegionGrowJustPastHalfARegion() {
        long half = 2 * MB; // 4 MB regions
        // 0.94 MB of floats (the Fashion MLP's parameters): past 2 MB, so G1 gives it regions of its own
        int grown = HeapLayout.length(235_158, Float.BYTES, half);
        assertTrue(HeapLayout.HEADER_BYTES + 4L * grown > half, "grown to " + grown);
        assertTrue(HeapLayout.HEADER_BYTES + 4L * (grown - 1) <= half, "grown by more than needed: " + grown);
        // a quarter of half a region grows; a little less does not, nor does an array already past half a region
        int quarter = (int) ((half / 4 - HeapLayout.HEADER_BYTES) / Double.BYTES);
        assertTrue(HeapLayout.length(quarter, Double.BYTES, half) > quarter);
        assertEquals(quarter - 1, HeapLayout.length(quarter - 1, Double.BYTES, half));
        int past = (int) (half / Float.BYTES);
        assertEquals(past, HeapLayout.length(past, Float.BYTES, half));
        // not G1: as asked
        assertEquals(235_158, HeapLayout.length(235_158, Float.BYTES, 0));
    }

    @Test
    void alignedArraysHoldAtLeastWhatWasAskedAsZeros() {
        for (int n : new int[] {0, 1, 23, 235_158, 3_000_000}) {
            float[] f = DenseKernels.alignedFloats(n);
            double[] d = DenseKernels.alignedDoubles(n);
            assertEquals(HeapLayout.length(n, Float.BYTES), f.length);
            assertEquals(HeapLayout.length(n, Double.BYTES), d.length);
            assertTrue(f.length >= n && d.length >= n);
            for (float v : f) assertEquals(0f, v);
        }
        assertThrows(IllegalArgumentException.class, () -> DenseKernels.alignedFloats(-1));
        assertThrows(IllegalArgumentException.class, () -> DenseKernels.alignedDoubles(-1));
    }

    /**
     * Each product from every offset of the weights (and of {@code dy}) in an aligned array: the same bits as from
     * offset 0, whichever elements start cache lines (batch sizes 1, 5 and 20 reach the one-row, 4-row and 6-row
     * blocks).
     */
    @Test
    void productsAreTheSameBitsAtEveryOffset() {
        int in = 300, out = 70;
        Random r = new Random(5);
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
        for (int batch : new int[] {1, 5, 20}) {
            float[] x = new float[batch * in];
            for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() < 0.4f ? 0 : r.nextFloat();
            float[] dy = new float[batch * out];
            for (int i = 0; i < dy.length; i++) dy[i] = r.nextFloat() - 0.5f;
            float[][] first = null;
            for (int off = 0; off < 16; off++) {
                float[] wa = DenseKernels.alignedFloats(off + w.length);
                System.arraycopy(w, 0, wa, off, w.length);
                float[] dya = DenseKernels.alignedFloats(off + dy.length);
                System.arraycopy(dy, 0, dya, off, dy.length);
                float[] y = new float[batch * out];
                float[] dw = new float[in * out];
                float[] dx = new float[batch * in];
                DenseKernels.forward(x, 0, wa, off, null, 0, y, 0, batch, in, out);
                DenseKernels.weightGradient(x, 0, dya, off, dw, 0, batch, in, out);
                DenseKernels.inputGradient(dya, off, wa, off, dx, 0, batch, in, out);
                float[][] now = {y, dw, dx};
                if (first == null) {
                    first = now;
                    continue;
                }
                for (int k = 0; k < 3; k++) {
                    assertArrayEquals(first[k], now[k], "batch " + batch + ", offset " + off + ", product " + k);
                }
            }
        }
    }
}
