package dev.castnet.runtime.generated;

import dev.castnet.runtime.Rng;

/**
 * Weight initializers of the language, drawn from a network's {@link Rng} in array order (dense weights row-major
 * {@code [fanIn][fanOut]}), so a seed reproduces the same parameters in float and double.
 */
public final class Initializers {
    private Initializers() {}

    /**
     * Draws the weights from N(mean, std²).
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param mean the mean
     * @param std the standard deviation
     */
    public static void gaussian(Rng rng, double[] a, int offset, int length, double mean, double std) {
        for (int i = offset; i < offset + length; i++) a[i] = mean + std * rng.nextGaussian();
    }

    /**
     * As {@link #gaussian(Rng, double[], int, int, double, double)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param mean the mean
     * @param std the standard deviation
     */
    public static void gaussian(Rng rng, float[] a, int offset, int length, double mean, double std) {
        for (int i = offset; i < offset + length; i++) a[i] = (float) (mean + std * rng.nextGaussian());
    }

    /**
     * Draws the weights from U(lo, hi).
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param lo the lower bound
     * @param hi the upper bound
     */
    public static void uniform(Rng rng, double[] a, int offset, int length, double lo, double hi) {
        for (int i = offset; i < offset + length; i++) a[i] = lo + (hi - lo) * rng.nextDouble();
    }

    /**
     * As {@link #uniform(Rng, double[], int, int, double, double)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param lo the lower bound
     * @param hi the upper bound
     */
    public static void uniform(Rng rng, float[] a, int offset, int length, double lo, double hi) {
        for (int i = offset; i < offset + length; i++) a[i] = (float) (lo + (hi - lo) * rng.nextDouble());
    }

    /**
     * Draws the weights from U(−r, r), r = gain·sqrt(6/(fan_in + fan_out)) (Glorot and Bengio, 2010).
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     * @param gain the factor of the range or standard deviation
     */
    public static void xavierUniform(Rng rng, double[] a, int offset, int fanIn, int fanOut, double gain) {
        double r = gain * Math.sqrt(6.0 / (fanIn + fanOut));
        uniform(rng, a, offset, fanIn * fanOut, -r, r);
    }

    /**
     * As {@link #xavierUniform(Rng, double[], int, int, int, double)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     * @param gain the factor of the range or standard deviation
     */
    public static void xavierUniform(Rng rng, float[] a, int offset, int fanIn, int fanOut, double gain) {
        double r = gain * Math.sqrt(6.0 / (fanIn + fanOut));
        uniform(rng, a, offset, fanIn * fanOut, -r, r);
    }

    /**
     * Draws the weights from N(0, gain²·2/(fan_in + fan_out)).
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     * @param gain the factor of the range or standard deviation
     */
    public static void xavierNormal(Rng rng, double[] a, int offset, int fanIn, int fanOut, double gain) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    /**
     * As {@link #xavierNormal(Rng, double[], int, int, int, double)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     * @param gain the factor of the range or standard deviation
     */
    public static void xavierNormal(Rng rng, float[] a, int offset, int fanIn, int fanOut, double gain) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    /**
     * Draws the weights from U(−r, r), r = sqrt(2)·sqrt(3/fan_in) = sqrt(6/fan_in) (He et al., 2015).
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void heUniform(Rng rng, double[] a, int offset, int fanIn, int fanOut) {
        double r = Math.sqrt(6.0 / fanIn);
        uniform(rng, a, offset, fanIn * fanOut, -r, r);
    }

    /**
     * As {@link #heUniform(Rng, double[], int, int, int)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void heUniform(Rng rng, float[] a, int offset, int fanIn, int fanOut) {
        double r = Math.sqrt(6.0 / fanIn);
        uniform(rng, a, offset, fanIn * fanOut, -r, r);
    }

    /**
     * Draws the weights from N(0, 2/fan_in).
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void heNormal(Rng rng, double[] a, int offset, int fanIn, int fanOut) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, Math.sqrt(2.0 / fanIn));
    }

    /**
     * As {@link #heNormal(Rng, double[], int, int, int)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void heNormal(Rng rng, float[] a, int offset, int fanIn, int fanOut) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, Math.sqrt(2.0 / fanIn));
    }

    /**
     * Draws the weights from N(0, 1/fan_in).
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void lecunNormal(Rng rng, double[] a, int offset, int fanIn, int fanOut) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, Math.sqrt(1.0 / fanIn));
    }

    /**
     * As {@link #lecunNormal(Rng, double[], int, int, int)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void lecunNormal(Rng rng, float[] a, int offset, int fanIn, int fanOut) {
        gaussian(rng, a, offset, fanIn * fanOut, 0, Math.sqrt(1.0 / fanIn));
    }

    // ---------------------------------------------------------------- fans apart from the tensor's size

    /*
     * Convolutional and recurrent weights have fans that are not their two dimensions (PyTorch: a conv weight's
     * fan_in is KH·KW·C and fan_out KH·KW·F; a recurrent weight [F][G·H] has fan_in F, fan_out G·H), so these take
     * the number of values to draw apart from the fans.
     */

    /**
     * Draws the weights from U(−r, r), r = gain·sqrt(6/(fan_in + fan_out)), {@code length} values.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     * @param gain the factor of the range or standard deviation
     */
    public static void xavierUniform(Rng rng, double[] a, int offset, int length, int fanIn, int fanOut, double gain) {
        double r = gain * Math.sqrt(6.0 / (fanIn + fanOut));
        uniform(rng, a, offset, length, -r, r);
    }

