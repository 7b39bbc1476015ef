package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * Runs forward, weight gradient and input gradient of one layer through a {@link KernelTeam} and through the
 * single-threaded row kernels (the whole row range on the calling thread, as with {@code -Dcastnet.threads=1}),
 * and demands bitwise equal outputs. Operands sit at odd offsets inside larger arrays whose other elements hold a
 * sentinel, so a chunk that writes outside its rows fails too.
 */
final class TeamCheck {
    private TeamCheck() {}

    /**
     * batch, in, out: batch 1, odd and prime sizes, sizes around the 4-row blocks, the Fashion MLP layers; calls of 1
     * to 3 rows wide enough to be split by columns, with columns past the last whole chunk; and calls with more inputs
     * than rows, which the vector kernels split in stages (6-row blocks with remainders of 1, 4 and 5 rows) and whose
     * input gradient they split by columns (chunks of whole column units, a last chunk shorter, columns past the last
     * whole vector).
     */
    static final int[][] SIZES = {
        {1, 1, 1}, {1, 784, 256}, {1, 100, 300}, {2, 9, 513}, {3, 50, 777}, {2, 3, 5}, {3, 17, 33}, {4, 4, 4},
        {5, 97, 41}, {7, 11, 13}, {8, 8, 8},
        {9, 64, 64}, {11, 23, 87}, {12, 5, 100}, {13, 37, 67}, {15, 9, 17}, {16, 16, 16}, {17, 19, 16},
        {31, 61, 127}, {33, 130, 65}, {63, 7, 129}, {64, 784, 256}, {64, 256, 128}, {64, 128, 10}, {37, 129, 3},
        {20, 300, 70}, {5, 200, 33},
        {6, 2, 1}, {0, 5, 7}, {3, 0, 5}, {3, 5, 0},
    };

    /** The single-threaded reference: a team of one runs every call on the caller (as -Dcastnet.threads=1). */
    static final KernelTeam ONE = new KernelTeam(1, 1, "unused-");

    private static final float FSENT = 777f;
    private static final double DSENT = 777.0;

    static void checkFloat(KernelTeam team, int batch, int in, int out, boolean bias, long seed) {
        Random rnd = new Random(seed);
        int pad = 3;
        float[] x = random(batch * in, pad, rnd), w = random(in * out, pad, rnd), b = random(out, pad, rnd);
        float[] dy = random(batch * out, pad, rnd);
        float[] y1 = sentinel(batch * out, pad), dw1 = sentinel(in * out, pad), dx1 = sentinel(batch * in, pad);
        float[] yN = sentinel(batch * out, pad), dwN = sentinel(in * out, pad), dxN = sentinel(batch * in, pad);
        DenseFloat.forward(ONE, x, pad, w, pad, bias ? b : null, pad, y1, pad, batch, in, out);
        DenseFloat.weightGradient(ONE, x, pad, dy, pad, dw1, pad, batch, in, out);
        DenseFloat.inputGradient(ONE, dy, pad, w, pad, dx1, pad, batch, in, out);
        DenseFloat.forward(team, x, pad, w, pad, bias ? b : null, pad, yN, pad, batch, in, out);
        DenseFloat.weightGradient(team, x, pad, dy, pad, dwN, pad, batch, in, out);
        DenseFloat.inputGradient(team, dy, pad, w, pad, dxN, pad, batch, in, out);
        String what = " (team of " + team.threads + ", batch " + batch + ", in " + in + ", out " + out + ")";
        sameBits(y1, yN, "forward" + what);
        sameBits(dw1, dwN, "weightGradient" + what);
        sameBits(dx1, dxN, "inputGradient" + what);
    }

    static void checkDouble(KernelTeam team, int batch, int in, int out, boolean bias, long seed) {
        Random rnd = new Random(seed);
        int pad = 5;
        double[] x = randomD(batch * in, pad, rnd), w = randomD(in * out, pad, rnd), b = randomD(out, pad, rnd);
        double[] dy = randomD(batch * out, pad, rnd);
        double[] y1 = sentinelD(batch * out, pad), dw1 = sentinelD(in * out, pad), dx1 = sentinelD(batch * in, pad);
        double[] yN = sentinelD(batch * out, pad), dwN = sentinelD(in * out, pad), dxN = sentinelD(batch * in, pad);
        DenseDouble.forward(ONE, x, pad, w, pad, bias ? b : null, pad, y1, pad, batch, in, out);
        DenseDouble.weightGradient(ONE, x, pad, dy, pad, dw1, pad, batch, in, out);
        DenseDouble.inputGradient(ONE, dy, pad, w, pad, dx1, pad, batch, in, out);
        DenseDouble.forward(team, x, pad, w, pad, bias ? b : null, pad, yN, pad, batch, in, out);
        DenseDouble.weightGradient(team, x, pad, dy, pad, dwN, pad, batch, in, out);
        DenseDouble.inputGradient(team, dy, pad, w, pad, dxN, pad, batch, in, out);
        String what = " (team of " + team.threads + ", batch " + batch + ", in " + in + ", out " + out + ")";
        sameBits(y1, yN, "forward" + what);
        sameBits(dw1, dwN, "weightGradient" + what);
        sameBits(dx1, dxN, "inputGradient" + what);
    }

    static void sameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", single-threaded " + expected[i]);
            }
        }
    }

    static void sameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", single-threaded " + expected[i]);
            }
        }
    }

    /** Values in [-0.5, 0.5) after {@code pad} sentinels, then {@code pad} more sentinels. */
    static float[] random(int n, int pad, Random rnd) {
        float[] a = sentinel(n, pad);
        for (int i = 0; i < n; i++) a[pad + i] = rnd.nextFloat() - 0.5f;
        return a;
    }

    static double[] randomD(int n, int pad, Random rnd) {
        double[] a = sentinelD(n, pad);
        for (int i = 0; i < n; i++) a[pad + i] = rnd.nextDouble() - 0.5;
        return a;
    }

    private static float[] sentinel(int n, int pad) {
        float[] a = new float[n + 2 * pad];
        java.util.Arrays.fill(a, FSENT);
        return a;
    }

    private static double[] sentinelD(int n, int pad) {
        double[] a = new double[n + 2 * pad];
        java.util.Arrays.fill(a, DSENT);
        return a;
    }
}
