package dev.castnet.bench;

import dev.castnet.runtime.kernel.DenseKernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dense kernels at the Fashion MLP's sizes (784 -> 256 -> 128 -> 10, batch 64). Each benchmark declares its
 * floating-point operations (2 per multiply-add) as JMH operations and reports per nanosecond, so the score
 * column reads directly in GFLOP/s. The implementation follows the JVM flags: run the jar with and without
 * {@code --add-modules jdk.incubator.vector} (JMH forks inherit them) to compare; the chosen one is printed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DenseKernelsBenchmark {
    static final int B = 64, N0 = 784, N1 = 256, N2 = 128, N3 = 10;
    static final int MAC1 = B * N0 * N1, MAC2 = B * N1 * N2, MAC3 = B * N2 * N3;
    /** One training step: forward and weight gradient of all three layers, input gradient of the upper two. */
    static final int STEP = 2 * (2 * MAC1 + 3 * MAC2 + 3 * MAC3) + B * (N1 + N2 + N3);

    float[] x, w1, b1, h1, w2, b2, h2, w3, b3, h3;
    float[] g3, g2, g1, dw1, db1, dw2, db2, dw3, db3, dh2, dh1;
    double[] xd, w1d, h1d, g1d, dw1d;

    @Setup
    public void setup() {
        System.out.println("\n# castnet kernels: " + DenseKernels.implementation());
        Random rnd = new Random(42);
        x = random(B * N0, rnd);
        w1 = random(N0 * N1, rnd);
        b1 = random(N1, rnd);
        w2 = random(N1 * N2, rnd);
        b2 = random(N2, rnd);
        w3 = random(N2 * N3, rnd);
        b3 = random(N3, rnd);
        g3 = random(B * N3, rnd);
        g2 = random(B * N2, rnd);
        g1 = random(B * N1, rnd);
        h1 = new float[B * N1];
        h2 = new float[B * N2];
        h3 = new float[B * N3];
        dw1 = new float[N0 * N1];
        db1 = new float[N1];
        dw2 = new float[N1 * N2];
        db2 = new float[N2];
        dw3 = new float[N2 * N3];
        db3 = new float[N3];
        dh2 = new float[B * N2];
        dh1 = new float[B * N1];
        xd = randomDouble(B * N0, rnd);
        w1d = randomDouble(N0 * N1, rnd);
        g1d = randomDouble(B * N1, rnd);
        h1d = new double[B * N1];
        dw1d = new double[N0 * N1];
    }

    private static float[] random(int n, Random rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() - 0.5f;
        return a;
    }

    private static double[] randomDouble(int n, Random rnd) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextDouble() - 0.5;
        return a;
    }

    @Benchmark @OperationsPerInvocation(2 * MAC1)
    public float[] forward784x256() {
        DenseKernels.forward(x, 0, w1, 0, b1, 0, h1, 0, B, N0, N1);
        return h1;
    }

    @Benchmark @OperationsPerInvocation(2 * MAC2)
    public float[] forward256x128() {
        DenseKernels.forward(h1, 0, w2, 0, b2, 0, h2, 0, B, N1, N2);
        return h2;
    }

    @Benchmark @OperationsPerInvocation(2 * MAC3)
    public float[] forward128x10() {
        DenseKernels.forward(h2, 0, w3, 0, b3, 0, h3, 0, B, N2, N3);
        return h3;
    }

    @Benchmark @OperationsPerInvocation(2 * MAC1)
    public float[] weightGradient784x256() {
        DenseKernels.weightGradient(x, 0, g1, 0, dw1, 0, B, N0, N1);
        return dw1;
    }

    @Benchmark @OperationsPerInvocation(2 * MAC2)
    public float[] weightGradient256x128() {
        DenseKernels.weightGradient(h1, 0, g2, 0, dw2, 0, B, N1, N2);
        return dw2;
    }

    @Benchmark @OperationsPerInvocation(2 * MAC3)
    public float[] weightGradient128x10() {
        DenseKernels.weightGradient(h2, 0, g3, 0, dw3, 0, B, N2, N3);
        return dw3;
    }

    @Benchmark @OperationsPerInvocation(2 * MAC2)
    public float[] inputGradient256x128() {
        DenseKernels.inputGradient(g2, 0, w2, 0, dh1, 0, B, N1, N2);
        return dh1;
    }

    @Benchmark @OperationsPerInvocation(2 * MAC3)
    public float[] inputGradient128x10() {
        DenseKernels.inputGradient(g3, 0, w3, 0, dh2, 0, B, N2, N3);
        return dh2;
    }

    @Benchmark @OperationsPerInvocation(B * N1)
    public float[] biasGradient256() {
        DenseKernels.biasGradient(g1, 0, db1, 0, B, N1);
        return db1;
    }

    /** Every kernel call of one training step (activations, loss and optimizer are not kernels and not here). */
    @Benchmark @OperationsPerInvocation(STEP)
    public float[] step() {
        DenseKernels.forward(x, 0, w1, 0, b1, 0, h1, 0, B, N0, N1);
        DenseKernels.forward(h1, 0, w2, 0, b2, 0, h2, 0, B, N1, N2);
        DenseKernels.forward(h2, 0, w3, 0, b3, 0, h3, 0, B, N2, N3);
        DenseKernels.weightGradient(h2, 0, g3, 0, dw3, 0, B, N2, N3);
        DenseKernels.biasGradient(g3, 0, db3, 0, B, N3);
        DenseKernels.inputGradient(g3, 0, w3, 0, dh2, 0, B, N2, N3);
        DenseKernels.weightGradient(h1, 0, g2, 0, dw2, 0, B, N1, N2);
        DenseKernels.biasGradient(g2, 0, db2, 0, B, N2);
        DenseKernels.inputGradient(g2, 0, w2, 0, dh1, 0, B, N1, N2);
        DenseKernels.weightGradient(x, 0, g1, 0, dw1, 0, B, N0, N1);
        DenseKernels.biasGradient(g1, 0, db1, 0, B, N1);
        return dw1;
    }

    /** The first layer's forward and weight gradient in double precision ({@code precision double} networks). */
    @Benchmark @OperationsPerInvocation(4 * MAC1)
    public double[] firstLayerDouble() {
        DenseKernels.forward(xd, 0, w1d, 0, null, 0, h1d, 0, B, N0, N1);
        DenseKernels.weightGradient(xd, 0, g1d, 0, dw1d, 0, B, N0, N1);
        return dw1d;
    }
}
