package dev.castnet.bench;

import dev.castnet.runtime.kernel.DenseKernels;
import java.lang.management.*;
import java.util.Random;
/**
 * {@link KernelEpoch}'s calls in one JVM, timed by the calling thread's CPU time as well as the wall clock, then
 * each kernel of the Fashion MLP alone (GFLOP/s, best of 7 x 300 calls). With {@code -Dcastnet.threads=1} the
 * thread's CPU time is all the work, a figure that other processes on a shared machine disturb far less than the
 * wall clock. Usage: {@code java [--add-modules jdk.incubator.vector] -Dcastnet.threads=1 -cp
 * bench/target/benchmarks.jar dev.castnet.bench.KernelCpu [epochs]}.
 */
public final class KernelCpu {
    private KernelCpu() {}

    static final int SAMPLES = 60_000, BATCH = 64, N0 = 784, N1 = 256, N2 = 128, N3 = 10;
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        Random rnd = new Random(42);
        float[] data = random(SAMPLES * N0, rnd, 1f);
        float[] w1 = random(N0 * N1, rnd, 0.05f), b1 = random(N1, rnd, 0.05f);
        float[] w2 = random(N1 * N2, rnd, 0.09f), b2 = random(N2, rnd, 0.09f);
        float[] w3 = random(N2 * N3, rnd, 0.1f), b3 = random(N3, rnd, 0.1f);
        float[] g3 = random(BATCH * N3, rnd, 0.1f);
        float[] h1 = new float[BATCH * N1], h2 = new float[BATCH * N2], h3 = new float[BATCH * N3];
        float[] g1 = new float[BATCH * N1], g2 = new float[BATCH * N2];
        float[] dw1 = new float[N0 * N1], db1 = new float[N1], dw2 = new float[N1 * N2], db2 = new float[N2];
        float[] dw3 = new float[N2 * N3], db3 = new float[N3];
        double best = 1e9, bestWall = 1e9;
        double[] part = new double[4];
        for (int e = -1; e < epochs; e++) {
            long c0 = tm.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            for (int s = 0; s < SAMPLES; s += BATCH) {
                int n = Math.min(BATCH, SAMPLES - s);
                int x = s * N0;
                DenseKernels.forward(data, x, w1, 0, b1, 0, h1, 0, n, N0, N1);
                DenseKernels.forward(h1, 0, w2, 0, b2, 0, h2, 0, n, N1, N2);
                DenseKernels.forward(h2, 0, w3, 0, b3, 0, h3, 0, n, N2, N3);
                DenseKernels.weightGradient(h2, 0, g3, 0, dw3, 0, n, N2, N3);
                DenseKernels.biasGradient(g3, 0, db3, 0, n, N3);
                DenseKernels.inputGradient(g3, 0, w3, 0, g2, 0, n, N2, N3);
                DenseKernels.weightGradient(h1, 0, g2, 0, dw2, 0, n, N1, N2);
                DenseKernels.biasGradient(g2, 0, db2, 0, n, N2);
                DenseKernels.inputGradient(g2, 0, w2, 0, g1, 0, n, N1, N2);
                DenseKernels.weightGradient(data, x, g1, 0, dw1, 0, n, N0, N1);
                DenseKernels.biasGradient(g1, 0, db1, 0, n, N1);
            }
            double cpu = (tm.getCurrentThreadCpuTime() - c0) / 1e9, wall = (System.nanoTime() - w0) / 1e9;
            if (e >= 0) { best = Math.min(best, cpu); bestWall = Math.min(bestWall, wall); }
        }
        // per-kernel: 300 calls each, best of 5, thread CPU µs
        String[] names = {"fwd784x256", "wgrad784x256", "fwd256x128", "wgrad256x128", "igrad256x128", "fwd128x10", "wgrad128x10", "igrad128x10"};
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < names.length; k++) {
            double b = 1e9;
            for (int r = 0; r < 7; r++) {
                long c0 = tm.getCurrentThreadCpuTime();
                for (int i = 0; i < 300; i++) {
                    switch (k) {
                        case 0: DenseKernels.forward(data, 0, w1, 0, b1, 0, h1, 0, 64, N0, N1); break;
                        case 1: DenseKernels.weightGradient(data, 0, g1, 0, dw1, 0, 64, N0, N1); break;
                        case 2: DenseKernels.forward(h1, 0, w2, 0, b2, 0, h2, 0, 64, N1, N2); break;
                        case 3: DenseKernels.weightGradient(h1, 0, g2, 0, dw2, 0, 64, N1, N2); break;
                        case 4: DenseKernels.inputGradient(g2, 0, w2, 0, g1, 0, 64, N1, N2); break;
                        case 5: DenseKernels.forward(h2, 0, w3, 0, b3, 0, h3, 0, 64, N2, N3); break;
                        case 6: DenseKernels.weightGradient(h2, 0, g3, 0, dw3, 0, 64, N2, N3); break;
                        default: DenseKernels.inputGradient(g3, 0, w3, 0, g2, 0, 64, N2, N3);
                    }
                }
                b = Math.min(b, (tm.getCurrentThreadCpuTime() - c0) / 1e9 / 300);
            }
            long macs = k < 2 ? 64L * N0 * N1 : k < 5 ? 64L * N1 * N2 : 64L * N2 * N3;
            sb.append(String.format(" %s=%.1f", names[k], 2.0 * macs / b / 1e9));
        }
        double flops = SAMPLES * (2 * 2.0 * (N0 * N1 + N1 * N2 + N2 * N3) + 2.0 * (N1 * N2 + N2 * N3) + N1 + N2 + N3);
        System.out.printf("%s threads=%d: epoch cpu %.3f s (%.1f GFLOP/s), wall %.3f s; GFLOP/s:%s%n", DenseKernels.implementation(), DenseKernels.threads(), best, flops / best / 1e9, bestWall, sb);
    }
    static float[] random(int n, Random rnd, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (rnd.nextFloat() * 2 - 1) * scale;
        return a;
    }
}
