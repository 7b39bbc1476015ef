package dev.castnet.runtime;

/**
 * What every generated network implements. The generated class works in one precision (float by default,
 * double under {@code precision double}); its native {@code float[]} or {@code double[]} methods allocate
 * nothing. Calling the other precision's methods throws {@link UnsupportedOperationException}: the runtime
 * asks {@link #doublePrecision()} and feeds the right arrays.
 *
 * <p>Inputs are {@code [batch][inputSize]} row-major; outputs {@code [batch][outputSize]}; {@code batch}
 * must be between 1 and {@link #maxBatch()}. Identity, shape, {@code forward} and {@code predict} are
 * {@link InferenceNetwork}'s.
 */
public interface TrainableNetwork extends InferenceNetwork {

    /**
     * {@link dev.castnet.runtime.checkpoint.Checkpoint#restoreInto Restores} a checkpoint into this network: its
     * parameters, and unless it is compressed, the optimizer's state and step and the generator's state; its
     * pruning masks, applied.
     *
     * @param checkpoint a checkpoint of this network
     * @throws dev.castnet.runtime.checkpoint.CheckpointException when it was written for another network or
     *     does not fit, before anything is written
     */
    @Override
    default void load(dev.castnet.runtime.checkpoint.Checkpoint checkpoint) {
        checkpoint.restoreInto(this);
    }

    // ---- cost (the same figures castnet check prints) ----

    /** {@return the number of trainable scalars} (weights, biases, γ, β), {@code PARAMETER_COUNT}. */
    long parameterCount();

    /** {@return the bytes of every stored tensor plus the trainable tensors' gradients}, {@code PARAMETER_BYTES}. */
    long parameterBytes();

    /**
     * {@return the bytes of the buffers a step works in for {@link #maxBatch()} samples}: {@code maxBatch ×
     * ACTIVATION_BYTES_PER_SAMPLE + WORKSPACE_BYTES}.
     */
    long activationBytes();

    /** {@return the bytes of the optimizer's state}, {@code OPTIMIZER_STATE_BYTES}. */
    long optimizerStateBytes();

    // ---- training, float precision ----

    /**
     * One training step on class labels ({@code cross_entropy}): forward in training mode, loss, backward, clip,
     * regularize, update.
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param labels the class of each sample, in [0, {@link #outputSize()})
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @return the step's mean data loss (before the update, without regularization terms)
     * @throws UnsupportedOperationException when the network is in double precision or its loss takes targets
     */
    default double trainStep(float[] x, int[] labels, int batch) {
        throw InferenceNetwork.wrongPrecision(this);
    }

    /**
     * One training step on targets ({@code binary_cross_entropy}, {@code mse}).
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param targets the targets {@code [batch][outputSize]}, row-major
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @return the step's mean data loss (before the update, without regularization terms)
     * @throws UnsupportedOperationException when the network is in double precision or its loss takes labels
     */
    default double trainStep(float[] x, float[] targets, int batch) {
        throw InferenceNetwork.wrongPrecision(this);
    }

    /**
     * Copies the outputs of the last {@code trainStep} (training mode: batch statistics, dropout; before the update) or
     * {@code forward}, without allocating; the runtime reads training accuracy from it, as Keras does, instead of
     * running another forward pass.
     *
     * @param out receives the outputs {@code [batch][outputSize]}
     * @param batch the number of samples, at most the last call's
     * @throws UnsupportedOperationException when the network is in double precision
     */
    default void lastOutputs(float[] out, int batch) {
        throw InferenceNetwork.wrongPrecision(this);
    }

    // ---- training, double precision ----

    /**
     * {@link #trainStep(float[], int[], int)} for a network in double precision.
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param labels the class of each sample
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @return the step's mean data loss
     * @throws UnsupportedOperationException when the network is in float precision or its loss takes targets
     */
    default double trainStep(double[] x, int[] labels, int batch) {
        throw InferenceNetwork.wrongPrecision(this);
    }

    /**
     * {@link #trainStep(float[], float[], int)} for a network in double precision.
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param targets the targets {@code [batch][outputSize]}, row-major
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @return the step's mean data loss
     * @throws UnsupportedOperationException when the network is in float precision or its loss takes labels
     */
    default double trainStep(double[] x, double[] targets, int batch) {
        throw InferenceNetwork.wrongPrecision(this);
    }

    /**
     * See {@link #lastOutputs(float[], int)}; for a network in double precision.
     *
     * @param out receives the outputs {@code [batch][outputSize]}
     * @param batch the number of samples, at most the last call's
     * @throws UnsupportedOperationException when the network is in float precision
     */
    default void lastOutputs(double[] out, int batch) {
        throw InferenceNetwork.wrongPrecision(this);
    }

    // ---- tensors ----

    /**
     * {@return every tensor by name}, running statistics included: {@code dense0.weight}, {@code dense0.bias}, {@code
     * batchnorm0.gamma}, …, {@code batchnorm0.running_var}.
     */
    Parameters parameters();

    /**
     * {@return the gradients of the mean data loss of the last step}, before clipping and regularization, under the
     * trainable tensors' names.
     */
    Parameters gradients();

    /**
     * {@return the optimizer's state tensors}, named after their parameter ({@code dense0.weight.m}); empty for sgd.
     */
    Parameters optimizerState();

    /** {@return the number of optimizer steps taken} (t in Adam's bias correction). */
    long optimizerStep();

    /**
     * Sets the number of optimizer steps taken, when a checkpoint is restored.
     *
     * @param step the step count t
     */
    void setOptimizerStep(long step);

    /** {@return the network's seeded generator} (initialization and dropout masks); its state goes into checkpoints. */
    Rng random();

