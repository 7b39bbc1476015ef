package dev.castnet.bench;

import dev.castnet.runtime.kernel.DenseKernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generated {@code FashionMlp} (784-256-128-10 ReLU, softmax + cross-entropy, Adam) as a user calls it: one
 * {@code trainStep} on a batch of 64, a {@code forward} of 64 samples in inference mode, and a one-sample
 * {@code predict}; average time per call. Run with and without {@code --add-modules jdk.incubator.vector}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NetworkBenchmark {
    static final int BATCH = 64;

    FashionMlp net;
    float[] x;
    int[] labels;
    float[] out;
    int sample;

    @Setup
    public void setup() {
        System.out.println("\n# castnet kernels: " + DenseKernels.implementation());
        Random rnd = new Random(42);
        net = new FashionMlp(BATCH, 42);
        x = new float[BATCH * FashionMlp.INPUT_SIZE];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat();
        labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) labels[i] = rnd.nextInt(10);
        out = new float[BATCH * FashionMlp.OUTPUT_SIZE];
    }

    @Benchmark
    public double trainStep() {
        return net.trainStep(x, labels, BATCH);
    }

    @Benchmark
    public float[] forward() {
        net.forward(x, BATCH, out);
        return out;
    }

    @Benchmark
    public int predict() {
        sample = (sample + 1) % BATCH;
        return net.predict(x, sample * FashionMlp.INPUT_SIZE);
    }
}
