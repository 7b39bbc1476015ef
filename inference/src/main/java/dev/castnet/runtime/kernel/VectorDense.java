package dev.castnet.runtime.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked dense-layer kernels on {@code jdk.incubator.vector}. Loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} ({@link DenseKernels} decides once, at class initialization); without
 * the module this class must never be touched, so nothing else refers to it.
 *
 * <p>Forward and weight gradient share one micro-kernel, {@code C[r][:] += sum_t a(r, t) * M[t][:]} (see
 * {@link PlainDense}): a 4 x 4 block keeps four rows of {@code C} by four vectors of columns in sixteen
 * accumulator registers, so each step loads four vectors of {@code M} and four scalars of {@code a} for sixteen
 * vector multiply-adds: 16 + 4 + 1 of the 32 vector registers of AVX-512 or ARM. x86 below AVX-512 has 16, where
 * that block spills; there 4 x 2 blocks run (measured 61 against 38 GFLOP/s with {@code -XX:UseAVX=2}). Columns
 * left over after whole vectors go to the plain loops, because masked loads are slow and allocate in the JDK 17
 * incubator. The input gradient is a block of 4 x 4 (or 4 x 2) vector dot products, reduced across lanes once per
 * block in a fixed order, so results do not depend on whether the JIT compiled the kernel: by pairwise folds when a
 * vector holds 16 floats (see {@link #FOLD_16}), otherwise through a per-thread scratch array (see
 * {@link #FLOAT_SCRATCH}). Both are written out in place: through a helper method taking {@code FloatVector} the
 * JIT did not always bind the calls and boxed every vector.
 */
final class VectorDense {
    private VectorDense() {}

    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    /**
     * With exactly 16 float lanes the 16 dot products of a 4 x 4 block are summed by four rounds of pairwise folds
     * (blend, swap lanes i and i^h, add; h = 8, 4, 2, 1) into one vector holding all 16 sums: 15 folds instead of
     * 16 lane reductions, which on JDK 17 add their lanes one after another.
     */
    private static final boolean FOLD_16 = FL == 16;
    private static final VectorMask<Float> FOLD_MASK_8 = foldMask(8), FOLD_MASK_4 = foldMask(4);
    private static final VectorMask<Float> FOLD_MASK_2 = foldMask(2), FOLD_MASK_1 = foldMask(1);
    private static final VectorShuffle<Float> FOLD_SWAP_8 = foldSwap(8), FOLD_SWAP_4 = foldSwap(4);
    private static final VectorShuffle<Float> FOLD_SWAP_2 = foldSwap(2), FOLD_SWAP_1 = foldSwap(1);

    private static VectorMask<Float> foldMask(int h) {
        if (!FOLD_16) return null;
        boolean[] bits = new boolean[FL];
        for (int i = 0; i < FL; i++) bits[i] = (i & h) != 0;
        return VectorMask.fromArray(FS, bits, 0);
    }

    private static VectorShuffle<Float> foldSwap(int h) {
        if (!FOLD_16) return null;
        int[] lanes = new int[FL];
        for (int i = 0; i < FL; i++) lanes[i] = i ^ h;
        return VectorShuffle.fromArray(FS, lanes, 0);
    }

    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int DL = DS.length();
    /**
     * Whether sixteen accumulators fit in registers: x86 has 16 vector registers below AVX-512, 32 with it; ARM
     * has 32. With 16 registers the 4 x 4 block spills, and 4 x 2 blocks run faster.
     */
    private static final boolean REGISTERS_32 = FS.vectorBitSize() >= 512
            || !System.getProperty("os.arch", "").matches("amd64|x86_64|x86|i386");

    /**
     * Per-thread room for the 16 accumulators of a 4 x 4 block of dot products, summed from there lane by lane.
     * {@code reduceLanes} is not used for those sums: its order is left to the implementation, and on JDK 25 the
     * compiled intrinsic adds the lanes in another order than the interpreter, so results changed in the last bit
     * once the JIT compiled a kernel. Storing with {@code intoArray} at the site where the vector is created
     * neither boxes nor depends on inlining a helper that takes a vector. One array per thread because the caller
     * and the {@link KernelTeam} workers (and any user threads) run kernels at the same time.
     */
    private static final ThreadLocal<float[]> FLOAT_SCRATCH = ThreadLocal.withInitial(() -> new float[16 * FL]);
    private static final ThreadLocal<double[]> DOUBLE_SCRATCH = ThreadLocal.withInitial(() -> new double[16 * DL]);

    /** The lanes of one vector stored at {@code off}, added in lane order. */
    private static float sum(float[] lanes, int off) {
        float r = lanes[off];
        for (int l = 1; l < FL; l++) {
            r += lanes[off + l];
        }
        return r;
    }

    private static double sum(double[] lanes, int off) {
        double r = lanes[off];
        for (int l = 1; l < DL; l++) {
            r += lanes[off + l];
        }
        return r;
    }

    static String describe() {
        return "jdk.incubator.vector, " + FS.vectorBitSize() + "-bit (" + FL + " floats, " + DL + " doubles)";
    }

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
        accumulate(x, xOff + b0 * in, in, 1, w, wOff, y, yOff + b0 * out, b1 - b0, in, out);
    }

    static void weightGradient(float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                               int k0, int k1, int batch, int in, int out) {
        Arrays.fill(dw, dwOff + k0 * out, dwOff + k1 * out, 0f);
        accumulate(x, xOff + k0, 1, in, dy, dyOff, dw, dwOff + k0 * out, k1 - k0, batch, out);
    }

    static void biasGradient(float[] dy, int dyOff, float[] db, int dbOff, int batch, int out) {
        int j = 0;
        for (; j + FL <= out; j += FL) {
            FloatVector s = FloatVector.zero(FS);
            for (int b = 0, g = dyOff + j; b < batch; b++, g += out) {
                s = s.add(FloatVector.fromArray(FS, dy, g));
            }
            s.intoArray(db, dbOff + j);
        }
        for (; j < out; j++) {
            float s = 0;
            for (int b = 0, g = dyOff + j; b < batch; b++, g += out) {
                s += dy[g];
            }
            db[dbOff + j] = s;
        }
    }

    /** {@code c[r][j] += sum_{t<n} a[aOff + r*aRow + t*aStep] * m[mOff + t*ld + j]}, rows of c {@code ld} apart. */
    static void accumulate(float[] a, int aOff, int aRow, int aStep, float[] m, int mOff, float[] c, int cOff,
                           int rows, int n, int ld) {
        int j = 0;
        if (REGISTERS_32) {
            for (; j + 4 * FL <= ld; j += 4 * FL) {
                int r = 0;
                for (; r + 4 <= rows; r += 4) {
                    block4x4(a, aOff + r * aRow, aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
                }
                for (; r < rows; r++) {
                    block1x4(a, aOff + r * aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
                }
            }
        }
        for (; j + 2 * FL <= ld; j += 2 * FL) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                block4x2(a, aOff + r * aRow, aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
            }
            for (; r < rows; r++) {
                block1x1(a, aOff + r * aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
                block1x1(a, aOff + r * aRow, aStep, m, mOff + j + FL, c, cOff + r * ld + j + FL, n, ld);
            }
        }
        for (; j + FL <= ld; j += FL) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                block4x1(a, aOff + r * aRow, aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
            }
            for (; r < rows; r++) {
                block1x1(a, aOff + r * aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
            }
        }
        if (j < ld) {
            PlainDense.accumulate(a, aOff, aRow, aStep, m, mOff + j, c, cOff + j, rows, n, ld - j, ld);
        }
    }

    private static void block4x4(float[] a, int a0, int aRow, int aStep, float[] m, int m0, float[] c, int c0,
                                 int n, int ld) {
        int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        int c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
        FloatVector s00 = FloatVector.fromArray(FS, c, c0), s01 = FloatVector.fromArray(FS, c, c0 + FL);
        FloatVector s02 = FloatVector.fromArray(FS, c, c0 + 2 * FL), s03 = FloatVector.fromArray(FS, c, c0 + 3 * FL);
        FloatVector s10 = FloatVector.fromArray(FS, c, c1), s11 = FloatVector.fromArray(FS, c, c1 + FL);
        FloatVector s12 = FloatVector.fromArray(FS, c, c1 + 2 * FL), s13 = FloatVector.fromArray(FS, c, c1 + 3 * FL);
        FloatVector s20 = FloatVector.fromArray(FS, c, c2), s21 = FloatVector.fromArray(FS, c, c2 + FL);
        FloatVector s22 = FloatVector.fromArray(FS, c, c2 + 2 * FL), s23 = FloatVector.fromArray(FS, c, c2 + 3 * FL);
        FloatVector s30 = FloatVector.fromArray(FS, c, c3), s31 = FloatVector.fromArray(FS, c, c3 + FL);
        FloatVector s32 = FloatVector.fromArray(FS, c, c3 + 2 * FL), s33 = FloatVector.fromArray(FS, c, c3 + 3 * FL);
        for (int t = 0, ai = 0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            FloatVector v0 = FloatVector.fromArray(FS, m, mi), v1 = FloatVector.fromArray(FS, m, mi + FL);
            FloatVector v2 = FloatVector.fromArray(FS, m, mi + 2 * FL), v3 = FloatVector.fromArray(FS, m, mi + 3 * FL);
            FloatVector e = FloatVector.broadcast(FS, a[a0 + ai]);
            s00 = v0.fma(e, s00);
            s01 = v1.fma(e, s01);
            s02 = v2.fma(e, s02);
            s03 = v3.fma(e, s03);
            e = FloatVector.broadcast(FS, a[a1 + ai]);
            s10 = v0.fma(e, s10);
            s11 = v1.fma(e, s11);
            s12 = v2.fma(e, s12);
            s13 = v3.fma(e, s13);
            e = FloatVector.broadcast(FS, a[a2 + ai]);
            s20 = v0.fma(e, s20);
            s21 = v1.fma(e, s21);
            s22 = v2.fma(e, s22);
            s23 = v3.fma(e, s23);
            e = FloatVector.broadcast(FS, a[a3 + ai]);
            s30 = v0.fma(e, s30);
            s31 = v1.fma(e, s31);
            s32 = v2.fma(e, s32);
            s33 = v3.fma(e, s33);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + FL);
        s02.intoArray(c, c0 + 2 * FL);
        s03.intoArray(c, c0 + 3 * FL);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + FL);
        s12.intoArray(c, c1 + 2 * FL);
        s13.intoArray(c, c1 + 3 * FL);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + FL);
        s22.intoArray(c, c2 + 2 * FL);
        s23.intoArray(c, c2 + 3 * FL);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + FL);
        s32.intoArray(c, c3 + 2 * FL);
        s33.intoArray(c, c3 + 3 * FL);
    }

    private static void block4x2(float[] a, int a0, int aRow, int aStep, float[] m, int m0, float[] c, int c0,
                                 int n, int ld) {
        int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        int c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
        FloatVector s00 = FloatVector.fromArray(FS, c, c0), s01 = FloatVector.fromArray(FS, c, c0 + FL);
        FloatVector s10 = FloatVector.fromArray(FS, c, c1), s11 = FloatVector.fromArray(FS, c, c1 + FL);
        FloatVector s20 = FloatVector.fromArray(FS, c, c2), s21 = FloatVector.fromArray(FS, c, c2 + FL);
        FloatVector s30 = FloatVector.fromArray(FS, c, c3), s31 = FloatVector.fromArray(FS, c, c3 + FL);
        for (int t = 0, ai = 0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            FloatVector v0 = FloatVector.fromArray(FS, m, mi), v1 = FloatVector.fromArray(FS, m, mi + FL);
            FloatVector e = FloatVector.broadcast(FS, a[a0 + ai]);
            s00 = v0.fma(e, s00);
            s01 = v1.fma(e, s01);
            e = FloatVector.broadcast(FS, a[a1 + ai]);
            s10 = v0.fma(e, s10);
            s11 = v1.fma(e, s11);
            e = FloatVector.broadcast(FS, a[a2 + ai]);
            s20 = v0.fma(e, s20);
            s21 = v1.fma(e, s21);
            e = FloatVector.broadcast(FS, a[a3 + ai]);
            s30 = v0.fma(e, s30);
            s31 = v1.fma(e, s31);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + FL);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + FL);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + FL);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + FL);
    }

    private static void block1x4(float[] a, int a0, int aStep, float[] m, int m0, float[] c, int c0, int n, int ld) {
        FloatVector s0 = FloatVector.fromArray(FS, c, c0), s1 = FloatVector.fromArray(FS, c, c0 + FL);
        FloatVector s2 = FloatVector.fromArray(FS, c, c0 + 2 * FL), s3 = FloatVector.fromArray(FS, c, c0 + 3 * FL);
        for (int t = 0, ai = a0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            FloatVector e = FloatVector.broadcast(FS, a[ai]);
            s0 = FloatVector.fromArray(FS, m, mi).fma(e, s0);
            s1 = FloatVector.fromArray(FS, m, mi + FL).fma(e, s1);
            s2 = FloatVector.fromArray(FS, m, mi + 2 * FL).fma(e, s2);
            s3 = FloatVector.fromArray(FS, m, mi + 3 * FL).fma(e, s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + FL);
        s2.intoArray(c, c0 + 2 * FL);
        s3.intoArray(c, c0 + 3 * FL);
    }

    private static void block4x1(float[] a, int a0, int aRow, int aStep, float[] m, int m0, float[] c, int c0,
                                 int n, int ld) {
        int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        int c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
        FloatVector s0 = FloatVector.fromArray(FS, c, c0), s1 = FloatVector.fromArray(FS, c, c1);
        FloatVector s2 = FloatVector.fromArray(FS, c, c2), s3 = FloatVector.fromArray(FS, c, c3);
        for (int t = 0, ai = 0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            FloatVector v = FloatVector.fromArray(FS, m, mi);
            s0 = v.fma(FloatVector.broadcast(FS, a[a0 + ai]), s0);
            s1 = v.fma(FloatVector.broadcast(FS, a[a1 + ai]), s1);
            s2 = v.fma(FloatVector.broadcast(FS, a[a2 + ai]), s2);
            s3 = v.fma(FloatVector.broadcast(FS, a[a3 + ai]), s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c1);
        s2.intoArray(c, c2);
        s3.intoArray(c, c3);
    }

    private static void block1x1(float[] a, int a0, int aStep, float[] m, int m0, float[] c, int c0, int n, int ld) {
        FloatVector s = FloatVector.fromArray(FS, c, c0);
        for (int t = 0, ai = a0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            s = FloatVector.fromArray(FS, m, mi).fma(FloatVector.broadcast(FS, a[ai]), s);
        }
        s.intoArray(c, c0);
    }

    /** Rows {@code [b0, b1)} of {@code dx = dy * w^T}: blocks of 4 batch rows by 4 weight rows of dot products. */
    static void inputGradient(float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                              int b0, int b1, int in, int out) {
        if (out < FL) { // no whole vector per row: the scalar blocks of the plain loops do better
            PlainDense.inputGradient(dy, dyOff, w, wOff, dx, dxOff, b0, b1, in, out);
            return;
        }
        float[] scratch = FLOAT_SCRATCH.get();
        int b = b0;
        for (; b + 4 <= b1; b += 4) {
            int k = 0;
            if (REGISTERS_32) {
                for (; k + 4 <= in; k += 4) {
                    dot4x4(dy, dyOff + b * out, w, wOff + k * out, dx, dxOff + b * in + k, in, out, scratch);
                }
            }
            for (; k + 2 <= in; k += 2) {
                dot4x2(dy, dyOff + b * out, w, wOff + k * out, dx, dxOff + b * in + k, in, out, scratch);
            }
            for (; k < in; k++) {
                for (int r = 0; r < 4; r++) {
                    dx[dxOff + (b + r) * in + k] =
                            dot(dy, dyOff + (b + r) * out, w, wOff + k * out, out, scratch);
                }
            }
        }
        for (; b < b1; b++) {
            for (int k = 0; k < in; k++) {
                dx[dxOff + b * in + k] = dot(dy, dyOff + b * out, w, wOff + k * out, out, scratch);
            }
        }
    }

    private static void dot4x4(float[] dy, int g0, float[] w, int w0, float[] dx, int d0, int in, int out,
                               float[] scratch) {
        int g1 = g0 + out, g2 = g1 + out, g3 = g2 + out;
        int w1 = w0 + out, w2 = w1 + out, w3 = w2 + out;
        FloatVector s00 = FloatVector.zero(FS), s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        FloatVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int j = 0;
        for (; j + FL <= out; j += FL) {
            FloatVector q0 = FloatVector.fromArray(FS, w, w0 + j), q1 = FloatVector.fromArray(FS, w, w1 + j);
            FloatVector q2 = FloatVector.fromArray(FS, w, w2 + j), q3 = FloatVector.fromArray(FS, w, w3 + j);
            FloatVector p = FloatVector.fromArray(FS, dy, g0 + j);
            s00 = p.fma(q0, s00);
            s01 = p.fma(q1, s01);
            s02 = p.fma(q2, s02);
            s03 = p.fma(q3, s03);
            p = FloatVector.fromArray(FS, dy, g1 + j);
            s10 = p.fma(q0, s10);
            s11 = p.fma(q1, s11);
            s12 = p.fma(q2, s12);
            s13 = p.fma(q3, s13);
            p = FloatVector.fromArray(FS, dy, g2 + j);
            s20 = p.fma(q0, s20);
            s21 = p.fma(q1, s21);
            s22 = p.fma(q2, s22);
            s23 = p.fma(q3, s23);
            p = FloatVector.fromArray(FS, dy, g3 + j);
            s30 = p.fma(q0, s30);
            s31 = p.fma(q1, s31);
            s32 = p.fma(q2, s32);
            s33 = p.fma(q3, s33);
        }
        float r00, r01, r02, r03, r10, r11, r12, r13, r20, r21, r22, r23, r30, r31, r32, r33;
        if (FOLD_16) {
            // Pairwise folds (see FOLD_16) leave lane 4r + c holding the sum of s_rc: the pairing order is the
            // bit reversal of the lane number.
            FloatVector x0 = s00.blend(s20, FOLD_MASK_8).add(s20.blend(s00, FOLD_MASK_8).rearrange(FOLD_SWAP_8));
            FloatVector x1 = s10.blend(s30, FOLD_MASK_8).add(s30.blend(s10, FOLD_MASK_8).rearrange(FOLD_SWAP_8));
            FloatVector x2 = s02.blend(s22, FOLD_MASK_8).add(s22.blend(s02, FOLD_MASK_8).rearrange(FOLD_SWAP_8));
            FloatVector x3 = s12.blend(s32, FOLD_MASK_8).add(s32.blend(s12, FOLD_MASK_8).rearrange(FOLD_SWAP_8));
            FloatVector x4 = s01.blend(s21, FOLD_MASK_8).add(s21.blend(s01, FOLD_MASK_8).rearrange(FOLD_SWAP_8));
            FloatVector x5 = s11.blend(s31, FOLD_MASK_8).add(s31.blend(s11, FOLD_MASK_8).rearrange(FOLD_SWAP_8));
            FloatVector x6 = s03.blend(s23, FOLD_MASK_8).add(s23.blend(s03, FOLD_MASK_8).rearrange(FOLD_SWAP_8));
            FloatVector x7 = s13.blend(s33, FOLD_MASK_8).add(s33.blend(s13, FOLD_MASK_8).rearrange(FOLD_SWAP_8));
            FloatVector y0 = x0.blend(x1, FOLD_MASK_4).add(x1.blend(x0, FOLD_MASK_4).rearrange(FOLD_SWAP_4));
            FloatVector y1 = x2.blend(x3, FOLD_MASK_4).add(x3.blend(x2, FOLD_MASK_4).rearrange(FOLD_SWAP_4));
            FloatVector y2 = x4.blend(x5, FOLD_MASK_4).add(x5.blend(x4, FOLD_MASK_4).rearrange(FOLD_SWAP_4));
            FloatVector y3 = x6.blend(x7, FOLD_MASK_4).add(x7.blend(x6, FOLD_MASK_4).rearrange(FOLD_SWAP_4));
            FloatVector z0 = y0.blend(y1, FOLD_MASK_2).add(y1.blend(y0, FOLD_MASK_2).rearrange(FOLD_SWAP_2));
            FloatVector z1 = y2.blend(y3, FOLD_MASK_2).add(y3.blend(y2, FOLD_MASK_2).rearrange(FOLD_SWAP_2));
            FloatVector r = z0.blend(z1, FOLD_MASK_1).add(z1.blend(z0, FOLD_MASK_1).rearrange(FOLD_SWAP_1));
            r00 = r.lane(0);
            r01 = r.lane(1);
            r02 = r.lane(2);
            r03 = r.lane(3);
            r10 = r.lane(4);
            r11 = r.lane(5);
            r12 = r.lane(6);
            r13 = r.lane(7);
            r20 = r.lane(8);
            r21 = r.lane(9);
            r22 = r.lane(10);
            r23 = r.lane(11);
            r30 = r.lane(12);
            r31 = r.lane(13);
            r32 = r.lane(14);
            r33 = r.lane(15);
        } else {
            s00.intoArray(scratch, 0);
            s01.intoArray(scratch, FL);
            s02.intoArray(scratch, 2 * FL);
            s03.intoArray(scratch, 3 * FL);
            s10.intoArray(scratch, 4 * FL);
            s11.intoArray(scratch, 5 * FL);
            s12.intoArray(scratch, 6 * FL);
            s13.intoArray(scratch, 7 * FL);
            s20.intoArray(scratch, 8 * FL);
            s21.intoArray(scratch, 9 * FL);
            s22.intoArray(scratch, 10 * FL);
            s23.intoArray(scratch, 11 * FL);
            s30.intoArray(scratch, 12 * FL);
            s31.intoArray(scratch, 13 * FL);
            s32.intoArray(scratch, 14 * FL);
            s33.intoArray(scratch, 15 * FL);
            r00 = sum(scratch, 0);
            r01 = sum(scratch, FL);
            r02 = sum(scratch, 2 * FL);
            r03 = sum(scratch, 3 * FL);
            r10 = sum(scratch, 4 * FL);
            r11 = sum(scratch, 5 * FL);
            r12 = sum(scratch, 6 * FL);
            r13 = sum(scratch, 7 * FL);
            r20 = sum(scratch, 8 * FL);
            r21 = sum(scratch, 9 * FL);
            r22 = sum(scratch, 10 * FL);
            r23 = sum(scratch, 11 * FL);
            r30 = sum(scratch, 12 * FL);
            r31 = sum(scratch, 13 * FL);
            r32 = sum(scratch, 14 * FL);
            r33 = sum(scratch, 15 * FL);
        }
        for (; j < out; j++) {
            float q0 = w[w0 + j], q1 = w[w1 + j], q2 = w[w2 + j], q3 = w[w3 + j];
            float p = dy[g0 + j];
            r00 += p * q0;
            r01 += p * q1;
            r02 += p * q2;
            r03 += p * q3;
            p = dy[g1 + j];
            r10 += p * q0;
            r11 += p * q1;
            r12 += p * q2;
            r13 += p * q3;
            p = dy[g2 + j];
            r20 += p * q0;
            r21 += p * q1;
            r22 += p * q2;
            r23 += p * q3;
            p = dy[g3 + j];
            r30 += p * q0;
            r31 += p * q1;
            r32 += p * q2;
            r33 += p * q3;
        }
        int d1 = d0 + in, d2 = d1 + in, d3 = d2 + in;
        dx[d0] = r00;
        dx[d0 + 1] = r01;
        dx[d0 + 2] = r02;
        dx[d0 + 3] = r03;
        dx[d1] = r10;
        dx[d1 + 1] = r11;
        dx[d1 + 2] = r12;
        dx[d1 + 3] = r13;
        dx[d2] = r20;
        dx[d2 + 1] = r21;
        dx[d2 + 2] = r22;
        dx[d2 + 3] = r23;
        dx[d3] = r30;
        dx[d3 + 1] = r31;
        dx[d3 + 2] = r32;
        dx[d3 + 3] = r33;
    }

    private static void dot4x2(float[] dy, int g0, float[] w, int w0, float[] dx, int d0, int in, int out,
                               float[] scratch) {
        int g1 = g0 + out, g2 = g1 + out, g3 = g2 + out;
        int w1 = w0 + out;
        FloatVector s00 = FloatVector.zero(FS), s01 = s00, s10 = s00, s11 = s00;
        FloatVector s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        int j = 0;
        for (; j + FL <= out; j += FL) {
            FloatVector q0 = FloatVector.fromArray(FS, w, w0 + j), q1 = FloatVector.fromArray(FS, w, w1 + j);
            FloatVector p = FloatVector.fromArray(FS, dy, g0 + j);
            s00 = p.fma(q0, s00);
            s01 = p.fma(q1, s01);
            p = FloatVector.fromArray(FS, dy, g1 + j);
            s10 = p.fma(q0, s10);
            s11 = p.fma(q1, s11);
            p = FloatVector.fromArray(FS, dy, g2 + j);
            s20 = p.fma(q0, s20);
            s21 = p.fma(q1, s21);
            p = FloatVector.fromArray(FS, dy, g3 + j);
            s30 = p.fma(q0, s30);
            s31 = p.fma(q1, s31);
        }
        s00.intoArray(scratch, 0);
        s01.intoArray(scratch, FL);
        s10.intoArray(scratch, 2 * FL);
        s11.intoArray(scratch, 3 * FL);
        s20.intoArray(scratch, 4 * FL);
        s21.intoArray(scratch, 5 * FL);
        s30.intoArray(scratch, 6 * FL);
        s31.intoArray(scratch, 7 * FL);
        float r00 = sum(scratch, 0);
        float r01 = sum(scratch, FL);
        float r10 = sum(scratch, 2 * FL);
        float r11 = sum(scratch, 3 * FL);
        float r20 = sum(scratch, 4 * FL);
        float r21 = sum(scratch, 5 * FL);
        float r30 = sum(scratch, 6 * FL);
        float r31 = sum(scratch, 7 * FL);
        for (; j < out; j++) {
            float q0 = w[w0 + j], q1 = w[w1 + j];
            r00 += dy[g0 + j] * q0;
            r01 += dy[g0 + j] * q1;
            r10 += dy[g1 + j] * q0;
            r11 += dy[g1 + j] * q1;
            r20 += dy[g2 + j] * q0;
            r21 += dy[g2 + j] * q1;
            r30 += dy[g3 + j] * q0;
            r31 += dy[g3 + j] * q1;
        }
        int d1 = d0 + in, d2 = d1 + in, d3 = d2 + in;
        dx[d0] = r00;
        dx[d0 + 1] = r01;
        dx[d1] = r10;
        dx[d1 + 1] = r11;
        dx[d2] = r20;
        dx[d2 + 1] = r21;
        dx[d3] = r30;
        dx[d3 + 1] = r31;
    }

    private static float dot(float[] p, int pOff, float[] q, int qOff, int n, float[] scratch) {
        FloatVector s = FloatVector.zero(FS);
        int j = 0;
        for (; j + FL <= n; j += FL) {
            s = FloatVector.fromArray(FS, p, pOff + j).fma(FloatVector.fromArray(FS, q, qOff + j), s);
        }
        s.intoArray(scratch, 0);
        float r = sum(scratch, 0);
        for (; j < n; j++) {
            r += p[pOff + j] * q[qOff + j];
        }
        return r;
    }

    // ---------------------------------------------------------------- double (same as double)

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
        accumulate(x, xOff + b0 * in, in, 1, w, wOff, y, yOff + b0 * out, b1 - b0, in, out);
    }

    static void weightGradient(double[] x, int xOff, double[] dy, int dyOff, double[] dw, int dwOff,
                               int k0, int k1, int batch, int in, int out) {
        Arrays.fill(dw, dwOff + k0 * out, dwOff + k1 * out, 0d);
        accumulate(x, xOff + k0, 1, in, dy, dyOff, dw, dwOff + k0 * out, k1 - k0, batch, out);
    }

    static void biasGradient(double[] dy, int dyOff, double[] db, int dbOff, int batch, int out) {
        int j = 0;
        for (; j + DL <= out; j += DL) {
            DoubleVector s = DoubleVector.zero(DS);
            for (int b = 0, g = dyOff + j; b < batch; b++, g += out) {
                s = s.add(DoubleVector.fromArray(DS, dy, g));
            }
            s.intoArray(db, dbOff + j);
        }
        for (; j < out; j++) {
            double s = 0;
            for (int b = 0, g = dyOff + j; b < batch; b++, g += out) {
                s += dy[g];
            }
            db[dbOff + j] = s;
        }
    }

    static void accumulate(double[] a, int aOff, int aRow, int aStep, double[] m, int mOff, double[] c, int cOff,
                           int rows, int n, int ld) {
        int j = 0;
        if (REGISTERS_32) {
            for (; j + 4 * DL <= ld; j += 4 * DL) {
                int r = 0;
                for (; r + 4 <= rows; r += 4) {
                    block4x4(a, aOff + r * aRow, aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
                }
                for (; r < rows; r++) {
                    block1x4(a, aOff + r * aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
                }
            }
        }
        for (; j + 2 * DL <= ld; j += 2 * DL) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                block4x2(a, aOff + r * aRow, aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
            }
            for (; r < rows; r++) {
                block1x1(a, aOff + r * aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
                block1x1(a, aOff + r * aRow, aStep, m, mOff + j + DL, c, cOff + r * ld + j + DL, n, ld);
            }
        }
        for (; j + DL <= ld; j += DL) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                block4x1(a, aOff + r * aRow, aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
            }
            for (; r < rows; r++) {
                block1x1(a, aOff + r * aRow, aStep, m, mOff + j, c, cOff + r * ld + j, n, ld);
            }
        }
        if (j < ld) {
            PlainDense.accumulate(a, aOff, aRow, aStep, m, mOff + j, c, cOff + j, rows, n, ld - j, ld);
        }
    }

    private static void block4x4(double[] a, int a0, int aRow, int aStep, double[] m, int m0, double[] c, int c0,
                                 int n, int ld) {
        int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        int c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
        DoubleVector s00 = DoubleVector.fromArray(DS, c, c0), s01 = DoubleVector.fromArray(DS, c, c0 + DL);
        DoubleVector s02 = DoubleVector.fromArray(DS, c, c0 + 2 * DL), s03 = DoubleVector.fromArray(DS, c, c0 + 3 * DL);
        DoubleVector s10 = DoubleVector.fromArray(DS, c, c1), s11 = DoubleVector.fromArray(DS, c, c1 + DL);
        DoubleVector s12 = DoubleVector.fromArray(DS, c, c1 + 2 * DL), s13 = DoubleVector.fromArray(DS, c, c1 + 3 * DL);
        DoubleVector s20 = DoubleVector.fromArray(DS, c, c2), s21 = DoubleVector.fromArray(DS, c, c2 + DL);
        DoubleVector s22 = DoubleVector.fromArray(DS, c, c2 + 2 * DL), s23 = DoubleVector.fromArray(DS, c, c2 + 3 * DL);
        DoubleVector s30 = DoubleVector.fromArray(DS, c, c3), s31 = DoubleVector.fromArray(DS, c, c3 + DL);
        DoubleVector s32 = DoubleVector.fromArray(DS, c, c3 + 2 * DL), s33 = DoubleVector.fromArray(DS, c, c3 + 3 * DL);
        for (int t = 0, ai = 0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            DoubleVector v0 = DoubleVector.fromArray(DS, m, mi), v1 = DoubleVector.fromArray(DS, m, mi + DL);
            DoubleVector v2 = DoubleVector.fromArray(DS, m, mi + 2 * DL), v3 = DoubleVector.fromArray(DS, m, mi + 3 * DL);
            DoubleVector e = DoubleVector.broadcast(DS, a[a0 + ai]);
            s00 = v0.fma(e, s00);
            s01 = v1.fma(e, s01);
            s02 = v2.fma(e, s02);
            s03 = v3.fma(e, s03);
            e = DoubleVector.broadcast(DS, a[a1 + ai]);
            s10 = v0.fma(e, s10);
            s11 = v1.fma(e, s11);
            s12 = v2.fma(e, s12);
            s13 = v3.fma(e, s13);
            e = DoubleVector.broadcast(DS, a[a2 + ai]);
            s20 = v0.fma(e, s20);
            s21 = v1.fma(e, s21);
            s22 = v2.fma(e, s22);
            s23 = v3.fma(e, s23);
            e = DoubleVector.broadcast(DS, a[a3 + ai]);
            s30 = v0.fma(e, s30);
            s31 = v1.fma(e, s31);
            s32 = v2.fma(e, s32);
            s33 = v3.fma(e, s33);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + DL);
        s02.intoArray(c, c0 + 2 * DL);
        s03.intoArray(c, c0 + 3 * DL);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + DL);
        s12.intoArray(c, c1 + 2 * DL);
        s13.intoArray(c, c1 + 3 * DL);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + DL);
        s22.intoArray(c, c2 + 2 * DL);
        s23.intoArray(c, c2 + 3 * DL);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + DL);
        s32.intoArray(c, c3 + 2 * DL);
        s33.intoArray(c, c3 + 3 * DL);
    }

    private static void block4x2(double[] a, int a0, int aRow, int aStep, double[] m, int m0, double[] c, int c0,
                                 int n, int ld) {
        int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        int c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
        DoubleVector s00 = DoubleVector.fromArray(DS, c, c0), s01 = DoubleVector.fromArray(DS, c, c0 + DL);
        DoubleVector s10 = DoubleVector.fromArray(DS, c, c1), s11 = DoubleVector.fromArray(DS, c, c1 + DL);
        DoubleVector s20 = DoubleVector.fromArray(DS, c, c2), s21 = DoubleVector.fromArray(DS, c, c2 + DL);
        DoubleVector s30 = DoubleVector.fromArray(DS, c, c3), s31 = DoubleVector.fromArray(DS, c, c3 + DL);
        for (int t = 0, ai = 0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            DoubleVector v0 = DoubleVector.fromArray(DS, m, mi), v1 = DoubleVector.fromArray(DS, m, mi + DL);
            DoubleVector e = DoubleVector.broadcast(DS, a[a0 + ai]);
            s00 = v0.fma(e, s00);
            s01 = v1.fma(e, s01);
            e = DoubleVector.broadcast(DS, a[a1 + ai]);
            s10 = v0.fma(e, s10);
            s11 = v1.fma(e, s11);
            e = DoubleVector.broadcast(DS, a[a2 + ai]);
            s20 = v0.fma(e, s20);
            s21 = v1.fma(e, s21);
            e = DoubleVector.broadcast(DS, a[a3 + ai]);
            s30 = v0.fma(e, s30);
            s31 = v1.fma(e, s31);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + DL);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + DL);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + DL);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + DL);
    }

    private static void block1x4(double[] a, int a0, int aStep, double[] m, int m0, double[] c, int c0, int n, int ld) {
        DoubleVector s0 = DoubleVector.fromArray(DS, c, c0), s1 = DoubleVector.fromArray(DS, c, c0 + DL);
        DoubleVector s2 = DoubleVector.fromArray(DS, c, c0 + 2 * DL), s3 = DoubleVector.fromArray(DS, c, c0 + 3 * DL);
        for (int t = 0, ai = a0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            DoubleVector e = DoubleVector.broadcast(DS, a[ai]);
            s0 = DoubleVector.fromArray(DS, m, mi).fma(e, s0);
            s1 = DoubleVector.fromArray(DS, m, mi + DL).fma(e, s1);
            s2 = DoubleVector.fromArray(DS, m, mi + 2 * DL).fma(e, s2);
            s3 = DoubleVector.fromArray(DS, m, mi + 3 * DL).fma(e, s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + DL);
        s2.intoArray(c, c0 + 2 * DL);
        s3.intoArray(c, c0 + 3 * DL);
    }

    private static void block4x1(double[] a, int a0, int aRow, int aStep, double[] m, int m0, double[] c, int c0,
                                 int n, int ld) {
        int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        int c1 = c0 + ld, c2 = c1 + ld, c3 = c2 + ld;
        DoubleVector s0 = DoubleVector.fromArray(DS, c, c0), s1 = DoubleVector.fromArray(DS, c, c1);
        DoubleVector s2 = DoubleVector.fromArray(DS, c, c2), s3 = DoubleVector.fromArray(DS, c, c3);
        for (int t = 0, ai = 0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            DoubleVector v = DoubleVector.fromArray(DS, m, mi);
            s0 = v.fma(DoubleVector.broadcast(DS, a[a0 + ai]), s0);
            s1 = v.fma(DoubleVector.broadcast(DS, a[a1 + ai]), s1);
            s2 = v.fma(DoubleVector.broadcast(DS, a[a2 + ai]), s2);
            s3 = v.fma(DoubleVector.broadcast(DS, a[a3 + ai]), s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c1);
        s2.intoArray(c, c2);
        s3.intoArray(c, c3);
    }

    private static void block1x1(double[] a, int a0, int aStep, double[] m, int m0, double[] c, int c0, int n, int ld) {
        DoubleVector s = DoubleVector.fromArray(DS, c, c0);
        for (int t = 0, ai = a0, mi = m0; t < n; t++, ai += aStep, mi += ld) {
            s = DoubleVector.fromArray(DS, m, mi).fma(DoubleVector.broadcast(DS, a[ai]), s);
        }
        s.intoArray(c, c0);
    }

    static void inputGradient(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                              int b0, int b1, int in, int out) {
        if (out < DL) { // no whole vector per row: the scalar blocks of the plain loops do better
            PlainDense.inputGradient(dy, dyOff, w, wOff, dx, dxOff, b0, b1, in, out);
            return;
        }
        double[] scratch = DOUBLE_SCRATCH.get();
        int b = b0;
        for (; b + 4 <= b1; b += 4) {
            int k = 0;
            if (REGISTERS_32) {
                for (; k + 4 <= in; k += 4) {
                    dot4x4(dy, dyOff + b * out, w, wOff + k * out, dx, dxOff + b * in + k, in, out, scratch);
                }
            }
            for (; k + 2 <= in; k += 2) {
                dot4x2(dy, dyOff + b * out, w, wOff + k * out, dx, dxOff + b * in + k, in, out, scratch);
            }
            for (; k < in; k++) {
                for (int r = 0; r < 4; r++) {
                    dx[dxOff + (b + r) * in + k] =
                            dot(dy, dyOff + (b + r) * out, w, wOff + k * out, out, scratch);
                }
            }
        }
        for (; b < b1; b++) {
            for (int k = 0; k < in; k++) {
                dx[dxOff + b * in + k] = dot(dy, dyOff + b * out, w, wOff + k * out, out, scratch);
            }
        }
    }

    private static void dot4x4(double[] dy, int g0, double[] w, int w0, double[] dx, int d0, int in, int out,
                               double[] scratch) {
        int g1 = g0 + out, g2 = g1 + out, g3 = g2 + out;
        int w1 = w0 + out, w2 = w1 + out, w3 = w2 + out;
        DoubleVector s00 = DoubleVector.zero(DS), s01 = s00, s02 = s00, s03 = s00;
        DoubleVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        DoubleVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        DoubleVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int j = 0;
        for (; j + DL <= out; j += DL) {
            DoubleVector q0 = DoubleVector.fromArray(DS, w, w0 + j), q1 = DoubleVector.fromArray(DS, w, w1 + j);
            DoubleVector q2 = DoubleVector.fromArray(DS, w, w2 + j), q3 = DoubleVector.fromArray(DS, w, w3 + j);
            DoubleVector p = DoubleVector.fromArray(DS, dy, g0 + j);
            s00 = p.fma(q0, s00);
            s01 = p.fma(q1, s01);
            s02 = p.fma(q2, s02);
            s03 = p.fma(q3, s03);
            p = DoubleVector.fromArray(DS, dy, g1 + j);
            s10 = p.fma(q0, s10);
            s11 = p.fma(q1, s11);
            s12 = p.fma(q2, s12);
            s13 = p.fma(q3, s13);
            p = DoubleVector.fromArray(DS, dy, g2 + j);
            s20 = p.fma(q0, s20);
            s21 = p.fma(q1, s21);
            s22 = p.fma(q2, s22);
            s23 = p.fma(q3, s23);
            p = DoubleVector.fromArray(DS, dy, g3 + j);
            s30 = p.fma(q0, s30);
            s31 = p.fma(q1, s31);
            s32 = p.fma(q2, s32);
            s33 = p.fma(q3, s33);
        }
        s00.intoArray(scratch, 0);
        s01.intoArray(scratch, DL);
        s02.intoArray(scratch, 2 * DL);
        s03.intoArray(scratch, 3 * DL);
        s10.intoArray(scratch, 4 * DL);
        s11.intoArray(scratch, 5 * DL);
        s12.intoArray(scratch, 6 * DL);
        s13.intoArray(scratch, 7 * DL);
        s20.intoArray(scratch, 8 * DL);
        s21.intoArray(scratch, 9 * DL);
        s22.intoArray(scratch, 10 * DL);
        s23.intoArray(scratch, 11 * DL);
        s30.intoArray(scratch, 12 * DL);
        s31.intoArray(scratch, 13 * DL);
        s32.intoArray(scratch, 14 * DL);
        s33.intoArray(scratch, 15 * DL);
        double r00 = sum(scratch, 0);
        double r01 = sum(scratch, DL);
        double r02 = sum(scratch, 2 * DL);
        double r03 = sum(scratch, 3 * DL);
        double r10 = sum(scratch, 4 * DL);
        double r11 = sum(scratch, 5 * DL);
        double r12 = sum(scratch, 6 * DL);
        double r13 = sum(scratch, 7 * DL);
        double r20 = sum(scratch, 8 * DL);
        double r21 = sum(scratch, 9 * DL);
        double r22 = sum(scratch, 10 * DL);
        double r23 = sum(scratch, 11 * DL);
        double r30 = sum(scratch, 12 * DL);
        double r31 = sum(scratch, 13 * DL);
        double r32 = sum(scratch, 14 * DL);
        double r33 = sum(scratch, 15 * DL);
        for (; j < out; j++) {
            double q0 = w[w0 + j], q1 = w[w1 + j], q2 = w[w2 + j], q3 = w[w3 + j];
            double p = dy[g0 + j];
            r00 += p * q0;
            r01 += p * q1;
            r02 += p * q2;
            r03 += p * q3;
            p = dy[g1 + j];
            r10 += p * q0;
            r11 += p * q1;
            r12 += p * q2;
            r13 += p * q3;
            p = dy[g2 + j];
            r20 += p * q0;
            r21 += p * q1;
            r22 += p * q2;
            r23 += p * q3;
            p = dy[g3 + j];
            r30 += p * q0;
            r31 += p * q1;
            r32 += p * q2;
            r33 += p * q3;
        }
        int d1 = d0 + in, d2 = d1 + in, d3 = d2 + in;
        dx[d0] = r00;
        dx[d0 + 1] = r01;
        dx[d0 + 2] = r02;
        dx[d0 + 3] = r03;
        dx[d1] = r10;
        dx[d1 + 1] = r11;
        dx[d1 + 2] = r12;
        dx[d1 + 3] = r13;
        dx[d2] = r20;
        dx[d2 + 1] = r21;
        dx[d2 + 2] = r22;
        dx[d2 + 3] = r23;
        dx[d3] = r30;
        dx[d3 + 1] = r31;
        dx[d3 + 2] = r32;
        dx[d3 + 3] = r33;
    }

    private static void dot4x2(double[] dy, int g0, double[] w, int w0, double[] dx, int d0, int in, int out,
                               double[] scratch) {
        int g1 = g0 + out, g2 = g1 + out, g3 = g2 + out;
        int w1 = w0 + out;
        DoubleVector s00 = DoubleVector.zero(DS), s01 = s00, s10 = s00, s11 = s00;
        DoubleVector s20 = s00, s21 = s00, s30 = s00, s31 = s00;
        int j = 0;
        for (; j + DL <= out; j += DL) {
            DoubleVector q0 = DoubleVector.fromArray(DS, w, w0 + j), q1 = DoubleVector.fromArray(DS, w, w1 + j);
            DoubleVector p = DoubleVector.fromArray(DS, dy, g0 + j);
            s00 = p.fma(q0, s00);
            s01 = p.fma(q1, s01);
            p = DoubleVector.fromArray(DS, dy, g1 + j);
            s10 = p.fma(q0, s10);
            s11 = p.fma(q1, s11);
            p = DoubleVector.fromArray(DS, dy, g2 + j);
            s20 = p.fma(q0, s20);
            s21 = p.fma(q1, s21);
            p = DoubleVector.fromArray(DS, dy, g3 + j);
            s30 = p.fma(q0, s30);
            s31 = p.fma(q1, s31);
        }
        s00.intoArray(scratch, 0);
        s01.intoArray(scratch, DL);
        s10.intoArray(scratch, 2 * DL);
        s11.intoArray(scratch, 3 * DL);
        s20.intoArray(scratch, 4 * DL);
        s21.intoArray(scratch, 5 * DL);
        s30.intoArray(scratch, 6 * DL);
        s31.intoArray(scratch, 7 * DL);
        double r00 = sum(scratch, 0);
        double r01 = sum(scratch, DL);
        double r10 = sum(scratch, 2 * DL);
        double r11 = sum(scratch, 3 * DL);
        double r20 = sum(scratch, 4 * DL);
        double r21 = sum(scratch, 5 * DL);
        double r30 = sum(scratch, 6 * DL);
        double r31 = sum(scratch, 7 * DL);
        for (; j < out; j++) {
            double q0 = w[w0 + j], q1 = w[w1 + j];
            r00 += dy[g0 + j] * q0;
            r01 += dy[g0 + j] * q1;
            r10 += dy[g1 + j] * q0;
            r11 += dy[g1 + j] * q1;
            r20 += dy[g2 + j] * q0;
            r21 += dy[g2 + j] * q1;
            r30 += dy[g3 + j] * q0;
            r31 += dy[g3 + j] * q1;
        }
        int d1 = d0 + in, d2 = d1 + in, d3 = d2 + in;
        dx[d0] = r00;
        dx[d0 + 1] = r01;
        dx[d1] = r10;
        dx[d1 + 1] = r11;
        dx[d2] = r20;
        dx[d2 + 1] = r21;
        dx[d3] = r30;
        dx[d3 + 1] = r31;
    }

    private static double dot(double[] p, int pOff, double[] q, int qOff, int n, double[] scratch) {
        DoubleVector s = DoubleVector.zero(DS);
        int j = 0;
        for (; j + DL <= n; j += DL) {
            s = DoubleVector.fromArray(DS, p, pOff + j).fma(DoubleVector.fromArray(DS, q, qOff + j), s);
        }
        s.intoArray(scratch, 0);
        double r = sum(scratch, 0);
        for (; j < n; j++) {
            r += p[pOff + j] * q[qOff + j];
        }
        return r;
    }
}
