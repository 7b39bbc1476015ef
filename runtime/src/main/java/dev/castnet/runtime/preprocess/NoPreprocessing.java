package dev.castnet.runtime.preprocess;

import java.util.List;
import java.util.Map;

final class NoPreprocessing implements Preprocessor {
    private final int features;

    NoPreprocessing(int features) {
        this.features = features;
    }

    @Override
    public String kind() {
        return "none";
    }

    @Override
    public int inputSize() {
        return features;
    }

    @Override
    public int outputSize() {
        return features;
    }

    @Override
    public void apply(float[] src, int n, float[] dst) {
        if (src != dst) System.arraycopy(src, 0, dst, 0, n * features);
    }

    @Override
    public Map<String, double[]> state() {
        return Map.of("features", new double[] {features});
    }

    @Override
    public List<String> warnings() {
        return List.of();
    }
}
