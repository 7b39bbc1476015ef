package dev.castnet.runtime;

/**
 * What every generated class can do at inference: the float (or double) {@code Foo} that trains, and the
 * inference-only {@code FooInt8} that runs a compressed checkpoint. The native {@code float[]} or {@code double[]}
 * methods allocate nothing; calling the other precision's throws {@link UnsupportedOperationException}.
 *
 * <p>Inputs are {@code [batch][inputSize]} row-major, already preprocessed as in training (see
 * {@link dev.castnet.runtime.serving.Predictor}, which applies a checkpoint's preprocessing); outputs
 * {@code [batch][outputSize]}; {@code batch} must be between 1 and {@link #maxBatch()}.
 */
public interface InferenceNetwork {

    /** {@return the network's name in the spec} ({@code network NAME}, or the annotated interface's simple name). */
    String networkName();

    /**
     * {@return the hex SHA-256 of the network's canonical text and structural bindings}; checkpoints must match it.
     */
    String specFingerprint();

    /**
     * {@return whether the network's arrays are {@code double[]}} ({@code precision double}) rather than
     * {@code float[]}.
     */
    boolean doublePrecision();

    /** {@return the number of values of one input sample}, {@code INPUT_SIZE}. */
    int inputSize();

    /** {@return the number of outputs of one sample}, {@code OUTPUT_SIZE}. */
    int outputSize();

    /** {@return the largest batch the buffers were allocated for}, the constructor's {@code maxBatch}. */
    int maxBatch();

    /**
     * {@return the loss the network was trained with}: {@code cross_entropy}, {@code binary_cross_entropy} or
     * {@code mse}; it says how the outputs are scored.
     */
    String lossName();

    /**
     * Loads a checkpoint's model: verifies it was written for this network (name, fingerprint, precision, every
     * tensor's name and shape) before writing anything.
     *
     * @param checkpoint a checkpoint written by this network (or, for an int8 class, compressed from it)
     * @throws dev.castnet.runtime.checkpoint.CheckpointException saying what does not fit, before anything is written
     */
    void load(dev.castnet.runtime.checkpoint.Checkpoint checkpoint);

    /**
     * Inference mode (running or population statistics, no dropout).
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @param out receives the outputs {@code [batch][outputSize]} (probabilities after a softmax or sigmoid)
     * @throws UnsupportedOperationException when the network is in double precision
     */
    default void forward(float[] x, int batch, float[] out) {
        throw wrongPrecision(this);
    }

    /**
     * The predicted class of one sample in inference mode.
     *
     * @param x an array holding the sample
     * @param offset where the sample's {@code inputSize} values start
     * @return the arg-max output, or for a network with one output 1 when it is at least 0.5, else 0
     * @throws UnsupportedOperationException when the network is in double precision
     */
    default int predict(float[] x, int offset) {
        throw wrongPrecision(this);
    }

    /**
     * {@link #forward(float[], int, float[])} for a network in double precision.
     *
     * @param x the inputs {@code [batch][inputSize]}, row-major
     * @param batch the number of samples, from 1 to {@link #maxBatch()}
     * @param out receives the outputs {@code [batch][outputSize]}
     * @throws UnsupportedOperationException when the network is in float precision
     */
    default void forward(double[] x, int batch, double[] out) {
        throw wrongPrecision(this);
    }

    /**
     * {@link #predict(float[], int)} for a network in double precision.
     *
     * @param x an array holding the sample
     * @param offset where the sample's {@code inputSize} values start
     * @return the predicted class
     * @throws UnsupportedOperationException when the network is in float precision
     */
    default int predict(double[] x, int offset) {
        throw wrongPrecision(this);
    }

    /**
     * The error for a call in the precision the network was not generated in; the default methods throw it.
     *
     * @param net the network called
     * @return an exception naming the network and the arrays it takes
     */
    static UnsupportedOperationException wrongPrecision(InferenceNetwork net) {
        return new UnsupportedOperationException("network " + net.networkName() + " is generated in "
                + (net.doublePrecision() ? "double" : "float") + " precision; pass "
                + (net.doublePrecision() ? "double[]" : "float[]") + " arrays");
    }
}
