package dev.castnet.runtime.serving;

import java.util.Map;

/**
 * A checkpoint's preprocessing, applied: the transform a network was trained behind ({@code preprocess} in the
 * spec's {@code train { }} block), rebuilt from the statistics the checkpoint stores, so a serving program feeds the
 * network what training fed it without the training runtime. The training runtime's own preprocessors apply their
 * transform through this class, so the two cannot drift apart.
 *
 * <ul>
 *   <li>{@code none} — the identity ({@code features});</li>
 *   <li>{@code zscore} — {@code (x − mean) / std} per feature, 0 where {@code std} is 0;</li>
 *   <li>{@code minmax} — {@code lo + (x − min)·(hi − lo)/(max − min)} per feature ({@code range} = {lo, hi}),
 *       {@code lo} where {@code max = min}; not clipped;</li>
 *   <li>{@code pca_whiten} — {@code Λ^(−1/2)·Uᵀ·(x − mean)} with each eigenvalue plus {@code eps}
 *       ({@code eigenvalues}, {@code eigenvectors} K × d, {@code eps}).</li>
 * </ul>
 * Instances keep a scratch row: use one per thread. {@link #apply} allocates nothing.
 */
public abstract class InputTransform {
    private final String kind;
    private final int inputSize;
    private final int outputSize;

    InputTransform(String kind, int inputSize, int outputSize) {
        this.kind = kind;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
    }

    /**
     * Rebuilds the transform a checkpoint stores as {@code kind} and {@code state}.
     *
     * @param kind {@code none}, {@code zscore}, {@code minmax} or {@code pca_whiten}
     * @param state the statistics by name: {@code features} (one value) for {@code none}; {@code mean} and
     *     {@code std} for {@code zscore}; {@code min}, {@code max} and {@code range} ({lo, hi}) for {@code minmax};
     *     {@code mean}, {@code eigenvalues}, {@code eigenvectors} (K × d, row-major) and {@code eps} (one value) for
     *     {@code pca_whiten}
     * @return the transform
     * @throws IllegalArgumentException for an unknown kind, a missing statistic, lengths that disagree,
     *     {@code lo >= hi}, a negative {@code eps} or a whitened component of zero variance; the message names it
     */
    public static InputTransform of(String kind, Map<String, double[]> state) {
        return switch (kind) {
            case "none" -> new Identity((int) need(state, "features", kind)[0]);
            case "zscore" -> new Standardize(need(state, "mean", kind), need(state, "std", kind));
            case "minmax" -> {
                double[] range = need(state, "range", kind);
                if (range.length != 2) throw new IllegalArgumentException("minmax range needs {lo, hi}");
                yield new Rescale(need(state, "min", kind), need(state, "max", kind), range[0], range[1]);
            }
            case "pca_whiten" -> new Whiten(need(state, "mean", kind), need(state, "eigenvalues", kind),
                    need(state, "eigenvectors", kind), need(state, "eps", kind)[0]);
            default -> throw new IllegalArgumentException("unknown preprocessing kind '" + kind
                    + "'; expected none, zscore, minmax or pca_whiten");
        };
    }

    private static double[] need(Map<String, double[]> state, String key, String kind) {
        double[] v = state.get(key);
        if (v == null || (key.equals("features") || key.equals("eps")) && v.length != 1) {
            throw new IllegalArgumentException(kind + " statistics lack '" + key + "'; have " + state.keySet());
        }
        return v;
    }

    /** {@return the kind of transform}: {@code none}, {@code zscore}, {@code minmax} or {@code pca_whiten}. */
    public String kind() {
        return kind;
    }

    /** {@return the number of features the transform takes}: the raw data's. */
    public int inputSize() {
        return inputSize;
    }

    /**
     * {@return the number of features the transform gives}: the network's input ({@code components} for PCA
     * whitening, else {@link #inputSize()}).
     */
    public int outputSize() {
        return outputSize;
    }

    /**
     * Transforms {@code n} rows {@code src[n][inputSize]} into {@code dst[n][outputSize]}; {@code dst} may be
     * {@code src} (in place, also when the output is narrower). Allocates nothing.
     *
     * @param src the raw rows {@code [n][inputSize]}, row-major
     * @param n the number of rows
     * @param dst receives the transformed rows {@code [n][outputSize]}, row-major; may be {@code src}
     */
    public abstract void apply(float[] src, int n, float[] dst);

    private static final class Identity extends InputTransform {
        Identity(int features) {
            super("none", features, features);
        }

