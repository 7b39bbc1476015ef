package dev.castnet.runtime.kernel;

/**
 * exp, sigmoid and tanh in {@code float}, for the gates of the recurrent cells that generated float networks run
 * (five exponentials per hidden unit and step in an LSTM). {@code Math.exp} works in double through a call to a
 * JIT stub; this one is Cephes' {@code expf}: a rounding to the nearest power of two by adding 1.5·2²³, a
 * two-part ln 2 reduction and a degree-5 polynomial, within 2 ulp of float's exact result over its range, in plain
 * float arithmetic that the JIT inlines. Java's float arithmetic is IEEE and never fused, so results are the same
 * bits interpreted or compiled, on every thread.
 */
public final class FloatMath {
    private FloatMath() {}

    /**
     * e^x; arguments beyond [-87, 88] are clamped there (e^88 ≈ 1.7e38, e^-87 ≈ 1.6e-38, still normal).
     *
     * @param x the exponent
     * @return e^x within 2 ulp
     */
    public static float exp(float x) {
        if (x > 88f) x = 88f;
        if (x < -87f) x = -87f; // NaN passes both tests and stays NaN
        float t = x * 1.44269504f + 12582912f; // 1.5·2²³: t's last bits are round(x·log2 e)
        int n = Float.floatToRawIntBits(t) - 0x4B400000;
        float k = t - 12582912f;
        float r = x - k * 0.693359375f + k * 2.12194440e-4f; // x − k·ln 2, ln 2 in two parts
        float p = 1.9875691500e-4f;
        p = p * r + 1.3981999507e-3f;
        p = p * r + 8.3334519073e-3f;
        p = p * r + 4.1665795894e-2f;
        p = p * r + 1.6666665459e-1f;
        p = p * r + 5.0000001201e-1f;
        p = p * (r * r) + r + 1;
        return p * Float.intBitsToFloat((n + 127) << 23);
    }

    /**
     * 1 / (1 + e^-x).
     *
     * @param x the argument
     * @return σ(x)
     */
    public static float sigmoid(float x) {
        return 1 / (1 + exp(-x));
    }

    /**
     * 1 − 2 / (e^{2x} + 1): ±1 beyond |x| ≈ 9, and within about 1e-7 of tanh(x) everywhere.
     *
     * @param x the argument
     * @return tanh(x)
     */
    public static float tanh(float x) {
        return 1 - 2 / (exp(2 * x) + 1);
    }
}
