package dev.castnet.runtime.kernel;

import java.util.Arrays;

/**
 * Dense-layer kernels in plain Java, used when {@code jdk.incubator.vector} is absent or disabled; {@link
 * VectorDense} holds the register-blocked twin. The innermost loops have the shape HotSpot's superword pass
 * vectorizes (contiguous columns, scalars broadcast from outside), but on JDK 17 it does not vectorize a loop whose
 * load and store use different unknown offsets: measured, {@code c[o + j] += x * m[o + j]} runs four times faster
 * than with {@code -XX:-UseSuperWord}, {@code c[o + j] += x * m[p + j]} no faster. With offsets into packed buffers
 * every loop here is of the second kind, so the blocking is chosen for scalar code: four rows by four steps, sixteen
 * independent multiply-adds per column, one load and store of the output per sixteen (about 11 GFLOP/s against
 * 6 for a plain saxpy loop).
 *
 * <p>Forward and weight gradient are the same computation, {@code C[r][:] += sum_t a(r, t) * B[t][:]}, with
 * {@code B} and {@code C} of row length {@code out}; only the strides of the scalar operand differ (forward:
 * {@code x[b][k]}, rows b, reduction over k; weight gradient: {@code x[b][k]}, rows k, reduction over b). Both go
 * through {@link #accumulate}. Each method takes a row range so a second thread can take the other half later:
 * forward and input gradient split batch rows, the weight gradient splits rows of {@code dw} (no reduction across
 * threads needed).
 */
final class PlainDense {
    private PlainDense() {}

    // ---------------------------------------------------------------- float

    static void forward(float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff, float[] y, int yOff,
                        int b0, int b1, int in, int out) {
        for (int b = b0; b < b1; b++) {
            int yr = yOff + b * out;
            if (bias == null) {
                Arrays.fill(y, yr, yr + out, 0f);
            } else {
                System.arraycopy(bias, biasOff, y, yr, out);
            }
        }
        accumulate(x, xOff + b0 * in, in, 1, w, wOff, y, yOff + b0 * out, b1 - b0, in, out, out);
    }

    static void weightGradient(float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                               int k0, int k1, int batch, int in, int out) {
        Arrays.fill(dw, dwOff + k0 * out, dwOff + k1 * out, 0f);
        accumulate(x, xOff + k0, 1, in, dy, dyOff, dw, dwOff + k0 * out, k1 - k0, batch, out, out);
    }

    static void biasGradient(float[] dy, int dyOff, float[] db, int dbOff, int batch, int out) {
        Arrays.fill(db, dbOff, dbOff + out, 0f);
        for (int b = 0; b < batch; b++) {
            int g = dyOff + b * out;
            for (int j = 0; j < out; j++) {
                db[dbOff + j] += dy[g + j];
            }
        }
    }

