package dev.castnet.runtime.kernel;

/**
 * The element-wise halves of an int8 layer, which generated {@code FooInt8} classes call around
 * {@link Int8Matrix#multiply}: quantizing a layer's input with its calibrated scale, and turning the int32 sums back
 * into real values with the bias. Allocation-free.
 *
 * <p>Symmetric quantization: {@code q = clamp(round(x / s), −127, 127)}, so {@code |x − s·q| ≤ s/2} for every
 * {@code |x| ≤ 127·s} (the calibrated range); values beyond it saturate. Rounding is to the nearest integer, ties
 * away from zero (clamping first, then a cast: several times faster than {@link Math#round(float)}).
 *
 * <p>Like {@link DenseKernels}, the dense int8 product uses the Vector API when the JVM has
 * {@code jdk.incubator.vector} ({@code -Dcastnet.vector=false} turns it off) and plain loops otherwise; the two give
 * the same sums, which are exact.
 *
 * <p>Public only for generated code to call: generated classes live in their spec's package, not this one.
 */
public final class Int8Kernels {
    private Int8Kernels() {}

    /** True when the dense int8 product runs on the Vector API: the dense kernels' choice. */
    static final boolean VECTOR = DenseKernels.VECTOR;

    /**
     * The quantization scale of a range.
     *
     * @param maxAbs the largest absolute value to represent, finite and at least 0
     * @return {@code maxAbs / 127}, or 1 when the range is 0 (every value then quantizes to 0)
     * @throws IllegalArgumentException when {@code maxAbs} is negative, NaN or infinite
     */
    public static double scale(double maxAbs) {
        if (!(maxAbs >= 0) || Double.isInfinite(maxAbs)) {
            throw KernelErrors.quantizationRange(maxAbs);
        }
        return maxAbs > 0 ? maxAbs / 127 : 1;
    }

    /**
     * {@code q[qOff + i] = clamp(round(x[xOff + i] · inverseScale), −127, 127)} for {@code i < n}; NaN becomes 0.
     *
     * @param x the real values
     * @param xOff where they start in {@code x}
     * @param n how many to quantize
     * @param inverseScale 1 / the scale, so that the calibrated range maps to 127
     * @param q receives the int8 values
     * @param qOff where they start in {@code q}
     */
    public static void quantize(float[] x, int xOff, int n, float inverseScale, byte[] q, int qOff) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i] * inverseScale;
            v = v > 127f ? 127f : v < -127f ? -127f : v; // NaN stays NaN and casts to 0
            q[qOff + i] = (byte) (int) (v + (v >= 0 ? 0.5f : -0.5f));
        }
    }

    /**
     * {@link #quantize(float[], int, int, float, byte[], int)} for double-precision values.
     *
     * @param x the real values
     * @param xOff where they start in {@code x}
     * @param n how many to quantize
     * @param inverseScale 1 / the scale, so that the calibrated range maps to 127
     * @param q receives the int8 values
     * @param qOff where they start in {@code q}
     */
    public static void quantize(double[] x, int xOff, int n, double inverseScale, byte[] q, int qOff) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i] * inverseScale;
            v = v > 127 ? 127 : v < -127 ? -127 : v;
            q[qOff + i] = (byte) (int) (v + (v >= 0 ? 0.5 : -0.5));
        }
    }

    /**
     * {@code y[yOff + j] = acc[j] · scale[j] + bias[j]} for {@code j < n}: {@code scale[j]} is the input's scale times
     * output channel j's weight scale.
     *
     * @param acc the int32 sums of {@link Int8Matrix#multiply}, one per output channel
     * @param scale the input's scale times each channel's weight scale
     * @param bias the bias of each channel, or null for none
     * @param y receives the real outputs
     * @param yOff where they start in {@code y}
     * @param n the number of output channels
     */
    public static void dequantize(int[] acc, float[] scale, float[] bias, float[] y, int yOff, int n) {
        if (bias == null) {
            for (int j = 0; j < n; j++) y[yOff + j] = acc[j] * scale[j];
        } else {
            for (int j = 0; j < n; j++) y[yOff + j] = acc[j] * scale[j] + bias[j];
        }
    }

    /**
     * {@link #dequantize(int[], float[], float[], float[], int, int)} for double-precision values.
     *
     * @param acc the int32 sums of {@link Int8Matrix#multiply}, one per output channel
     * @param scale the input's scale times each channel's weight scale
     * @param bias the bias of each channel, or null for none
     * @param y receives the real outputs
     * @param yOff where they start in {@code y}
     * @param n the number of output channels
     */
    public static void dequantize(int[] acc, double[] scale, double[] bias, double[] y, int yOff, int n) {
        if (bias == null) {
            for (int j = 0; j < n; j++) y[yOff + j] = acc[j] * scale[j];
        } else {
            for (int j = 0; j < n; j++) y[yOff + j] = acc[j] * scale[j] + bias[j];
        }
    }

    /**
     * Per-output-channel symmetric quantization of a weight {@code w[rows][cols]} (column j is output channel j):
     * {@code scale[j] = max_i |w[i][j]| / 127} (1 for an all-zero column) and {@code q[i][j] = round(w[i][j] / scale[j])},
     * so {@code |w − scale·q| ≤ scale/2} everywhere.
     *
     * @param w the real weight, row-major; not changed
     * @param rows the inputs per output channel
     * @param cols the output channels
     * @param scale receives the {@code cols} scales
     * @return the quantized values, row-major, whole numbers in [−127, 127] (no −0)
     * @throws IllegalArgumentException when {@code w} does not hold {@code rows·cols} values or {@code scale} not
     *     {@code cols}, or a weight is NaN or infinite
     */
    public static double[] quantizeColumns(double[] w, int rows, int cols, double[] scale) {
        if (w.length != rows * cols || scale.length != cols) {
            throw KernelErrors.quantizeShape(rows, cols, w.length, scale.length);
        }
        for (int j = 0; j < cols; j++) {
            double max = 0;
            for (int i = 0; i < rows; i++) max = Math.max(max, Math.abs(w[i * cols + j]));
            scale[j] = scale(max);
        }
        double[] q = new double[w.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = Math.rint(w[i * cols + j] / scale[j]);
                q[i * cols + j] = Math.max(-127, Math.min(127, v)) + 0.0; // + 0.0: no −0, which a checkpoint would store
            }
        }
        return q;
    }

    /**
     * The largest absolute value of {@code x[off .. off + n)}, for calibration.
     *
     * @param x the values
     * @param off where they start
     * @param n how many to look at
     * @return the largest absolute value (NaN when a value is NaN), 0 when {@code n} is 0
     */
    public static double maxAbs(float[] x, int off, int n) {
        float m = 0;
        for (int i = 0; i < n; i++) m = Math.max(m, Math.abs(x[off + i]));
        return m;
    }

    /**
     * {@link #maxAbs(float[], int, int)} for double-precision values.
     *
     * @param x the values
     * @param off where they start
     * @param n how many to look at
     * @return the largest absolute value (NaN when a value is NaN), 0 when {@code n} is 0
     */
    public static double maxAbs(double[] x, int off, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) m = Math.max(m, Math.abs(x[off + i]));
        return m;
    }
}
