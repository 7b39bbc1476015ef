package dev.castnet.runtime.preprocess;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.serving.InputTransform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Standardization x' = (x − μ)/σ per feature, with the population standard deviation (1/n, as scikit-learn's
 * {@code StandardScaler}). A feature with σ = 0 carries no information: it is reported and mapped to 0.
 */
public final class ZScore implements Preprocessor {
    private final double[] mean;
    private final double[] std;
    private final InputTransform transform;
    private final List<String> warnings = new ArrayList<>();

    /**
     * Standardization from fitted statistics (as restored from a checkpoint).
     *
     * @param mean each feature's training mean
     * @param std each feature's population standard deviation; 0 marks a feature mapped to 0
     */
    public ZScore(double[] mean, double[] std) {
        if (mean.length != std.length) throw new IllegalArgumentException("mean and std lengths differ");
        this.mean = mean.clone();
        this.std = std.clone();
        transform = InputTransform.of(kind(), state());
        List<Integer> constant = new ArrayList<>();
        for (int j = 0; j < mean.length; j++) if (!(std[j] > 0)) constant.add(j);
        if (!constant.isEmpty()) {
            warnings.add(constant.size() + " feature" + (constant.size() == 1 ? " has" : "s have")
                    + " zero standard deviation and " + (constant.size() == 1 ? "is" : "are") + " set to 0: "
                    + Preprocessing.indexList(constant));
        }
    }

    /**
     * Fits mean and standard deviation on the rows of {@code train}.
     *
     * @param train the training split
     * @return the fitted transform
     */
    public static ZScore fit(Dataset train) {
        int d = train.features(), n = train.size();
        if (n == 0) throw new IllegalArgumentException("cannot fit zscore on an empty data set");
        double[] mean = Preprocessing.mean(train);
        double[] var = new double[d];
        float[] x = train.x();
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                double c = x[row + j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(var[j] / n); // a constant float feature gives exactly 0: its mean is exact
        }
        return new ZScore(mean, std);
    }

    static ZScore restore(Map<String, double[]> state) {
        return new ZScore(Preprocessing.need(state, "mean", "zscore"), Preprocessing.need(state, "std", "zscore"));
    }

    /** {@return the 0-based indices of the features mapped to 0} (zero standard deviation). */
    public int[] constantFeatures() {
        return java.util.stream.IntStream.range(0, std.length).filter(j -> !(std[j] > 0)).toArray();
    }

    @Override
    public String kind() {
        return "zscore";
    }

    @Override
    public int inputSize() {
        return mean.length;
    }

    @Override
    public int outputSize() {
        return mean.length;
    }

    @Override
    public void apply(float[] src, int n, float[] dst) {
        transform.apply(src, n, dst);
    }

    @Override
    public Map<String, double[]> state() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("mean", mean.clone());
        s.put("std", std.clone());
        return s;
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
