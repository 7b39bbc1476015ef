package dev.castnet.runtime.preprocess;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.serving.InputTransform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rescales each feature linearly so the training minimum maps to {@code lo} and the maximum to {@code hi}.
 * A constant feature maps to {@code lo} (as scikit-learn's {@code MinMaxScaler}) and is reported. Values
 * outside the training range map outside [lo, hi]: they are not clipped. Applied through {@link InputTransform},
 * which serving programs use too.
 */
public final class MinMax implements Preprocessor {
    private final double[] min;
    private final double[] max;
    private final double lo;
    private final double hi;
    private final InputTransform transform;
    private final List<String> warnings = new ArrayList<>();

    /**
     * Min-max scaling from fitted statistics (as restored from a checkpoint).
     *
     * @param min each feature's training minimum
     * @param max each feature's training maximum
     * @param lo where the minimum maps
     * @param hi where the maximum maps, above {@code lo}
     */
    public MinMax(double[] min, double[] max, double lo, double hi) {
        if (!(lo < hi)) throw new IllegalArgumentException("minmax needs lo < hi, got minmax(" + lo + ", " + hi + ")");
        this.min = min.clone();
        this.max = max.clone();
        this.lo = lo;
        this.hi = hi;
        transform = InputTransform.of(kind(), state());
        List<Integer> constant = new ArrayList<>();
        for (int j = 0; j < min.length; j++) if (!(max[j] - min[j] > 0)) constant.add(j);
        if (!constant.isEmpty()) {
            warnings.add(constant.size() + " feature" + (constant.size() == 1 ? " is" : "s are") + " constant and set to "
                    + lo + ": " + Preprocessing.indexList(constant));
        }
    }

    /**
     * Fits on the rows of {@code train}.
     *
     * @param train the training split
     * @param lo where each feature's minimum maps
     * @param hi where each feature's maximum maps, above {@code lo}
     * @return the fitted transform
     */
    public static MinMax fit(Dataset train, double lo, double hi) {
        int d = train.features(), n = train.size();
        if (n == 0) throw new IllegalArgumentException("cannot fit minmax on an empty data set");
        double[] min = new double[d], max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        float[] x = train.x();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                if (v < min[j]) min[j] = v;
                if (v > max[j]) max[j] = v;
            }
        }
        return new MinMax(min, max, lo, hi);
    }

    static MinMax restore(Map<String, double[]> state) {
        double[] range = Preprocessing.need(state, "range", "minmax");
        return new MinMax(Preprocessing.need(state, "min", "minmax"), Preprocessing.need(state, "max", "minmax"),
                range[0], range[1]);
    }

    @Override
    public String kind() {
        return "minmax";
    }

    @Override
    public int inputSize() {
        return min.length;
    }

    @Override
    public int outputSize() {
        return min.length;
    }

    @Override
    public void apply(float[] src, int n, float[] dst) {
        transform.apply(src, n, dst);
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("min", min.clone());
        s.put("max", max.clone());
        s.put("range", new double[] {lo, hi});
        return s;
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
