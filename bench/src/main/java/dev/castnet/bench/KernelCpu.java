package dev.castnet.bench;

import dev.castnet.runtime.kernel.DenseKernels;
import java.lang.management.*;
/**
 * {@link KernelEpoch}'s calls in one JVM, timed by the calling thread's CPU time as well as the wall clock, then
 * each kernel of the Fashion MLP alone (GFLOP/s, best of 7 x 300 calls). With {@code -Dcastnet.threads=1} the
 * thread's CPU time is all the work, a figure that other processes on a shared machine disturb far less than the
 * wall clock. Usage: {@code java [--add-modules jdk.incubator.vector] -Dcastnet.threads=1 -cp
 * bench/target/benchmarks.jar dev.castnet.bench.KernelCpu [epochs]}.
 */
public final class KernelCpu {
    private KernelCpu() {}

    static final int BATCH = KernelEpoch.BATCH, N0 = KernelEpoch.N0, N1 = KernelEpoch.N1, N2 = KernelEpoch.N2;
    static final int N3 = KernelEpoch.N3;

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        KernelEpoch.Calls c = new KernelEpoch.Calls();
        double best = 1e9, bestWall = 1e9;
        for (int e = -1; e < epochs; e++) { // epoch -1 warms up the JIT
            long c0 = tm.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            c.epoch();
            double cpu = (tm.getCurrentThreadCpuTime() - c0) / 1e9, wall = (System.nanoTime() - w0) / 1e9;
            if (e >= 0) {
                best = Math.min(best, cpu);
                bestWall = Math.min(bestWall, wall);
            }
        }
        float[] data = c.data, w1 = c.w1, b1 = c.b1, w2 = c.w2, b2 = c.b2, w3 = c.w3, b3 = c.b3, g1 = c.g1, g2 = c.g2;
        float[] g3 = c.g3, h1 = c.h1, h2 = c.h2, h3 = c.h3, dw1 = c.dw1, dw2 = c.dw2, dw3 = c.dw3;
        // per-kernel: 300 calls each, best of 5, thread CPU µs
        String[] names = {"fwd784x256", "wgrad784x256", "fwd256x128", "wgrad256x128", "igrad256x128", "fwd128x10",
            "wgrad128x10", "igrad128x10"};
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
        double flops = KernelEpoch.flopsPerEpoch();
        System.out.printf("%s threads=%d: epoch cpu %.3f s (%.1f GFLOP/s), wall %.3f s; GFLOP/s:%s%n",
                DenseKernels.implementation(), DenseKernels.threads(), best, flops / best / 1e9, bestWall, sb);
    }
}