    /**
     * Re-draws every parameter from the initializers, zeroes the optimizer state and resets the batchnorm statistics.
     *
     * @param seed the seed of the new draws, as the constructor's
     */
    void reset(long seed);

    // ---- live hyperparameters ----

    /** {@return the current learning rate}. */
    double learningRate();

    /**
     * Sets the learning rate (what a schedule does every epoch); the same as {@code setHyperparameter("lr", lr)}.
     *
     * @param lr the new rate, positive
     */
    void setLearningRate(double lr);

    /**
     * Sets an optimizer hyperparameter or regularizer by its .nn name: {@code lr}, {@code rho}, {@code beta1}, {@code
     * beta2}, {@code eps}, {@code wd}, {@code l1}, {@code l2}, {@code clip} (the norm or value bound the spec's clip
     * uses).
     *
     * @param name the hyperparameter's name; only those this network has
     * @param value the new value: finite, at least 0, and below 1 for {@code beta1} and {@code beta2}
     * @throws IllegalArgumentException for a name this network does not have, or a value out of range
     */
    void setHyperparameter(String name, double value);

    /**
     * The current value of a hyperparameter.
     *
     * @param name a name {@link #setHyperparameter} accepts
     * @return its value
     * @throws IllegalArgumentException for a name this network does not have
     */
    double hyperparameter(String name);

    /** {@return the number of dropout layers}. */
    int dropoutLayers();

    /**
     * Sets the drop probability of a dropout layer.
     *
     * @param i the dropout layer, from 0 in network order
     * @param p the probability of dropping a unit, in [0, 1)
     * @throws IllegalArgumentException for an index or probability out of range
     */
    void setDropout(int i, double p);

    /**
     * The drop probability of a dropout layer.
     *
     * @param i the dropout layer, from 0 in network order
     * @return its probability of dropping a unit
     */
    double dropout(int i);

    // ---- batchnorm whole-dataset statistics (stats=population) ----

    /** {@return the number of batchnorm layers}. */
    int batchNormLayers();

    /**
     * Whether a batchnorm layer uses whole-training-set statistics.
     *
     * @param i the batchnorm layer, from 0 in network order
     * @return true for {@code stats=population}, false for {@code stats=running}
     */
    boolean batchNormPopulation(int i);

    /**
     * Starts computing whole-dataset statistics for batchnorm layer {@code i}. The runtime calls this for each layer in
     * order, then {@link #accumulatePopulationStatistics} over the whole training set, then {@link
     * #endPopulationStatistics()}: layers before {@code i} already use their stored statistics.
     *
     * @param i the batchnorm layer, from 0 in network order
     */
    void beginPopulationStatistics(int i);

    /**
     * Inference-mode forward up to the current batchnorm, accumulating its input's sums (in double).
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @throws UnsupportedOperationException when the network is in double precision
     */
    default void accumulatePopulationStatistics(float[] x, int batch) {
        throw InferenceNetwork.wrongPrecision(this);
    }

    /**
     * {@link #accumulatePopulationStatistics(float[], int)} for a network in double precision.
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @throws UnsupportedOperationException when the network is in float precision
     */
    default void accumulatePopulationStatistics(double[] x, int batch) {
        throw InferenceNetwork.wrongPrecision(this);
    }

    /** Stores the exact mean and unbiased variance as the layer's running_mean / running_var. */
    void endPopulationStatistics();

    // ---- magnitude pruning (SPEC §6) ----

    /**
     * {@return the pruning masks of the prunable tensors} (every {@code weight} and {@code recurrent_weight},
     * named as in {@link #parameters()}): 1 keeps a weight, 0 prunes it. All ones until written; written masks take
     * effect with {@link #applyMasks()}. Allocated the first time it is asked for.
     *
     * @throws UnsupportedOperationException when the network cannot be pruned
     */
    default Parameters masks() {
        throw new UnsupportedOperationException("network " + networkName() + " does not support pruning");
    }

    /**
     * Sets every weight whose mask is 0 to 0, with its gradient and optimizer state, and from then on keeps it 0:
     * each update masks the gradients before clipping, so no optimizer (momentum, Adam's moments, weight decay)
     * can move a pruned weight again. A mask that is not 0 becomes 1. {@link #reset(long)} removes the masks.
     *
     * @throws UnsupportedOperationException when the network cannot be pruned
     */
    default void applyMasks() {
        throw new UnsupportedOperationException("network " + networkName() + " does not support pruning");
    }

    /** {@return whether {@link #applyMasks()} was called} (and not undone by {@link #reset(long)}). */
    default boolean masked() {
        return false;
    }

    // ---- int8 calibration (SPEC §6) ----

    /**
     * {@return the points whose value ranges int8 quantization calibrates, in order}: the input of every layer with
     * weights ({@code dense0.input}) and a recurrent layer's hidden state ({@code lstm0.hidden}).
     */
    default java.util.List<String> quantizationPoints() {
        return java.util.List.of();
    }

    /**
     * Int8 calibration: runs the inference forward and raises each range to the largest absolute value seen at its
     * quantization point.
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @param ranges one value per {@link #quantizationPoints() point}, raised in place
     * @throws UnsupportedOperationException when the network is in double precision
     */
    default void observeRanges(float[] x, int batch, double[] ranges) {
        throw InferenceNetwork.wrongPrecision(this);
    }

    /**
     * {@link #observeRanges(float[], int, double[])} for a network in double precision.
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @param ranges one value per {@link #quantizationPoints() point}, raised in place
     * @throws UnsupportedOperationException when the network is in float precision
     */
    default void observeRanges(double[] x, int batch, double[] ranges) {
        throw InferenceNetwork.wrongPrecision(this);
    }
}
