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

    /** The network's name in the spec. */
    String networkName();

    /** Hex SHA-256 of the network's canonical text (and structural bindings); checkpoints must match it. */
    String specFingerprint();

    /** Whether the network's arrays are {@code double[]} ({@code precision double}) rather than {@code float[]}. */
    boolean doublePrecision();

    int inputSize();

    int outputSize();

    int maxBatch();

    /** {@code cross_entropy}, {@code binary_cross_entropy} or {@code mse}: how its outputs are scored. */
    String lossName();

    /**
     * Loads a checkpoint's model: verifies it was written for this network (name, fingerprint, precision, every
     * tensor's name and shape) before writing anything, and throws
     * {@link dev.castnet.runtime.checkpoint.CheckpointException} saying what does not fit.
     */
    void load(dev.castnet.runtime.checkpoint.Checkpoint checkpoint);

    /** Inference mode (running or population statistics, no dropout) into {@code out[batch][outputSize]}. */
    default void forward(float[] x, int batch, float[] out) {
        throw wrongPrecision(this);
    }

    /** The arg-max class of the sample at {@code x[offset .. offset + inputSize)} in inference mode. */
    default int predict(float[] x, int offset) {
        throw wrongPrecision(this);
    }

    default void forward(double[] x, int batch, double[] out) {
        throw wrongPrecision(this);
    }

    default int predict(double[] x, int offset) {
        throw wrongPrecision(this);
    }

    /** The error for a call in the precision the network was not generated in. */
    static UnsupportedOperationException wrongPrecision(InferenceNetwork net) {
        return new UnsupportedOperationException("network " + net.networkName() + " is generated in "
                + (net.doublePrecision() ? "double" : "float") + " precision; pass "
                + (net.doublePrecision() ? "double[]" : "float[]") + " arrays");
    }
}
