package dev.castnet.bench;

import com.sun.management.ThreadMXBean;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.FashionMnist;
import java.lang.management.ManagementFactory;

/**
 * The end-to-end epoch benchmark: the generated {@code FashionMlp} (784-256-128-10 ReLU, softmax +
 * cross-entropy, Adam lr 1e-3) trained on Fashion-MNIST (pixels / 255) with batch 64, reshuffled every epoch,
 * kernels split across {@code -Dcastnet.threads} threads (default: the processors). Prints seconds per epoch, samples/s, GFLOP/s (the dense layers' multiply-adds: forward and
 * weight gradient of each, input gradient of all but the first; 2 FLOP each), the test accuracy after the epochs, the bytes allocated per training step
 * and the time of a one-sample {@code predict}. With {@code -Dcastnet.threads=1} the training thread's CPU time is all
 * the work of the epoch, a figure that load from other processes on a shared machine disturbs far less than the
 * wall-clock time.
 *
 * <p>Usage: {@code java [--add-modules jdk.incubator.vector] -cp bench/target/benchmarks.jar
 * dev.castnet.bench.FashionEpoch [epochs]}. Data from /usr/share/datasets/fashion-mnist or $CASTNET_DATA.
 */
public final class FashionEpoch {
    private FashionEpoch() {}

    static final int BATCH = 64;

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        FashionMnist.Data data = FashionMnist.load();
        Dataset train = data.train();
        Dataset test = data.test();
        int n = train.size();
        int d = train.features();
        FashionMlp net = new FashionMlp(BATCH, 42);
        float[] xb = new float[BATCH * d];
        int[] yb = new int[BATCH];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Rng rng = new Rng(7);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        // multiply-adds (2 FLOP each) per sample: forward and weight gradient of every layer, input gradient of
        // all but the first (the input needs none) — the same count as KernelEpoch
        double flopsPerSample = 2.0 * (2 * (784 * 256 + 256 * 128 + 128 * 10) + (256 * 128 + 128 * 10));

        System.out.printf("castnet %s, Java %s, kernels: %s, %d kernel threads%n", FashionMlp.class.getSimpleName(),
                Runtime.version(), dev.castnet.runtime.kernel.DenseKernels.implementation(),
                dev.castnet.runtime.kernel.DenseKernels.threads());
        double best = Double.MAX_VALUE;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long steps = 0;
            long bytes0 = threads.getThreadAllocatedBytes(tid);
            long bytesInSteps = 0;
            double lossSum = 0;
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int start = 0; start < n; start += BATCH) {
                int m = Math.min(BATCH, n - start);
                for (int b = 0; b < m; b++) {
                    int row = order[start + b];
                    System.arraycopy(train.x(), row * d, xb, b * d, d);
                    yb[b] = train.labels()[row];
                }
                long a0 = threads.getThreadAllocatedBytes(tid);
                lossSum += net.trainStep(xb, yb, m) * m;
                bytesInSteps += threads.getThreadAllocatedBytes(tid) - a0;
                steps++;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            best = Math.min(best, seconds);
            System.out.printf("epoch %d: %.2f s, %.0f samples/s, %.1f GFLOP/s, loss %.4f, %.1f bytes allocated per step"
                    + " (%d bytes in the epoch loop), training thread's CPU %.2f s%n", epoch, seconds, n / seconds,
                    flopsPerSample * n / seconds / 1e9, lossSum / n, (double) bytesInSteps / steps,
                    threads.getThreadAllocatedBytes(tid) - bytes0, cpu);
        }
        float[] out = new float[BATCH * 10];
        int correct = 0;
        float[] xt = test.x();
        for (int start = 0; start < test.size(); start += BATCH) {
            int m = Math.min(BATCH, test.size() - start);
            System.arraycopy(xt, start * d, xb, 0, m * d);
            net.forward(xb, m, out);
            for (int b = 0; b < m; b++) {
                int arg = 0;
                for (int j = 1; j < 10; j++) if (out[b * 10 + j] > out[b * 10 + arg]) arg = j;
                if (arg == test.labels()[start + b]) correct++;
            }
        }
        System.out.printf("best epoch %.2f s (%.0f samples/s, %.1f GFLOP/s); test accuracy after %d epochs: %.2f%%%n",
                best, n / best, flopsPerSample * n / best / 1e9, epochs, 100.0 * correct / test.size());

        // one-sample predict: warm up, then time many calls
        int sink = 0;
        for (int i = 0; i < 20_000; i++) sink += net.predict(xt, (i % test.size()) * d);
        int calls = 50_000;
        long p0 = System.nanoTime();
        long a0 = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < calls; i++) sink += net.predict(xt, (i % test.size()) * d);
        long allocated = threads.getThreadAllocatedBytes(tid) - a0;
        double micros = (System.nanoTime() - p0) / 1e3 / calls;
        System.out.printf("predict (one sample): %.1f µs, %d bytes allocated over %d calls  [%d]%n", micros,
                allocated, calls, sink & 1);
    }
}
