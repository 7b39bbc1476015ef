package dev.castnet.runtime.preprocess;

import java.util.List;
import java.util.Map;

/**
 * A feature transform fitted on the training split only and saved with the model. {@link #apply} works on
 * whole mini-batches in place and allocates nothing, so it can run on every batch (after augmentation).
 * Instances keep scratch buffers: use one per thread.
 */
public interface Preprocessor {

    /**
     * {@return the kind}: {@code none}, {@code zscore}, {@code minmax} or {@code pca_whiten}, the key used in
     * checkpoints.
     */
    String kind();

    /** {@return the number of features before the transform} */
    int inputSize();

    /**
     * {@return the number of features after the transform} ({@code components} for PCA whitening, else
     * {@link #inputSize()}).
     */
    int outputSize();

    /**
     * Transforms {@code n} rows {@code src[n][inputSize]} into {@code dst[n][outputSize]}. {@code dst} may be
     * {@code src} (in place), also when the output is narrower than the input.
     *
     * @param src the rows
     * @param n how many
     * @param dst receives the transformed rows
     */
    void apply(float[] src, int n, float[] dst);

    /** {@return the fitted statistics by name} ({@code mean}, {@code std}, …), copies, for checkpoints. */
    Map<String, double[]> state();

    /** {@return what the fit noticed} (features with zero spread), one message each. */
    List<String> warnings();

    /**
     * The identity transform.
     *
     * @param features the number of features
     * @return the transform
     */
    static Preprocessor none(int features) {
        return new NoPreprocessing(features);
    }
}
