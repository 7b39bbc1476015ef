package dev.castnet.runtime.serving;

import dev.castnet.runtime.InferenceNetwork;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.checkpoint.CheckpointException;
import java.nio.file.Path;

/**
 * Serving a trained or compressed model without the training runtime: a generated network (the float {@code Foo}
 * or the int8 {@code FooInt8}) loaded from a checkpoint, behind the checkpoint's preprocessing, so it takes raw
 * features as the training data had them.
 *
 * <pre>{@code
 * Predictor p = Predictor.load(Path.of("runs/Fashion/model.ckpt"), new Fashion(1, 0));
 * int label = p.predict(pixels, 0);   // 784 raw pixel values, as in the training files
 * }</pre>
 *
 * A {@code castnet-inference} dependency is all it needs. Not thread-safe (one scratch row); {@link #predict} and
 * {@link #forward} allocate nothing.
 */
public final class Predictor {
    private final InferenceNetwork net;
    private final InputTransform transform;
    private final float[] rows;
    private final double[] wide;
    private final double[] wideOut;

    /**
     * A network already loaded, behind {@code transform}.
     *
     * @param net the network, its model already {@link InferenceNetwork#load loaded}
     * @param transform the preprocessing its training data went through
     * @throws IllegalArgumentException when the transform's output size is not the network's input size
     */
    public Predictor(InferenceNetwork net, InputTransform transform) {
        if (transform.outputSize() != net.inputSize()) {
            throw new IllegalArgumentException("the preprocessing (" + transform.kind() + ") gives "
                    + transform.outputSize() + " features but network " + net.networkName() + " takes "
                    + net.inputSize());
        }
        this.net = net;
        this.transform = transform;
        int width = Math.max(transform.inputSize(), transform.outputSize());
        rows = new float[net.maxBatch() * width];
        wide = net.doublePrecision() ? new double[net.maxBatch() * net.inputSize()] : null;
        wideOut = net.doublePrecision() ? new double[net.maxBatch() * net.outputSize()] : null;
    }

    /**
     * Reads {@code checkpoint}, loads its model into {@code net} (checked to be the network that wrote it) and
     * rebuilds its preprocessing.
     *
     * @param checkpoint a checkpoint file, a training one or a compressed one
     * @param net a new instance of the generated class to load it into: the float class, or the int8 class for an
     *     int8 checkpoint
     * @return a predictor taking raw features
     * @throws CheckpointException naming the file when it cannot be read, does not fit {@code net}, or its
     *     preprocessing cannot be rebuilt
     * @throws IllegalArgumentException when the preprocessing's output size is not the network's input size
     */
    public static Predictor load(Path checkpoint, InferenceNetwork net) {
        Checkpoint c = Checkpoint.read(checkpoint);
        InputTransform transform;
        try {
            net.load(c);
            transform = InputTransform.of(c.preprocessKind(), c.preprocessState());
        } catch (CheckpointException | IllegalArgumentException e) {
            throw new CheckpointException(checkpoint + ": " + e.getMessage(), e);
        }
        return new Predictor(net, transform);
    }

    /** {@return the network, loaded}. */
    public InferenceNetwork network() {
        return net;
    }

    /** {@return the preprocessing applied before the network}. */
    public InputTransform transform() {
        return transform;
    }

    /**
     * The predicted class of one raw sample: preprocessed, then {@link InferenceNetwork#predict(float[], int)}.
     *
     * @param raw an array holding the sample as the training data had it
     * @param offset where the sample's {@code transform().inputSize()} values start
     * @return the arg-max output, or for a network with one output 1 when it is at least 0.5, else 0
     * @throws IllegalArgumentException when {@code raw} does not hold a whole sample from {@code offset}
     */
    public int predict(float[] raw, int offset) {
        int d = transform.inputSize();
        if (offset < 0 || offset > raw.length - d) {
            throw new IllegalArgumentException("a sample needs " + d + " values from offset " + offset
                    + " in an array of " + raw.length);
        }
        System.arraycopy(raw, offset, rows, 0, d);
        transform.apply(rows, 1, rows);
        if (wide == null) return net.predict(rows, 0);
        for (int i = 0; i < net.inputSize(); i++) wide[i] = rows[i];
        return net.predict(wide, 0);
    }

    /**
     * The network's outputs for raw samples: preprocessed, then {@link InferenceNetwork#forward(float[], int, float[])
     * forward} in inference mode.
     *
     * @param raw the raw samples {@code [batch][transform().inputSize()]}, row-major
     * @param batch the number of samples, from 1 to the network's {@link InferenceNetwork#maxBatch() maxBatch}
     * @param out receives the outputs {@code [batch][outputSize]}, row-major (in float also for a network in double
     *     precision)
     * @throws IllegalArgumentException when {@code batch} is out of range or an array is too short
     */
    public void forward(float[] raw, int batch, float[] out) {
        int d = transform.inputSize();
        if (batch < 1 || batch > net.maxBatch()) {
            throw new IllegalArgumentException("batch must be between 1 and " + net.maxBatch() + ", got " + batch);
        }
        if (raw.length < batch * d) {
            throw new IllegalArgumentException("raw holds " + raw.length + " values, the batch needs " + batch * d);
        }
        System.arraycopy(raw, 0, rows, 0, batch * d);
        transform.apply(rows, batch, rows);
        if (wide == null) {
            net.forward(rows, batch, out);
            return;
        }
        int n = batch * net.inputSize();
        for (int i = 0; i < n; i++) wide[i] = rows[i];
        net.forward(wide, batch, wideOut);
        if (out.length < batch * net.outputSize()) {
            throw new IllegalArgumentException("out holds " + out.length + " values, the batch needs "
                    + batch * net.outputSize());
        }
        for (int i = 0; i < batch * net.outputSize(); i++) out[i] = (float) wideOut[i];
    }
}
