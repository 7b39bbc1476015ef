package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * Packs every operand of the four kernels into one array at random offsets, runs a kernel implementation and
 * checks the outputs against the textbook triple loops in double. Outputs start as NaN, so a kernel that
 * accumulates instead of overwriting fails; the gaps hold a sentinel, so a kernel that writes outside its
 * output fails too.
 */
final class Reference {
    private Reference() {}

    private static final double SENTINEL = 777.0;

    /** Offsets of x, w, bias, y, dy, dw, db, dx in the packed array, and its length. */
    record Layout(int batch, int in, int out, int x, int w, int bias, int y, int dy, int dw, int db, int dx, int length) {
        static Layout random(int batch, int in, int out, Random rnd) {
            int[] sizes = {batch * in, in * out, out, batch * out, batch * out, in * out, out, batch * in};
            int[] offs = new int[sizes.length];
            int p = rnd.nextInt(6);
            for (int i = 0; i < sizes.length; i++) {
                offs[i] = p;
                p += sizes[i] + rnd.nextInt(6);
            }
            return new Layout(batch, in, out, offs[0], offs[1], offs[2], offs[3], offs[4], offs[5], offs[6], offs[7], p);
        }

        boolean isOutput(int i) {
            return in(i, y, batch * out) || in(i, dw, in * out) || in(i, db, out) || in(i, dx, batch * in);
        }

        private static boolean in(int i, int off, int size) {
            return i >= off && i < off + size;
        }
    }

    static void checkFloat(Impl impl, int batch, int in, int out, boolean bias, long seed) {
        Random rnd = new Random(seed);
        Layout l = Layout.random(batch, in, out, rnd);
        float[] a = new float[l.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.isOutput(i) ? Float.NaN : (float) SENTINEL;
        }
        fill(a, l.x, batch * in, rnd);
        fill(a, l.w, in * out, rnd);
        fill(a, l.bias, out, rnd);
        fill(a, l.dy, batch * out, rnd);
        float[] before = a.clone();
        impl.forward(a, l.x, a, l.w, bias ? a : null, l.bias, a, l.y, batch, in, out);
        impl.weightGradient(a, l.x, a, l.dy, a, l.dw, batch, in, out);
        impl.biasGradient(a, l.dy, a, l.db, batch, out);
        impl.inputGradient(a, l.dy, a, l.w, a, l.dx, batch, in, out);
        double[] d = new double[a.length];
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
            b[i] = before[i];
        }
        verify(impl + " float", b, d, l, bias, 0x1p-24);
    }

    static void checkDouble(Impl impl, int batch, int in, int out, boolean bias, long seed) {
        Random rnd = new Random(seed);
        Layout l = Layout.random(batch, in, out, rnd);
        double[] a = new double[l.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.isOutput(i) ? Double.NaN : SENTINEL;
        }
        fill(a, l.x, batch * in, rnd);
        fill(a, l.w, in * out, rnd);
        fill(a, l.bias, out, rnd);
        fill(a, l.dy, batch * out, rnd);
        double[] before = a.clone();
        impl.forward(a, l.x, a, l.w, bias ? a : null, l.bias, a, l.y, batch, in, out);
        impl.weightGradient(a, l.x, a, l.dy, a, l.dw, batch, in, out);
        impl.biasGradient(a, l.dy, a, l.db, batch, out);
        impl.inputGradient(a, l.dy, a, l.w, a, l.dx, batch, in, out);
        verify(impl + " double", before, a, l, bias, 0x1p-53);
    }

    private static void fill(float[] a, int off, int n, Random rnd) {
        for (int i = 0; i < n; i++) a[off + i] = rnd.nextFloat() * 2 - 1;
    }

    private static void fill(double[] a, int off, int n, Random rnd) {
        for (int i = 0; i < n; i++) a[off + i] = rnd.nextDouble() * 2 - 1;
    }

    /**
     * Each output is a sum of n products; computed in any order with unit roundoff u its error is at most
     * gamma(n) * sum |terms|, gamma(n) = n*u / (1 - n*u) (Higham, Accuracy and Stability of Numerical
     * Algorithms, eq. 3.5). That bound holds for every blocking and for fused multiply-add, yet a lost or doubled
     * term is far outside it. The reference, summed in double, has its own error of the same kind, which
     * matters only when the kernel is in double too.
     */
    private static void verify(String what, double[] before, double[] after, Layout l, boolean bias, double u) {
        int batch = l.batch, in = l.in, out = l.out;
        for (int i = 0; i < after.length; i++) {
            if (!l.isOutput(i) && Double.doubleToLongBits(after[i]) != Double.doubleToLongBits(before[i])) {
                fail(what + " " + batch + "x" + in + "x" + out + ": wrote outside its outputs at index " + i);
            }
        }
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < out; j++) {
                double s = bias ? before[l.bias + j] : 0, m = Math.abs(s);
                for (int k = 0; k < in; k++) {
                    double t = before[l.x + b * in + k] * before[l.w + k * out + j];
                    s += t;
                    m += Math.abs(t);
                }
                near(what + " forward y[" + b + "][" + j + "]", s, after[l.y + b * out + j], m, in + 1, u, l);
            }
        }
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                double s = 0, m = 0;
                for (int b = 0; b < batch; b++) {
                    double t = before[l.x + b * in + k] * before[l.dy + b * out + j];
                    s += t;
                    m += Math.abs(t);
                }
                near(what + " weightGradient dw[" + k + "][" + j + "]", s, after[l.dw + k * out + j], m, batch, u, l);
            }
        }
        for (int j = 0; j < out; j++) {
            double s = 0, m = 0;
            for (int b = 0; b < batch; b++) {
                s += before[l.dy + b * out + j];
                m += Math.abs(before[l.dy + b * out + j]);
            }
            near(what + " biasGradient db[" + j + "]", s, after[l.db + j], m, batch, u, l);
        }
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < in; k++) {
                double s = 0, m = 0;
                for (int j = 0; j < out; j++) {
                    double t = before[l.dy + b * out + j] * before[l.w + k * out + j];
                    s += t;
                    m += Math.abs(t);
                }
                near(what + " inputGradient dx[" + b + "][" + k + "]", s, after[l.dx + b * in + k], m, out, u, l);
            }
        }
    }

    private static double gamma(int n, double u) {
        return n * u / (1 - n * u);
    }

    private static void near(String what, double expected, double actual, double magnitude, int n, double u, Layout l) {
        double tolerance = (gamma(n, u) + gamma(n, 0x1p-53)) * magnitude + Double.MIN_NORMAL;
        if (!(Math.abs(actual - expected) <= tolerance)) {
            fail(what + " for batch=" + l.batch + " in=" + l.in + " out=" + l.out + ": expected " + expected
                    + " got " + actual + " (tolerance " + tolerance + ")");
        }
    }
}
