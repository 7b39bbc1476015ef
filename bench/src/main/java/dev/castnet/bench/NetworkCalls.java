package dev.castnet.bench;

import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.kernel.DenseKernels;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The calls a user makes on a generated network, benchmarked alike for every network: one {@code trainStep} on a
 * batch of {@link #BATCH} random inputs (seed 42), a {@code forward} of the batch in inference mode and a one-sample
 * {@code predict}. Subclasses say which network and carry JMH's settings.
 */
public abstract class NetworkCalls {
    static final int BATCH = 64;

    TrainableNetwork network;
    float[] x;
    int[] labels;
    float[] out;
    int sample;

    /** {@return a new network for batches of {@link #BATCH}} */
    abstract TrainableNetwork create();

    @Setup
    public void setup() {
        System.out.println("\n# castnet kernels: " + DenseKernels.implementation());
        network = create();
        Random rnd = new Random(42);
        x = new float[BATCH * network.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat();
        labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = rnd.nextInt(10);
        out = new float[BATCH * network.outputSize()];
    }

    @Benchmark
    public double trainStep() {
        return network.trainStep(x, labels, BATCH);
    }

    @Benchmark
    public float[] forward() {
        network.forward(x, BATCH, out);
        return out;
    }

    @Benchmark
    public int predict() {
        sample = (sample + 1) % BATCH;
        return network.predict(x, sample * network.inputSize());
    }
}
