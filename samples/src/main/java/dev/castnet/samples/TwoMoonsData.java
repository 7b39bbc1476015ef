package dev.castnet.samples;

import java.util.SplittableRandom;

/**
 * The two-moons problem (as scikit-learn's {@code make_moons}): class 0 on the upper half circle around (0, 0),
 * class 1 on the lower half circle around (1, 0.5), with Gaussian noise. Not linearly separable, so it needs a
 * hidden layer.
 */
public final class TwoMoonsData {
    /** Features {@code [n][2]} row-major and labels {@code [n]}. */
    public record Sample(float[] x, int[] labels) {}

    private TwoMoonsData() {}

    /** {@code n} points, alternating classes, drawn from {@code seed}. */
    public static Sample draw(int n, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            double t = Math.PI * random.nextDouble();
            double a = label == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double b = label == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[2 * i] = (float) (a + noise * gaussian(random));
            x[2 * i + 1] = (float) (b + noise * gaussian(random));
            labels[i] = label;
        }
        return new Sample(x, labels);
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; 1 - u keeps the logarithm finite
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
