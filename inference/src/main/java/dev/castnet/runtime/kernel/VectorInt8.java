package dev.castnet.runtime.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dense int8 product on {@code jdk.incubator.vector}: loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} ({@link Int8Kernels#VECTOR}); nothing else refers to it.
 *
 * <p>Four int vectors of columns stay in registers over every non-zero input: each step loads four short byte
 * vectors of weights (as many bytes as an int vector has lanes: one {@code vpmovsxbd} each), widens them to int,
 * multiplies them by the input and adds — no int32 overflow is possible (see {@link Int8Matrix#MAX_ROWS}), and the
 * sums are exact, so they equal the plain loops' bit for bit. (One wide byte load split into quarters by
 * {@code convertShape(B2I, …, part)} was measured 40% slower on JDK 17.) Columns left over after whole vectors go to
 * plain loops.
 */
final class VectorInt8 {
    private VectorInt8() {}

    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final int L = IS.length();
    /** One int vector's worth of bytes. */
    private static final VectorSpecies<Byte> B1 = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    private static final VectorSpecies<Short> SS = VectorSpecies.of(short.class, VectorShape.forBitSize(IS.vectorBitSize()));
    /** One short vector's worth of bytes: twice an int vector's lanes. */
    private static final VectorSpecies<Byte> B2 = VectorSpecies.of(byte.class, VectorShape.forBitSize(2 * L * 8));

    /**
     * Pairs of non-zero inputs in int16: a product of two int8 values fits in 16 bits (|x·w| ≤ 16129) and so does the
     * sum of two (≤ 32258), so two rows are multiplied and added as shorts, then widened to int once — half the
     * widenings and int multiplies of one row at a time.
     */
    static void multiplyPairs(byte[] q, int qOff, int[] nz, int n, byte[] w, int cols, int[] acc) {
        int j = 0;
        int pairs = n & ~1;
        for (; j + 4 * L <= cols; j += 4 * L) {
            IntVector a0 = IntVector.zero(IS);
            IntVector a1 = IntVector.zero(IS);
            IntVector a2 = IntVector.zero(IS);
            IntVector a3 = IntVector.zero(IS);
            for (int t = 0; t < pairs; t += 2) {
                int i = nz[t];
                int k = nz[t + 1];
                short xi = q[qOff + i];
                short xk = q[qOff + k];
                int oi = i * cols + j;
                int ok = k * cols + j;
                ShortVector lo = shorts(w, oi).mul(xi).add(shorts(w, ok).mul(xk));
                ShortVector hi = shorts(w, oi + 2 * L).mul(xi).add(shorts(w, ok + 2 * L).mul(xk));
                a0 = a0.add((IntVector) lo.convertShape(VectorOperators.S2I, IS, 0));
                a1 = a1.add((IntVector) lo.convertShape(VectorOperators.S2I, IS, 1));
                a2 = a2.add((IntVector) hi.convertShape(VectorOperators.S2I, IS, 0));
                a3 = a3.add((IntVector) hi.convertShape(VectorOperators.S2I, IS, 1));
            }
            if (pairs < n) {
                int i = nz[pairs];
                int xi = q[qOff + i];
                int o = i * cols + j;
                a0 = a0.add(widen(w, o).mul(xi));
                a1 = a1.add(widen(w, o + L).mul(xi));
                a2 = a2.add(widen(w, o + 2 * L).mul(xi));
                a3 = a3.add(widen(w, o + 3 * L).mul(xi));
            }
            a0.intoArray(acc, j);
            a1.intoArray(acc, j + L);
            a2.intoArray(acc, j + 2 * L);
            a3.intoArray(acc, j + 3 * L);
        }
        if (j < cols) multiplyFrom(q, qOff, nz, n, w, cols, acc, j);
    }

    private static ShortVector shorts(byte[] w, int o) {
        return (ShortVector) ByteVector.fromArray(B2, w, o).convertShape(VectorOperators.B2S, SS, 0);
    }

    /** L weights from {@code w[o]}, widened to int. */
    private static IntVector widen(byte[] w, int o) {
        return (IntVector) ByteVector.fromArray(B1, w, o).convertShape(VectorOperators.B2I, IS, 0);
    }

    /**
     * {@code acc[j] = Σ_t q[qOff + nz[t]] · w[nz[t]][j]} over the {@code n} non-zero inputs listed in {@code nz}:
     * two at a time in int16 ({@link #multiplyPairs}, measured about 15% faster than one at a time).
     */
    static void multiply(byte[] q, int qOff, int[] nz, int n, byte[] w, int cols, int[] acc) {
        multiplyPairs(q, qOff, nz, n, w, cols, acc);
    }

    /** Columns from {@code j} on, one input at a time. */
    private static void multiplyFrom(byte[] q, int qOff, int[] nz, int n, byte[] w, int cols, int[] acc, int from) {
        int j = from;
        for (; j + 4 * L <= cols; j += 4 * L) {
            IntVector a0 = IntVector.zero(IS);
            IntVector a1 = IntVector.zero(IS);
            IntVector a2 = IntVector.zero(IS);
            IntVector a3 = IntVector.zero(IS);
            for (int t = 0; t < n; t++) {
                int i = nz[t];
                int xi = q[qOff + i];
                int o = i * cols + j;
                a0 = a0.add(widen(w, o).mul(xi));
                a1 = a1.add(widen(w, o + L).mul(xi));
                a2 = a2.add(widen(w, o + 2 * L).mul(xi));
                a3 = a3.add(widen(w, o + 3 * L).mul(xi));
            }
            a0.intoArray(acc, j);
            a1.intoArray(acc, j + L);
            a2.intoArray(acc, j + 2 * L);
            a3.intoArray(acc, j + 3 * L);
        }
        for (; j + L <= cols; j += L) {
            IntVector a = IntVector.zero(IS);
            for (int t = 0; t < n; t++) {
                int i = nz[t];
                a = a.add(widen(w, i * cols + j).mul(q[qOff + i]));
            }
            a.intoArray(acc, j);
        }
        for (; j < cols; j++) {
            int s = 0;
            for (int t = 0; t < n; t++) {
                int i = nz[t];
                s += q[qOff + i] * w[i * cols + j];
            }
            acc[j] = s;
        }
    }
}