        @Override
        public void apply(float[] src, int n, float[] dst) {
            if (src != dst) System.arraycopy(src, 0, dst, 0, n * inputSize());
        }
    }

    private static final class Standardize extends InputTransform {
        private final float[] shift;
        private final float[] scale;

        Standardize(double[] mean, double[] std) {
            super("zscore", mean.length, mean.length);
            if (std.length != mean.length) throw new IllegalArgumentException("zscore mean and std lengths differ");
            shift = new float[mean.length];
            scale = new float[mean.length];
            for (int j = 0; j < mean.length; j++) {
                shift[j] = (float) mean[j];
                scale[j] = std[j] > 0 ? (float) (1.0 / std[j]) : 0; // a constant feature carries nothing: 0
            }
        }

        @Override
        public void apply(float[] src, int n, float[] dst) {
            int d = shift.length;
            for (int i = 0; i < n; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) dst[row + j] = (src[row + j] - shift[j]) * scale[j];
            }
        }
    }

    private static final class Rescale extends InputTransform {
        private final float base;
        private final float[] shift;
        private final float[] scale;

        Rescale(double[] min, double[] max, double lo, double hi) {
            super("minmax", min.length, min.length);
            if (max.length != min.length) throw new IllegalArgumentException("minmax min and max lengths differ");
            if (!(lo < hi)) throw new IllegalArgumentException("minmax needs lo < hi, got minmax(" + lo + ", " + hi + ")");
            base = (float) lo;
            shift = new float[min.length];
            scale = new float[min.length];
            for (int j = 0; j < min.length; j++) {
                shift[j] = (float) min[j];
                double range = max[j] - min[j];
                if (range > 0) scale[j] = (float) ((hi - lo) / range); // a constant feature maps to lo
            }
        }

        @Override
        public void apply(float[] src, int n, float[] dst) {
            int d = shift.length;
            for (int i = 0; i < n; i++) {
                int row = i * d;
                for (int j = 0; j < d; j++) dst[row + j] = base + (src[row + j] - shift[j]) * scale[j];
            }
        }
    }

    private static final class Whiten extends InputTransform {
        private final double[] mean;
        private final double[] projection; // [K][d]: eigenvector rows scaled by 1/sqrt(λ + eps)
        private final double[] centered; // scratch row (double: whitening amplifies small-variance directions)

        Whiten(double[] mean, double[] eigenvalues, double[] eigenvectors, double eps) {
            super("pca_whiten", mean.length, eigenvalues.length);
            int d = mean.length;
            int k = eigenvalues.length;
            if (eigenvectors.length != (long) k * d) {
                throw new IllegalArgumentException("pca_whiten: " + k + " eigenvectors of length " + d + " need "
                        + (long) k * d + " values, got " + eigenvectors.length);
            }
            if (!(eps >= 0)) throw new IllegalArgumentException("pca_whiten eps must be >= 0, got " + eps);
            this.mean = mean.clone();
            projection = new double[k * d];
            for (int c = 0; c < k; c++) {
                double denominator = Math.sqrt(Math.max(eigenvalues[c], 0) + eps);
                if (!(denominator > 0)) {
                    throw new IllegalArgumentException("pca_whiten: component " + c + " has zero variance; use eps > 0"
                            + " or fewer components");
                }
                for (int j = 0; j < d; j++) projection[c * d + j] = eigenvectors[c * d + j] / denominator;
            }
            centered = new double[d];
        }

        /** In place works although rows shrink from d to K: output row i ends before any unread input row starts. */
        @Override
        public void apply(float[] src, int n, float[] dst) {
            int d = inputSize();
            int k = outputSize();
            for (int i = 0; i < n; i++) {
                int in = i * d;
                for (int j = 0; j < d; j++) centered[j] = src[in + j] - mean[j];
                int out = i * k;
                for (int c = 0; c < k; c++) {
                    int p = c * d;
                    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    int j = 0;
                    for (; j + 3 < d; j += 4) {
                        s0 += projection[p + j] * centered[j];
                        s1 += projection[p + j + 1] * centered[j + 1];
                        s2 += projection[p + j + 2] * centered[j + 2];
                        s3 += projection[p + j + 3] * centered[j + 3];
                    }
                    for (; j < d; j++) s0 += projection[p + j] * centered[j];
                    dst[out + c] = (float) ((s0 + s1) + (s2 + s3));
                }
            }
        }
    }
}
