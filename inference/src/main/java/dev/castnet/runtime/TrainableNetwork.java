package dev.castnet.runtime;

/**
 * What every generated network implements. The generated class works in one precision (float by default,
 * double under {@code precision double}); its native {@code float[]} or {@code double[]} methods allocate
 * nothing. Calling the other precision's methods throws {@link UnsupportedOperationException}: the runtime
 * asks {@link #doublePrecision()} and feeds the right arrays.
 *
 * <p>Inputs are {@code [batch][inputSize]} row-major; outputs {@code [batch][outputSize]}; {@code batch}
 * must be between 1 and {@link #maxBatch()}.
 */
public interface TrainableNetwork extends InferenceNetwork {

    /** {@link dev.castnet.runtime.checkpoint.Checkpoint#restoreInto Restores} the checkpoint into this network. */
    @Override
    default void load(dev.castnet.runtime.checkpoint.Checkpoint checkpoint) {
        checkpoint.restoreInto(this);
    }

    // ---- cost (the same figures castnet check prints) ----

    long parameterCount();

    long parameterBytes();

    long activationBytes();

    long optimizerStateBytes();

    // ---- training and inference, float precision ----

    /** One step on class labels: forward, loss, backward, clip, regularize, update. Returns the mean data loss. */
    default double trainStep(float[] x, int[] labels, int batch) {
        throw precision();
    }

    /** One step on targets {@code [batch][outputSize]} (binary_cross_entropy, mse). */
    default double trainStep(float[] x, float[] targets, int batch) {
        throw precision();
    }

    /**
     * Copies the outputs of the last {@code trainStep} (training mode: batch statistics, dropout; before the
     * update) or {@code forward} into {@code out[batch][outputSize]}, without allocating; the runtime reads
     * training accuracy from it, as Keras does, instead of running another forward pass.
     */
    default void lastOutputs(float[] out, int batch) {
        throw precision();
    }

    // ---- training and inference, double precision ----

    default double trainStep(double[] x, int[] labels, int batch) {
        throw precision();
    }

    default double trainStep(double[] x, double[] targets, int batch) {
        throw precision();
    }

    /** See {@link #lastOutputs(float[], int)}. */
    default void lastOutputs(double[] out, int batch) {
        throw precision();
    }

    private UnsupportedOperationException precision() {
        return InferenceNetwork.wrongPrecision(this);
    }

    // ---- tensors ----

    /** Every tensor by name, running statistics included. */
    Parameters parameters();

    /** Gradients of the mean data loss of the last step, before clipping and regularization. */
    Parameters gradients();

    /** Optimizer state tensors, named after their parameter ({@code dense0.weight.m}); empty for sgd. */
    Parameters optimizerState();

    /** Number of optimizer steps taken (t in Adam's bias correction). */
    long optimizerStep();

    void setOptimizerStep(long step);

    /** The network's seeded generator (dropout masks, initialization); its state goes into checkpoints. */
    Rng random();

    /** Re-draws every parameter from the initializers with {@code seed}, zeroes optimizer state and statistics. */
    void reset(long seed);

    // ---- live hyperparameters ----

    double learningRate();

    void setLearningRate(double lr);

    /**
     * Sets an optimizer hyperparameter or regularizer by its .nn name: {@code lr}, {@code rho}, {@code beta1},
     * {@code beta2}, {@code eps}, {@code wd}, {@code l1}, {@code l2}, {@code clip} (the norm or value bound the
     * spec's clip uses). Throws {@link IllegalArgumentException} for a name this network does not have.
     */
    void setHyperparameter(String name, double value);

    double hyperparameter(String name);

    /** Number of dropout layers. */
    int dropoutLayers();

    /** Sets the drop probability of dropout layer {@code i} (0-based). */
    void setDropout(int i, double p);

    double dropout(int i);

    // ---- batchnorm whole-dataset statistics (stats=population) ----

    /** Number of batchnorm layers. */
    int batchNormLayers();

    /** True when batchnorm layer {@code i} uses {@code stats=population}. */
    boolean batchNormPopulation(int i);

    /**
     * Starts computing whole-dataset statistics for batchnorm layer {@code i}. The runtime calls this for each
     * layer in order, then {@link #accumulatePopulationStatistics} over the whole training set, then
     * {@link #endPopulationStatistics()}: layers before {@code i} already use their stored statistics.
     */
    void beginPopulationStatistics(int i);

    /** Inference-mode forward up to the current batchnorm, accumulating its input's sums (in double). */
    default void accumulatePopulationStatistics(float[] x, int batch) {
        throw precision();
    }

    default void accumulatePopulationStatistics(double[] x, int batch) {
        throw precision();
    }

    /** Stores the exact mean and unbiased variance as the layer's running_mean / running_var. */
    void endPopulationStatistics();

    // ---- magnitude pruning (SPEC §6) ----

    /**
     * The pruning masks of the prunable tensors (every {@code weight} and {@code recurrent_weight}, named as in
     * {@link #parameters()}): 1 keeps a weight, 0 prunes it. All ones until written; written masks take effect
     * with {@link #applyMasks()}.
     */
    default Parameters masks() {
        throw new UnsupportedOperationException("network " + networkName() + " does not support pruning");
    }

    /**
     * Sets every weight whose mask is 0 to 0, with its gradient and optimizer state, and from then on keeps it 0:
     * each update masks the gradients before clipping, so no optimizer (momentum, Adam's moments, weight decay)
     * can move a pruned weight again. {@link #reset(long)} removes the masks.
     */
    default void applyMasks() {
        throw new UnsupportedOperationException("network " + networkName() + " does not support pruning");
    }

    /** True once {@link #applyMasks()} was called (and until {@link #reset(long)}). */
    default boolean masked() {
        return false;
    }

    // ---- int8 calibration (SPEC §6) ----

    /**
     * The points whose value ranges int8 quantization calibrates, in order: the input of every layer with
     * weights ({@code dense0.input}), and a recurrent layer's hidden state ({@code lstm0.hidden}).
     */
    default java.util.List<String> quantizationPoints() {
        return java.util.List.of();
    }

    /**
     * Runs the inference forward on {@code x[batch][inputSize]} and raises {@code ranges[k]} to the largest absolute
     * value seen at quantization point {@code k} (see {@link #quantizationPoints()}).
     */
    default void observeRanges(float[] x, int batch, double[] ranges) {
        throw precision();
    }

    default void observeRanges(double[] x, int batch, double[] ranges) {
        throw precision();
    }
}