    /**
     * {@code c[r][j] += sum_{t<n} a[aOff + r*aRow + t*aStep] * m[mOff + t*ld + j]} for {@code r < rows},
     * {@code j < width}; {@code c} rows are {@code ld} apart. Four rows by four reduction steps per pass: each
     * column of {@code c} is loaded and stored once per 16 multiply-adds, and the inner loop is the contiguous,
     * broadcast-scalar form the JIT vectorizes.
     */
    static void accumulate(float[] a, int aOff, int aRow, int aStep, float[] m, int mOff, float[] c, int cOff,
                           int rows, int n, int width, int ld) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = aOff + r * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
            int c0 = cOff + r * ld, c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
            int t = 0;
            for (; t + 4 <= n; t += 4) {
                int s0 = t * aStep, s1 = s0 + aStep, s2 = s1 + aStep, s3 = s2 + aStep;
                float x00 = a[a0 + s0], x01 = a[a0 + s1], x02 = a[a0 + s2], x03 = a[a0 + s3];
                float x10 = a[a1 + s0], x11 = a[a1 + s1], x12 = a[a1 + s2], x13 = a[a1 + s3];
                float x20 = a[a2 + s0], x21 = a[a2 + s1], x22 = a[a2 + s2], x23 = a[a2 + s3];
                float x30 = a[a3 + s0], x31 = a[a3 + s1], x32 = a[a3 + s2], x33 = a[a3 + s3];
                int m0 = mOff + t * ld, m1 = m0 + ld, m2 = m1 + ld, m3 = m2 + ld;
                for (int j = 0; j < width; j++) {
                    float v0 = m[m0 + j], v1 = m[m1 + j], v2 = m[m2 + j], v3 = m[m3 + j];
                    c[c0 + j] += (x00 * v0 + x01 * v1) + (x02 * v2 + x03 * v3);
                    c[c1 + j] += (x10 * v0 + x11 * v1) + (x12 * v2 + x13 * v3);
                    c[c2 + j] += (x20 * v0 + x21 * v1) + (x22 * v2 + x23 * v3);
                    c[c3 + j] += (x30 * v0 + x31 * v1) + (x32 * v2 + x33 * v3);
                }
            }
            for (; t < n; t++) {
                int s = t * aStep;
                float x0 = a[a0 + s], x1 = a[a1 + s], x2 = a[a2 + s], x3 = a[a3 + s];
                int m0 = mOff + t * ld;
                for (int j = 0; j < width; j++) {
                    float v = m[m0 + j];
                    c[c0 + j] += x0 * v;
                    c[c1 + j] += x1 * v;
                    c[c2 + j] += x2 * v;
                    c[c3 + j] += x3 * v;
                }
            }
        }
        for (; r < rows; r++) {
            int a0 = aOff + r * aRow;
            int c0 = cOff + r * ld;
            int t = 0;
            for (; t + 4 <= n; t += 4) {
                int s0 = t * aStep;
                float x0 = a[a0 + s0], x1 = a[a0 + s0 + aStep], x2 = a[a0 + s0 + 2 * aStep], x3 = a[a0 + s0 + 3 * aStep];
                int m0 = mOff + t * ld, m1 = m0 + ld, m2 = m1 + ld, m3 = m2 + ld;
                for (int j = 0; j < width; j++) {
                    c[c0 + j] += (x0 * m[m0 + j] + x1 * m[m1 + j]) + (x2 * m[m2 + j] + x3 * m[m3 + j]);
                }
            }
            for (; t < n; t++) {
                float x0 = a[a0 + t * aStep];
                int m0 = mOff + t * ld;
                for (int j = 0; j < width; j++) {
                    c[c0 + j] += x0 * m[m0 + j];
                }
            }
        }
    }

    /**
     * Rows {@code [b0, b1)} of {@code dx = dy * w^T}. Each entry is a dot product of two contiguous rows; the JIT
     * does not vectorize float reductions (their order is fixed by the language), so the loop instead keeps eight
     * independent scalar accumulators, two batch rows by four weight rows, to hide the add latency.
     */
    static void inputGradient(float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                              int b0, int b1, int in, int out) {
        int b = b0;
        for (; b + 2 <= b1; b += 2) {
            int g0 = dyOff + b * out, g1 = g0 + out;
            int d0 = dxOff + b * in, d1 = d0 + in;
            int k = 0;
            for (; k + 4 <= in; k += 4) {
                int w0 = wOff + k * out, w1 = w0 + out, w2 = w1 + out, w3 = w2 + out;
                float s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                for (int j = 0; j < out; j++) {
                    float p = dy[g0 + j], q = dy[g1 + j];
                    float v0 = w[w0 + j], v1 = w[w1 + j], v2 = w[w2 + j], v3 = w[w3 + j];
                    s00 += p * v0;
                    s01 += p * v1;
                    s02 += p * v2;
                    s03 += p * v3;
                    s10 += q * v0;
                    s11 += q * v1;
                    s12 += q * v2;
                    s13 += q * v3;
                }
                dx[d0 + k] = s00;
                dx[d0 + k + 1] = s01;
                dx[d0 + k + 2] = s02;
                dx[d0 + k + 3] = s03;
                dx[d1 + k] = s10;
                dx[d1 + k + 1] = s11;
                dx[d1 + k + 2] = s12;
                dx[d1 + k + 3] = s13;
            }
            for (; k < in; k++) {
                dx[d0 + k] = dot(dy, g0, w, wOff + k * out, out);
                dx[d1 + k] = dot(dy, g1, w, wOff + k * out, out);
            }
        }
        for (; b < b1; b++) {
            int g0 = dyOff + b * out;
            int d0 = dxOff + b * in;
            for (int k = 0; k < in; k++) {
                dx[d0 + k] = dot(dy, g0, w, wOff + k * out, out);
            }
        }
    }

    /** Dot product with four independent accumulators. */
    static float dot(float[] p, int pOff, float[] q, int qOff, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += p[pOff + j] * q[qOff + j];
            s1 += p[pOff + j + 1] * q[qOff + j + 1];
            s2 += p[pOff + j + 2] * q[qOff + j + 2];
            s3 += p[pOff + j + 3] * q[qOff + j + 3];
        }
        for (; j < n; j++) {
            s0 += p[pOff + j] * q[qOff + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    // ---------------------------------------------------------------- double: the float code with double lanes

    static void forward(double[] x, int xOff, double[] w, int wOff, double[] bias, int biasOff, double[] y, int yOff,
                        int b0, int b1, int in, int out) {
        for (int b = b0; b < b1; b++) {
            int yr = yOff + b * out;
            if (bias == null) {
                Arrays.fill(y, yr, yr + out, 0d);
            } else {
                System.arraycopy(bias, biasOff, y, yr, out);
            }
        }
        accumulate(x, xOff + b0 * in, in, 1, w, wOff, y, yOff + b0 * out, b1 - b0, in, out, out);
    }

    static void weightGradient(double[] x, int xOff, double[] dy, int dyOff, double[] dw, int dwOff,
                               int k0, int k1, int batch, int in, int out) {
        Arrays.fill(dw, dwOff + k0 * out, dwOff + k1 * out, 0d);
        accumulate(x, xOff + k0, 1, in, dy, dyOff, dw, dwOff + k0 * out, k1 - k0, batch, out, out);
    }

    static void biasGradient(double[] dy, int dyOff, double[] db, int dbOff, int batch, int out) {
        Arrays.fill(db, dbOff, dbOff + out, 0d);
        for (int b = 0; b < batch; b++) {
            int g = dyOff + b * out;
            for (int j = 0; j < out; j++) {
                db[dbOff + j] += dy[g + j];
            }
        }
    }

    static void accumulate(double[] a, int aOff, int aRow, int aStep, double[] m, int mOff, double[] c, int cOff,
                           int rows, int n, int width, int ld) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = aOff + r * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
            int c0 = cOff + r * ld, c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
            int t = 0;
            for (; t + 4 <= n; t += 4) {
                int s0 = t * aStep, s1 = s0 + aStep, s2 = s1 + aStep, s3 = s2 + aStep;
                double x00 = a[a0 + s0], x01 = a[a0 + s1], x02 = a[a0 + s2], x03 = a[a0 + s3];
                double x10 = a[a1 + s0], x11 = a[a1 + s1], x12 = a[a1 + s2], x13 = a[a1 + s3];
                double x20 = a[a2 + s0], x21 = a[a2 + s1], x22 = a[a2 + s2], x23 = a[a2 + s3];
                double x30 = a[a3 + s0], x31 = a[a3 + s1], x32 = a[a3 + s2], x33 = a[a3 + s3];
                int m0 = mOff + t * ld, m1 = m0 + ld, m2 = m1 + ld, m3 = m2 + ld;
                for (int j = 0; j < width; j++) {
                    double v0 = m[m0 + j], v1 = m[m1 + j], v2 = m[m2 + j], v3 = m[m3 + j];
                    c[c0 + j] += (x00 * v0 + x01 * v1) + (x02 * v2 + x03 * v3);
                    c[c1 + j] += (x10 * v0 + x11 * v1) + (x12 * v2 + x13 * v3);
                    c[c2 + j] += (x20 * v0 + x21 * v1) + (x22 * v2 + x23 * v3);
                    c[c3 + j] += (x30 * v0 + x31 * v1) + (x32 * v2 + x33 * v3);
                }
            }
            for (; t < n; t++) {
                int s = t * aStep;
                double x0 = a[a0 + s], x1 = a[a1 + s], x2 = a[a2 + s], x3 = a[a3 + s];
                int m0 = mOff + t * ld;
                for (int j = 0; j < width; j++) {
                    double v = m[m0 + j];
                    c[c0 + j] += x0 * v;
                    c[c1 + j] += x1 * v;
                    c[c2 + j] += x2 * v;
                    c[c3 + j] += x3 * v;
                }
            }
        }
        for (; r < rows; r++) {
            int a0 = aOff + r * aRow;
            int c0 = cOff + r * ld;
            int t = 0;
            for (; t + 4 <= n; t += 4) {
                int s0 = t * aStep;
                double x0 = a[a0 + s0], x1 = a[a0 + s0 + aStep], x2 = a[a0 + s0 + 2 * aStep], x3 = a[a0 + s0 + 3 * aStep];
                int m0 = mOff + t * ld, m1 = m0 + ld, m2 = m1 + ld, m3 = m2 + ld;
                for (int j = 0; j < width; j++) {
                    c[c0 + j] += (x0 * m[m0 + j] + x1 * m[m1 + j]) + (x2 * m[m2 + j] + x3 * m[m3 + j]);
                }
            }
            for (; t < n; t++) {
                double x0 = a[a0 + t * aStep];
                int m0 = mOff + t * ld;
                for (int j = 0; j < width; j++) {
                    c[c0 + j] += x0 * m[m0 + j];
                }
            }
        }
    }

    static void inputGradient(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                              int b0, int b1, int in, int out) {
        int b = b0;
        for (; b + 2 <= b1; b += 2) {
            int g0 = dyOff + b * out, g1 = g0 + out;
            int d0 = dxOff + b * in, d1 = d0 + in;
            int k = 0;
            for (; k + 4 <= in; k += 4) {
                int w0 = wOff + k * out, w1 = w0 + out, w2 = w1 + out, w3 = w2 + out;
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                for (int j = 0; j < out; j++) {
                    double p = dy[g0 + j], q = dy[g1 + j];
                    double v0 = w[w0 + j], v1 = w[w1 + j], v2 = w[w2 + j], v3 = w[w3 + j];
                    s00 += p * v0;
                    s01 += p * v1;
                    s02 += p * v2;
                    s03 += p * v3;
                    s10 += q * v0;
                    s11 += q * v1;
                    s12 += q * v2;
                    s13 += q * v3;
                }
                dx[d0 + k] = s00;
                dx[d0 + k + 1] = s01;
                dx[d0 + k + 2] = s02;
                dx[d0 + k + 3] = s03;
                dx[d1 + k] = s10;
                dx[d1 + k + 1] = s11;
                dx[d1 + k + 2] = s12;
                dx[d1 + k + 3] = s13;
            }
            for (; k < in; k++) {
                dx[d0 + k] = dot(dy, g0, w, wOff + k * out, out);
                dx[d1 + k] = dot(dy, g1, w, wOff + k * out, out);
            }
        }
        for (; b < b1; b++) {
            int g0 = dyOff + b * out;
            int d0 = dxOff + b * in;
            for (int k = 0; k < in; k++) {
                dx[d0 + k] = dot(dy, g0, w, wOff + k * out, out);
            }
        }
    }

    static double dot(double[] p, int pOff, double[] q, int qOff, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            s0 += p[pOff + j] * q[qOff + j];
            s1 += p[pOff + j + 1] * q[qOff + j + 1];
            s2 += p[pOff + j + 2] * q[qOff + j + 2];
            s3 += p[pOff + j + 3] * q[qOff + j + 3];
        }
        for (; j < n; j++) {
            s0 += p[pOff + j] * q[qOff + j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
