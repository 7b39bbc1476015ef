package dev.castnet.runtime.generated;

import dev.castnet.runtime.Rng;

/**
 * Weight initializers of SPEC §2, drawn from a network's {@link Rng} in array order (dense weights row-major
 * {@code [fanIn][fanOut]}), so a seed reproduces the same parameters in float and double.
 */
public final class Initializers {
    private Initializers() {}

    /** N(mean, std²). */
    public static void gaussian(Rng rng, double[] a, int offset, int length, double mean, double std) {
        for (int i = offset; i < offset + length; i++) a[i] = mean + std * rng.nextGaussian();
    }

    public static void gaussian(Rng rng, float[] a, int offset, int length, double mean, double std) {
        for (int i = offset; i < offset + length; i++) a[i] = (float) (mean + std * rng.nextGaussian());
    }

    /** U(lo, hi). */
    public static void uniform(Rng rng, double[] a, int offset, int length, double lo, double hi) {
        for (int i = offset; i < offset + length; i++) a[i] = lo + (hi - lo) * rng.nextDouble();
    }

    public static void uniform(Rng rng, float[] a, int offset, int length, double lo, double hi) {
        for (int i = offset; i < offset + length; i++) a[i] = (float) (lo + (hi - lo) * rng.nextDouble());
    }

    /** U(−r, r), r = gain·sqrt(6/(fan_in + fan_out)) (Glorot and Bengio, 2010). */
    public static void xavierUniform(Rng rng, double[] a, int offset, int fanIn, int fanOut, double gain) {
        double r = gain * Math.sqrt(6.0 / (fanIn + fanOut));
        uniform(rng, a, offset, fanIn * fanOut, -r, r);
    }

    public static void xavierUniform(Rng rng, float[] a, int offset, int fanIn, int fanOut, double gain) {
        double r = gain * Math.sqrt(6.0 / (fanIn + fanOut));
        uniform(rng, a, offset, fanIn * fanOut, -r, r);
    }

    /** N(0, gain²·2/(fan_in + fan_out)). */
    public static void xavierNormal(Rng rng, double[] a, int offset, int fanIn, int fanOut, double gain) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    public static void xavierNormal(Rng rng, float[] a, int offset, int fanIn, int fanOut, double gain) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    /** U(−r, r), r = sqrt(2)·sqrt(3/fan_in) = sqrt(6/fan_in) (He et al., 2015). */
    public static void heUniform(Rng rng, double[] a, int offset, int fanIn, int fanOut) {
        double r = Math.sqrt(6.0 / fanIn);
        uniform(rng, a, offset, fanIn * fanOut, -r, r);
    }

    public static void heUniform(Rng rng, float[] a, int offset, int fanIn, int fanOut) {
        double r = Math.sqrt(6.0 / fanIn);
        uniform(rng, a, offset, fanIn * fanOut, -r, r);
    }

    /** N(0, 2/fan_in). */
    public static void heNormal(Rng rng, double[] a, int offset, int fanIn, int fanOut) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, Math.sqrt(2.0 / fanIn));
    }

    public static void heNormal(Rng rng, float[] a, int offset, int fanIn, int fanOut) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, Math.sqrt(2.0 / fanIn));
    }

    /** N(0, 1/fan_in). */
    public static void lecunNormal(Rng rng, double[] a, int offset, int fanIn, int fanOut) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, Math.sqrt(1.0 / fanIn));
    }

    public static void lecunNormal(Rng rng, float[] a, int offset, int fanIn, int fanOut) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, Math.sqrt(1.0 / fanIn));
    }
}
