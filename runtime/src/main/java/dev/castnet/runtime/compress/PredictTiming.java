package dev.castnet.runtime.compress;

import dev.castnet.runtime.InferenceNetwork;

/**
 * One-sample {@code predict} time of two networks, measured side by side: both warm up (the JIT compiles their
 * kernels), then rounds over the same samples alternate between them, and each keeps its fastest round. On a busy
 * machine the fastest round is the one least disturbed by others, and alternating gives both the same chances.
 */
final class PredictTiming {
    private static final int WARM_UP_ROUNDS = 20;
    private static final int ROUNDS = 15;

    private PredictTiming() {}

    /** Microseconds per sample of {@code a} and {@code b} on {@code x} ({@code float[]} or {@code double[]}). */
    static double[] fastest(InferenceNetwork a, InferenceNetwork b, Object x) {
        int in = a.inputSize();
        int samples = (x instanceof double[] d ? d.length : ((float[]) x).length) / in;
        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            round(a, x, samples, in);
            round(b, x, samples, in);
        }
        double bestA = Double.POSITIVE_INFINITY;
        double bestB = Double.POSITIVE_INFINITY;
        for (int r = 0; r < ROUNDS; r++) {
            bestA = Math.min(bestA, round(a, x, samples, in));
            bestB = Math.min(bestB, round(b, x, samples, in));
        }
        return new double[] {bestA / samples / 1e3, bestB / samples / 1e3};
    }

    /** Nanoseconds for one predict per sample. */
    private static long round(InferenceNetwork net, Object x, int samples, int in) {
        int sink = 0;
        long t0 = System.nanoTime();
        if (x instanceof double[] d) {
            for (int i = 0; i < samples; i++) sink += net.predict(d, i * in);
        } else {
            float[] f = (float[]) x;
            for (int i = 0; i < samples; i++) sink += net.predict(f, i * in);
        }
        long t = System.nanoTime() - t0;
        if (sink == Integer.MIN_VALUE) throw new AssertionError(); // keeps the predictions from being optimized away
        return t;
    }
}
