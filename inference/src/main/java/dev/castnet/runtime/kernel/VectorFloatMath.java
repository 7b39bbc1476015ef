package dev.castnet.runtime.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatMath}'s sigmoid and tanh over array ranges on {@code jdk.incubator.vector}: the same operations in
 * the same order lane by lane (multiplies and adds, never fused; a reinterpretation of the bits for the power of
 * two), so every element comes out the same bits as {@link FloatMath} gives it, compiled or not. Loaded only when
 * the vector module is present ({@link DenseKernels#VECTOR}).
 */
final class VectorFloatMath {
    private VectorFloatMath() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** {@link FloatMath#exp} in every lane. */
    static FloatVector exp(FloatVector v) {
        FloatVector x = v.min(88f).max(-87f);
        FloatVector t = x.mul(1.44269504f).add(12582912f);
        IntVector n = t.reinterpretAsInts().sub(0x4B400000);
        FloatVector k = t.sub(12582912f);
        FloatVector r = x.sub(k.mul(0.693359375f)).add(k.mul(2.12194440e-4f));
        FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);
        p = p.mul(r).add(8.3334519073e-3f);
        p = p.mul(r).add(4.1665795894e-2f);
        p = p.mul(r).add(1.6666665459e-1f);
        p = p.mul(r).add(5.0000001201e-1f);
        p = p.mul(r.mul(r)).add(r).add(1f);
        return p.mul(n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }

    /** {@code a[i] = FloatMath.sigmoid(a[i])} for i in [from, to). */
    static void sigmoid(float[] a, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, i);
            FloatVector e = exp(x.neg());
            FloatVector.broadcast(S, 1f).div(e.add(1f)).intoArray(a, i);
        }
        for (; i < to; i++) a[i] = FloatMath.sigmoid(a[i]);
    }

    /** {@code a[i] = FloatMath.tanh(a[i])} for i in [from, to). */
    static void tanh(float[] a, int from, int to) {
        int i = from;
        for (int end = from + S.loopBound(to - from); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, i);
            FloatVector e = exp(x.mul(2f));
            FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f))).intoArray(a, i);
        }
        for (; i < to; i++) a[i] = FloatMath.tanh(a[i]);
    }
}
