package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DenseKernelsTest {

    /** batch, in, out: the Fashion MLP layers, batch 1, primes, sizes around the vector block widths, empty. */
    private static final int[][] SIZES = {
        {1, 1, 1}, {1, 784, 256}, {64, 784, 256}, {64, 256, 128}, {64, 128, 10}, {2, 3, 5}, {7, 11, 13},
        {5, 97, 41}, {13, 37, 67}, {31, 61, 127}, {3, 17, 257}, {1, 2, 83}, {9, 64, 64}, {4, 4, 64}, {6, 5, 100},
        {17, 19, 16}, {3, 1, 31}, {1, 131, 1}, {0, 5, 7}, {3, 0, 5}, {3, 5, 0},
        {700, 150, 90}, // a weight gradient summed in chunks of rows
    };

    @Test
    void transposeWritesTheTransposeAtAnOffsetAndChecksBounds() {
        for (int[] s : new int[][] {{1, 1}, {3, 5}, {8, 3}, {17, 9}, {128, 512}}) {
            int rows = s[0], cols = s[1];
            float[] w = new float[2 + rows * cols];
            double[] wd = new double[w.length];
            for (int i = 0; i < w.length; i++) w[i] = (float) (wd[i] = i * 0.5 - 3);
            float[] t = new float[3 + rows * cols];
            double[] td = new double[t.length];
            DenseKernels.transpose(w, 2, rows, cols, t, 3);
            DenseKernels.transpose(wd, 2, rows, cols, td, 3);
            for (int k = 0; k < rows; k++) {
                for (int j = 0; j < cols; j++) {
                    assertEquals(w[2 + k * cols + j], t[3 + j * rows + k]);
                    assertEquals(wd[2 + k * cols + j], td[3 + j * rows + k]);
                }
            }
            assertEquals(0, t[0]);
        }
        assertThrows(IndexOutOfBoundsException.class,
                () -> DenseKernels.transpose(new float[6], 0, 2, 3, new float[6], 1));
    }

    @Test
    void vectorWeightGradientIsOneFusedChainInRowOrderOverItsChunks() {
        int batch = 1500, in = 70, out = 40; // chunks of 1184 rows: two of them
        Random rnd = new Random(3);
        float[] x = new float[batch * in], dy = new float[batch * out], dw = new float[in * out];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() - 0.5f;
        for (int i = 0; i < dy.length; i++) dy[i] = rnd.nextFloat() - 0.5f;
        VectorDenseFloat.weightGradient(x, 0, dy, 0, dw, 0, 0, in, batch, in, out);
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                float s = 0;
                for (int t = 0; t < batch; t++) s = Math.fma(dy[t * out + j], x[t * in + k], s);
                assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(dw[k * out + j]), k + "," + j);
            }
        }
    }

    @Test
    void vectorOneRowSkipsZerosAndIsStillOneFusedChainInRowOrder() {
        int in = 300, out = 16 * VectorDenseFloat.lanes() + 3; // two 1 x 8 blocks, then what is left
        Random rnd = new Random(5);
        float[] x = random(in, rnd), w = random(in * out, rnd), b = random(out, rnd), y = new float[out];
        for (int k = 0; k < in; k += 2) x[k] = 0; // half the inputs zero, as a blank pixel or a relu's zero
        x[1] = -0.0f;
        VectorDenseFloat.forward(x, 0, w, 0, b, 0, y, 0, 0, 1, in, out);
        for (int j = 0; j < out; j++) {
            float s = b[j];
            for (int k = 0; k < in; k++) s = Math.fma(x[k], w[k * out + j], s);
            assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(y[j]), "column " + j);
        }
    }

    static Stream<Arguments> cases() {
        List<int[]> sizes = new ArrayList<>(List.of(SIZES));
        Random rnd = new Random(20261126);
        for (int i = 0; i < 12; i++) {
            sizes.add(new int[] {1 + rnd.nextInt(70), 1 + rnd.nextInt(300), 1 + rnd.nextInt(300)});
        }
        List<Arguments> args = new ArrayList<>();
        long seed = 1;
        for (Impl impl : Impl.values()) {
            for (int[] s : sizes) {
                args.add(Arguments.of(impl, s[0], s[1], s[2], seed % 3 != 0, seed));
                seed++;
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} batch={1} in={2} out={3} bias={4}")
    @MethodSource("cases")
    void floatKernelsMatchTripleLoops(Impl impl, int batch, int in, int out, boolean bias, long seed) {
        Reference.checkFloat(impl, batch, in, out, bias, seed);
    }

    @ParameterizedTest(name = "{0} batch={1} in={2} out={3} bias={4}")
    @MethodSource("cases")
    void doubleKernelsMatchTripleLoops(Impl impl, int batch, int in, int out, boolean bias, long seed) {
        Reference.checkDouble(impl, batch, in, out, bias, seed);
    }

    /** The surefire run that tests the vector kernels must actually have them (see runtime/pom.xml). */
    @Test
    void thisRunUsesTheVectorKernels() {
        assertTrue(DenseKernels.vectorModulePresent(), "tests should run with --add-modules jdk.incubator.vector");
        assertTrue(DenseKernels.VECTOR);
        assertTrue(DenseKernels.implementation().startsWith("jdk.incubator.vector"), DenseKernels.implementation());
    }

    /** The plain loops give bitwise the same results over row arrays and over offsets (the same sums in order). */
    @Test
    void plainRowArraysMatchPlainOffsetsBitwise() {
        for (int[] size : new int[][] {{64, 784, 256}, {7, 13, 83}, {5, 3, 16}, {9, 33, 17}}) {
            int batch = size[0], in = size[1], out = size[2];
            Random rnd = new Random(batch + in + out);
            float[] x = random(batch * in, rnd), w = random(in * out, rnd), b = random(out, rnd), dy = random(batch * out, rnd);
            float[] y1 = new float[batch * out], dw1 = new float[in * out], y2 = new float[batch * out], dw2 = new float[in * out];
            Impl.PLAIN.forward(x, 0, w, 0, b, 0, y1, 0, batch, in, out);
            Impl.PLAIN_ROWS.forward(x, 0, w, 0, b, 0, y2, 0, batch, in, out);
            Impl.PLAIN.weightGradient(x, 0, dy, 0, dw1, 0, batch, in, out);
            Impl.PLAIN_ROWS.weightGradient(x, 0, dy, 0, dw2, 0, batch, in, out);
            TeamCheck.sameBits(y1, y2, "forward " + batch + "x" + in + "x" + out);
            TeamCheck.sameBits(dw1, dw2, "weightGradient " + batch + "x" + in + "x" + out);
        }
    }

    /** A row range gives bitwise the rows of the full call: every element is summed in the same order either way. */
    @Test
    void rowRangesTouchOnlyTheirRows() {
        for (Impl impl : new Impl[] {Impl.PLAIN, Impl.PLAIN_ROWS, Impl.VECTOR}) {
            int batch = 11, in = 23, out = 87;
            Random rnd = new Random(5);
            float[] x = random(batch * in, rnd), w = random(in * out, rnd), dy = random(batch * out, rnd);
            float[] y = new float[batch * out], dw = new float[in * out], dx = new float[batch * in];
            float[] yAll = new float[batch * out], dwAll = new float[in * out], dxAll = new float[batch * in];
            impl.forward(x, 0, w, 0, null, 0, yAll, 0, batch, in, out);
            impl.weightGradient(x, 0, dy, 0, dwAll, 0, batch, in, out);
            impl.inputGradient(dy, 0, w, 0, dxAll, 0, batch, in, out);
            java.util.Arrays.fill(y, -5f);
            java.util.Arrays.fill(dw, -5f);
            java.util.Arrays.fill(dx, -5f);
            if (impl == Impl.PLAIN) {
                PlainDenseFloat.forward(x, 0, w, 0, null, null, 0, y, 0, 3, 9, in, out);
                PlainDenseFloat.weightGradient(x, 0, dy, 0, null, dw, 0, 6, 17, batch, in, out);
                PlainDenseFloat.inputGradient(dy, 0, Impl.Scratch.rowsFloat(w, 0, in, out), dx, 0, 3, 9, in, out);
            } else if (impl == Impl.PLAIN_ROWS) {
                float[][] wRows = Impl.Scratch.copyFloat(w, 0, in, out);
                PlainDenseFloat.forward(x, 0, w, 0, wRows, null, 0, y, 0, 3, 9, in, out);
                float[][] dyRows = Impl.Scratch.copyFloat(dy, 0, batch, out);
                PlainDenseFloat.weightGradient(x, 0, dy, 0, dyRows, dw, 0, 6, 17, batch, in, out);
                PlainDenseFloat.inputGradient(dy, 0, Impl.Scratch.rowsFloat(w, 0, in, out), dx, 0, 3, 9, in, out);
            } else {
                VectorDenseFloat.forward(x, 0, w, 0, null, 0, y, 0, 3, 9, in, out);
                VectorDenseFloat.weightGradient(x, 0, dy, 0, dw, 0, 6, 17, batch, in, out);
                VectorDenseFloat.inputGradient(dy, 0, Impl.Scratch.flatFloat(w, 0, in, out), 0, dx, 0, 3, 9, in, out);
            }
            for (int i = 0; i < y.length; i++) {
                int b = i / out;
                assertEquals(b >= 3 && b < 9 ? yAll[i] : -5f, y[i], 0f, impl + " y[" + i + "]");
            }
            for (int i = 0; i < dw.length; i++) {
                int k = i / out;
                assertEquals(k >= 6 && k < 17 ? dwAll[i] : -5f, dw[i], 0f, impl + " dw[" + i + "]");
            }
            for (int i = 0; i < dx.length; i++) {
                int b = i / in;
                assertEquals(b >= 3 && b < 9 ? dxAll[i] : -5f, dx[i], 0f, impl + " dx[" + i + "]");
            }
        }
    }

    /**
     * Calls of one to three rows sum the columns past the last whole vector in scalar fused multiply-adds instead of
     * a zero-padded panel: the same bits as the same rows of a call large enough for the panel.
     */
    @Test
    void fewRowsGiveTheBitsOfTheFullCall() {
        int batch = 11, in = 23, out = 87; // 87 and 23 leave 7 columns past whole vectors of 16, 8 or 4 lanes
        Random rnd = new Random(9);
        float[] x = random(batch * in, rnd), w = random(in * out, rnd), dy = random(batch * out, rnd);
        float[] bias = random(out, rnd), wt = Impl.Scratch.flatFloat(w, 0, in, out);
        float[] yAll = new float[batch * out], dwAll = new float[in * out], dxAll = new float[batch * in];
        VectorDenseFloat.forward(x, 0, w, 0, bias, 0, yAll, 0, 0, batch, in, out);
        VectorDenseFloat.weightGradient(x, 0, dy, 0, dwAll, 0, 0, in, batch, in, out);
        VectorDenseFloat.inputGradient(dy, 0, wt, 0, dxAll, 0, 0, batch, in, out);
        for (int rows = 1; rows <= 3; rows++) {
            for (int r0 = 0; r0 + rows <= batch; r0 += rows) {
                float[] y = new float[batch * out], dw = new float[in * out], dx = new float[batch * in];
                java.util.Arrays.fill(dw, -5f);
                java.util.Arrays.fill(dx, Float.NaN); // overwritten, never read
                VectorDenseFloat.forward(x, 0, w, 0, bias, 0, y, 0, r0, r0 + rows, in, out);
                VectorDenseFloat.weightGradient(x, 0, dy, 0, dw, 0, r0, r0 + rows, batch, in, out);
                VectorDenseFloat.inputGradient(dy, 0, wt, 0, dx, 0, r0, r0 + rows, in, out);
                for (int i = r0 * out; i < (r0 + rows) * out; i++) {
                    assertEquals(Float.floatToRawIntBits(yAll[i]), Float.floatToRawIntBits(y[i]), "y[" + i + "]");
                    assertEquals(Float.floatToRawIntBits(dwAll[i]), Float.floatToRawIntBits(dw[i]), "dw[" + i + "]");
                }
                for (int i = r0 * in; i < (r0 + rows) * in; i++) {
                    assertEquals(Float.floatToRawIntBits(dxAll[i]), Float.floatToRawIntBits(dx[i]), "dx[" + i + "]");
                }
            }
        }
    }

    @Test
    void operandsThatDoNotFitAreRejectedByName() {
        float[] x = new float[6], w = new float[6], y = new float[3];
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> DenseKernels.forward(x, 0, w, 1, null, 0, y, 0, 2, 3, 2));
        assertEquals("w: 3 x 2 at offset 1 does not fit in an array of length 6", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class,
                () -> DenseKernels.forward(x, 0, w, 0, null, 0, y, 0, 2, 3, 2));
        assertEquals("y: 2 x 2 at offset 0 does not fit in an array of length 3", e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> DenseKernels.biasGradient(new double[4], 0, new double[2], 0, -1, 2));
        assertEquals("dy: dimensions must be >= 0, got -1 x 2", n.getMessage());
    }

    private static float[] random(int n, Random rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() - 0.5f;
        return a;
    }
}