    /**
     * As {@link #xavierUniform(Rng, double[], int, int, int, int, double)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     * @param gain the factor of the range or standard deviation
     */
    public static void xavierUniform(Rng rng, float[] a, int offset, int length, int fanIn, int fanOut, double gain) {
        double r = gain * Math.sqrt(6.0 / (fanIn + fanOut));
        uniform(rng, a, offset, length, -r, r);
    }

    /**
     * Draws the weights from N(0, gain²·2/(fan_in + fan_out)), {@code length} values.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     * @param gain the factor of the range or standard deviation
     */
    public static void xavierNormal(Rng rng, double[] a, int offset, int length, int fanIn, int fanOut, double gain) {
        gaussian(rng, a, offset, length, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    /**
     * As {@link #xavierNormal(Rng, double[], int, int, int, int, double)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     * @param gain the factor of the range or standard deviation
     */
    public static void xavierNormal(Rng rng, float[] a, int offset, int length, int fanIn, int fanOut, double gain) {
        gaussian(rng, a, offset, length, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)));
    }

    /**
     * Draws the weights from U(−sqrt(6/fan_in), sqrt(6/fan_in)), {@code length} values.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void heUniform(Rng rng, double[] a, int offset, int length, int fanIn, int fanOut) {
        double r = Math.sqrt(6.0 / fanIn);
        uniform(rng, a, offset, length, -r, r);
    }

    /**
     * As {@link #heUniform(Rng, double[], int, int, int, int)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void heUniform(Rng rng, float[] a, int offset, int length, int fanIn, int fanOut) {
        double r = Math.sqrt(6.0 / fanIn);
        uniform(rng, a, offset, length, -r, r);
    }

    /**
     * Draws the weights from N(0, 2/fan_in), {@code length} values.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void heNormal(Rng rng, double[] a, int offset, int length, int fanIn, int fanOut) {
        gaussian(rng, a, offset, length, 0, Math.sqrt(2.0 / fanIn));
    }

    /**
     * As {@link #heNormal(Rng, double[], int, int, int, int)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void heNormal(Rng rng, float[] a, int offset, int length, int fanIn, int fanOut) {
        gaussian(rng, a, offset, length, 0, Math.sqrt(2.0 / fanIn));
    }

    /**
     * Draws the weights from N(0, 1/fan_in), {@code length} values.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void lecunNormal(Rng rng, double[] a, int offset, int length, int fanIn, int fanOut) {
        gaussian(rng, a, offset, length, 0, Math.sqrt(1.0 / fanIn));
    }

    /**
     * As {@link #lecunNormal(Rng, double[], int, int, int, int)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param length how many values to draw
     * @param fanIn the fan-in, as PyTorch computes it
     * @param fanOut the fan-out, as PyTorch computes it
     */
    public static void lecunNormal(Rng rng, float[] a, int offset, int length, int fanIn, int fanOut) {
        gaussian(rng, a, offset, length, 0, Math.sqrt(1.0 / fanIn));
    }

    // ---------------------------------------------------------------- orthogonal

    /**
     * A (semi-)orthogonal {@code rows x cols} matrix times {@code gain} (Saxe et al. 2014), as PyTorch's {@code
     * orthogonal_}: a Gaussian matrix drawn row-major, made orthonormal along its shorter side by QR with a positive
     * diagonal in R (modified Gram–Schmidt, run twice for accuracy), so its rows are orthonormal when {@code rows <=
     * cols} and its columns otherwise.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param rows the matrix's rows
     * @param cols the matrix's columns
     * @param gain the factor of the range or standard deviation
     */
    public static void orthogonal(Rng rng, double[] a, int offset, int rows, int cols, double gain) {
        double[] q = orthogonal(rng, rows, cols);
        for (int i = 0; i < q.length; i++) a[offset + i] = gain * q[i];
    }

    /**
     * As {@link #orthogonal(Rng, double[], int, int, int, double)}, into a float array.
     *
     * @param rng the network's generator, drawn from in array order
     * @param a the array holding the weights
     * @param offset where the weights start in {@code a}
     * @param rows the matrix's rows
     * @param cols the matrix's columns
     * @param gain the factor of the range or standard deviation
     */
    public static void orthogonal(Rng rng, float[] a, int offset, int rows, int cols, double gain) {
        double[] q = orthogonal(rng, rows, cols);
        for (int i = 0; i < q.length; i++) a[offset + i] = (float) (gain * q[i]);
    }

    private static double[] orthogonal(Rng rng, int rows, int cols) {
        double[] m = new double[rows * cols];
        for (int i = 0; i < m.length; i++) m[i] = rng.nextGaussian();
        // orthonormalize the shorter side's vectors: the rows when rows <= cols, else the columns
        boolean byRows = rows <= cols;
        int count = byRows ? rows : cols;
        int length = byRows ? cols : rows;
        int stride = byRows ? 1 : cols; // step between elements of one vector
        int step = byRows ? cols : 1;   // step between vectors
        for (int pass = 0; pass < 2; pass++) {
            for (int v = 0; v < count; v++) {
                for (int u = 0; u < v; u++) {
                    double dot = 0;
                    for (int k = 0; k < length; k++) dot += m[u * step + k * stride] * m[v * step + k * stride];
                    for (int k = 0; k < length; k++) m[v * step + k * stride] -= dot * m[u * step + k * stride];
                }
                double norm = 0;
                for (int k = 0; k < length; k++) norm += m[v * step + k * stride] * m[v * step + k * stride];
                norm = Math.sqrt(norm);
                for (int k = 0; k < length; k++) m[v * step + k * stride] /= norm;
            }
        }
        return m;
    }
}
