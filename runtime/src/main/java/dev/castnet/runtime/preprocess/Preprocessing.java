package dev.castnet.runtime.preprocess;

import dev.castnet.runtime.data.Dataset;
import java.util.List;
import java.util.Map;

/** Fits a {@link Preprocessor} from a {@link PreprocessSpec}, and rebuilds one from checkpoint statistics. */
public final class Preprocessing {
    private Preprocessing() {}

    /**
     * Fits a preprocessor on the training split only.
     *
     * @param spec what to fit
     * @param train the training split
     * @return the fitted transform
     */
    public static Preprocessor fit(PreprocessSpec spec, Dataset train) {
        return switch (spec.kind()) {
            case NONE -> Preprocessor.none(train.features());
            case ZSCORE -> ZScore.fit(train);
            case MINMAX -> MinMax.fit(train, spec.lo(), spec.hi());
            case PCA_WHITEN -> PcaWhiten.fit(train, spec.components(), spec.eps());
        };
    }

    /**
     * Rebuilds the preprocessor saved as {@code kind} and {@code state} (see {@link Preprocessor#state()}).
     *
     * @param kind {@code none}, {@code zscore}, {@code minmax} or {@code pca_whiten}
     * @param state its statistics by name
     * @return the transform
     * @throws IllegalArgumentException for an unknown kind or missing statistics
     */
    public static Preprocessor restore(String kind, Map<String, double[]> state) {
        return switch (kind) {
            case "none" -> Preprocessor.none((int) need(state, "features", kind)[0]);
            case "zscore" -> ZScore.restore(state);
            case "minmax" -> MinMax.restore(state);
            case "pca_whiten" -> PcaWhiten.restore(state);
            default -> throw new IllegalArgumentException("unknown preprocessing kind '" + kind
                    + "'; expected none, zscore, minmax or pca_whiten");
        };
    }

    static double[] need(Map<String, double[]> state, String key, String kind) {
        double[] v = state.get(key);
        if (v == null) {
            throw new IllegalArgumentException(kind + " statistics lack '" + key + "'; have " + state.keySet());
        }
        return v;
    }

    static double[] mean(Dataset train) {
        int d = train.features(), n = train.size();
        double[] mean = new double[d];
        float[] x = train.x();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        return mean;
    }

    /** "0, 7, 8" or "0, 7, 8, … (12 in all)" for long lists. */
    static String indexList(List<Integer> indices) {
        StringBuilder sb = new StringBuilder("feature index ");
        int shown = Math.min(indices.size(), 20);
        for (int i = 0; i < shown; i++) {
            if (i > 0) sb.append(", ");
            sb.append(indices.get(i));
        }
        if (shown < indices.size()) sb.append(", … (").append(indices.size()).append(" in all)");
        return sb.toString();
    }
}
