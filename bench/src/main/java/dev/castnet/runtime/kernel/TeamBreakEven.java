package dev.castnet.runtime.kernel;

import java.util.Random;

/**
 * Where splitting a kernel call across threads starts to pay: for layers of growing size, the time per call on
 * one thread against a team of {@code threads} that splits every call (no threshold). Lives in the kernel package
 * to reach the package-private team. Usage: {@code java [--add-modules jdk.incubator.vector] -cp
 * bench/target/benchmarks.jar dev.castnet.runtime.kernel.TeamBreakEven [threads] [rounds]}.
 */
public final class TeamBreakEven {
    private TeamBreakEven() {}

    private static final int[][] SIZES = {
        {64, 16, 16}, {64, 32, 32}, {64, 64, 16}, {64, 128, 10}, {64, 64, 64}, {64, 128, 64}, {64, 128, 128},
        {64, 256, 128}, {64, 784, 256}, {16, 128, 128}, {8, 784, 256},
    };

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        KernelTeam one = new KernelTeam(1, 1, "unused-");
        KernelTeam team = new KernelTeam(threads, 1, "castnet-kernel-bench-");
        System.out.printf("kernels: %s; team of %d splitting every call vs one thread; best of %d rounds, µs per call%n",
                DenseKernels.implementation(), threads, rounds);
        System.out.printf("%-16s %9s | %8s %8s %6s | %8s %8s %6s | %8s %8s %6s%n", "batch x in x out", "MACs",
                "fwd 1", "fwd N", "gain", "wgrad 1", "wgrad N", "gain", "igrad 1", "igrad N", "gain");
        for (int[] s : SIZES) {
            int batch = s[0], in = s[1], out = s[2];
            Random rnd = new Random(1);
            float[] x = random(batch * in, rnd), w = random(in * out, rnd), bias = random(out, rnd);
            float[] dy = random(batch * out, rnd), y = new float[batch * out], dw = new float[in * out];
            float[] dx = new float[batch * in];
            long macs = (long) batch * in * out;
            int calls = (int) Math.max(50, Math.min(200_000, 400_000_000L / macs));
            double[][] best = new double[3][2];
            for (double[] b : best) java.util.Arrays.fill(b, Double.MAX_VALUE);
            for (int r = 0; r < rounds; r++) {
                for (int t = 0; t < 2; t++) {
                    KernelTeam k = t == 0 ? one : team;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < calls; i++) DenseFloat.forward(k, x, 0, w, 0, bias, 0, y, 0, batch, in, out);
                    long t1 = System.nanoTime();
                    for (int i = 0; i < calls; i++) DenseFloat.weightGradient(k, x, 0, dy, 0, dw, 0, batch, in, out);
                    long t2 = System.nanoTime();
                    for (int i = 0; i < calls; i++) DenseFloat.inputGradient(k, dy, 0, w, 0, dx, 0, batch, in, out);
                    long t3 = System.nanoTime();
                    best[0][t] = Math.min(best[0][t], (t1 - t0) / 1e3 / calls);
                    best[1][t] = Math.min(best[1][t], (t2 - t1) / 1e3 / calls);
                    best[2][t] = Math.min(best[2][t], (t3 - t2) / 1e3 / calls);
                }
            }
            System.out.printf("%-16s %9d | %8.2f %8.2f %5.2fx | %8.2f %8.2f %5.2fx | %8.2f %8.2f %5.2fx%n",
                    batch + "x" + in + "x" + out, macs,
                    best[0][0], best[0][1], best[0][0] / best[0][1],
                    best[1][0], best[1][1], best[1][0] / best[1][1],
                    best[2][0], best[2][1], best[2][0] / best[2][1]);
        }
        team.close();
    }

    private static float[] random(int n, Random rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextFloat() - 0.5f;
        return a;
    }
}
