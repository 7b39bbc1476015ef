package dev.castnet.bench;

import dev.castnet.runtime.kernel.DenseKernels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One epoch's worth of dense-kernel calls of the Fashion MLP (784 -> 256 -> 128 -> 10, batch 64, 60000 samples:
 * 937 batches of 64 and one of 32), timed for both kernel implementations. Only the kernels run: activations,
 * loss and optimizer are left out, so this is the ceiling the generated code approaches, not a training time.
 *
 * <p>The implementation is fixed per JVM, so the parent starts one child JVM per implementation and alternates
 * them for several rounds (the machine may be shared; alternating spreads the disturbance over both). Usage:
 * {@code java -cp bench/target/benchmarks.jar dev.castnet.bench.KernelEpoch [rounds] [epochs-per-child]
 * [extra JVM options for both children, e.g. -XX:UseAVX=2]}.
 */
public final class KernelEpoch {
    private KernelEpoch() {}

    static final int SAMPLES = 60_000, BATCH = 64, N0 = 784, N1 = 256, N2 = 128, N3 = 10;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(Integer.parseInt(args[1]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> extra = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
        String[][] configs = {{"--add-modules", "jdk.incubator.vector"}, {}};
        List<List<Double>> times = new ArrayList<>();
        String[] names = new String[configs.length];
        for (int c = 0; c < configs.length; c++) times.add(new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int c = 0; c < configs.length; c++) {
                names[c] = runChild(configs[c], extra, epochs, times.get(c));
            }
        }
        double flops = flopsPerEpoch();
        System.out.printf("kernel epoch of the 784-256-128-10 MLP, batch %d, %d samples: %.2f GFLOP%s%n",
                BATCH, SAMPLES, flops / 1e9, extra.isEmpty() ? "" : ", extra JVM options " + extra);
        for (int c = 0; c < configs.length; c++) {
            double[] t = times.get(c).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = t[t.length / 2];
            System.out.printf("%-50s %-42s best %.3f s (%.1f GFLOP/s)  median %.3f s (%.1f GFLOP/s)  worst %.3f s  [%d epochs]%n",
                    names[c], configs[c].length == 0 ? "java (no flags)" : "java " + String.join(" ", configs[c]),
                    t[0], flops / t[0] / 1e9, median, flops / median / 1e9, t[t.length - 1], t.length);
        }
    }

    private static String runChild(String[] jvmArgs, List<String> extra, int epochs, List<Double> into)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmArgs));
        command.addAll(extra);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelEpoch.class.getName(),
                "--child", Integer.toString(epochs)));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String name = "?";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("impl ")) name = line.substring(5);
                if (line.startsWith("epoch ")) into.add(Double.parseDouble(line.substring(6)));
            }
        }
        if (p.waitFor() != 0) throw new IllegalStateException("child failed: " + command);
        return name;
    }

    /** Two flops per multiply-add; the first layer needs no input gradient; one add per bias-gradient term. */
    static double flopsPerEpoch() {
        double forward = 2.0 * (N0 * N1 + N1 * N2 + N2 * N3);
        double inputGradient = 2.0 * (N1 * N2 + N2 * N3);
        double biasGradient = N1 + N2 + N3;
        return SAMPLES * (2 * forward + inputGradient + biasGradient);
    }

    private static void child(int epochs) {
        System.out.println("impl " + DenseKernels.implementation());
        Calls calls = new Calls();
        float checksum = 0;
        for (int e = -1; e < epochs; e++) { // epoch -1 warms up the JIT
            long start = System.nanoTime();
            calls.epoch();
            double seconds = (System.nanoTime() - start) / 1e9;
            checksum += calls.checksum();
            if (e >= 0) System.out.println("epoch " + seconds);
        }
        System.out.println("checksum " + checksum); // keeps the results observable
    }

    /** The operands of the Fashion MLP's kernels and one epoch of their calls (also timed by {@link KernelCpu}). */
    static final class Calls {
        final Random rnd = new Random(42);
        final float[] data = random(SAMPLES * N0, rnd, 1f);
        final float[] w1 = random(N0 * N1, rnd, 0.05f), b1 = random(N1, rnd, 0.05f);
        final float[] w2 = random(N1 * N2, rnd, 0.09f), b2 = random(N2, rnd, 0.09f);
        final float[] w3 = random(N2 * N3, rnd, 0.1f), b3 = random(N3, rnd, 0.1f);
        final float[] g3 = random(BATCH * N3, rnd, 0.1f);
        final float[] h1 = new float[BATCH * N1], h2 = new float[BATCH * N2], h3 = new float[BATCH * N3];
        final float[] g1 = new float[BATCH * N1], g2 = new float[BATCH * N2];
        final float[] dw1 = new float[N0 * N1], db1 = new float[N1], dw2 = new float[N1 * N2], db2 = new float[N2];
        final float[] dw3 = new float[N2 * N3], db3 = new float[N3];

        void epoch() {
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
        }

        float checksum() {
            return dw1[17] + db3[3];
        }
    }

    private static float[] random(int n, Random rnd, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (rnd.nextFloat() * 2 - 1) * scale;
        return a;
    }
}
