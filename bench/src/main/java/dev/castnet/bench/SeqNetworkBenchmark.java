package dev.castnet.bench;

import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.kernel.DenseKernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generated conv and LSTM networks of {@code fashion_seq.nn} (the PyTorch baselines' nets) as a user calls
 * them: one {@code trainStep} on a batch of 64 Fashion-sized inputs, a {@code forward} of 64 samples in inference
 * mode and a one-sample {@code predict}; average time per call. Run with and without
 * {@code --add-modules jdk.incubator.vector}: {@code java -jar bench/target/benchmarks.jar SeqNetworkBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SeqNetworkBenchmark {
    static final int BATCH = 64;

    @Param({"cnn", "lstm"})
    public String net;

    TrainableNetwork network;
    float[] x;
    int[] labels;
    float[] out;
    int sample;

    @Setup
    public void setup() {
        System.out.println("\n# castnet kernels: " + DenseKernels.implementation());
        network = net.equals("cnn") ? new FashionCnnBench(BATCH, 42) : new FashionLstmBench(BATCH, 42);
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
