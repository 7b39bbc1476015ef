package dev.castnet.bench;

import com.sun.management.ThreadMXBean;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.FashionMnist;
import dev.castnet.runtime.kernel.DenseKernels;
import java.lang.management.ManagementFactory;

/**
 * The conv and recurrent end-to-end benchmark, the twin of the PyTorch baseline {@code torch_seq.py}: the generated
 * {@code FashionCnnBench} or {@code FashionLstmBench} ({@code bench/src/main/nn/fashion_seq.nn}) trained with Adam on
 * the first N Fashion-MNIST training images (pixels / 255), batch B, reshuffled every epoch; prints one line per
 * epoch (seconds, samples/s, bytes allocated per step), then the test accuracy and a one-sample predict time.
 *
 * <p>Usage: {@code java [--add-modules jdk.incubator.vector] -cp bench/target/benchmarks.jar dev.castnet.bench.SeqEpoch
 * cnn|lstm [epochs] [batch] [train_subset]}, as {@code torch_seq.py cnn|lstm EPOCHS BATCH threads train_subset}.
 */
public final class SeqEpoch {
    private SeqEpoch() {}

    public static void main(String[] args) {
        String kind = args.length > 0 ? args[0] : "cnn";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int subset = args.length > 3 ? Integer.parseInt(args[3]) : 60000;
        TrainableNetwork net = switch (kind) {
            case "cnn" -> new FashionCnnBench(batch, 42);
            case "lstm" -> new FashionLstmBench(batch, 42);
            default -> throw new IllegalArgumentException("kind is cnn or lstm, got " + kind);
        };
        FashionMnist.Data data = FashionMnist.load();
        Dataset train = data.train();
        Dataset test = data.test();
        int n = Math.min(subset, train.size());
        int d = train.features();
        float[] xb = new float[batch * d];
        int[] yb = new int[batch];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Rng rng = new Rng(7);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.out.printf("castnet %s, Java %s, kernels: %s, %d kernel threads, %d training samples, batch %d%n",
                net.networkName(), Runtime.version(), DenseKernels.implementation(), DenseKernels.threads(), n, batch);
        double best = Double.MAX_VALUE;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long steps = 0;
            long bytesInSteps = 0;
            double lossSum = 0;
            long t0 = System.nanoTime();
            for (int start = 0; start < n; start += batch) {
                int m = Math.min(batch, n - start);
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
            best = Math.min(best, seconds);
            System.out.printf("{\"epoch\": %d, \"epoch_s\": %.4f, \"samples_per_s\": %.0f, \"loss\": %.4f, "
                    + "\"bytes_per_step\": %.1f}%n", epoch, seconds, n / seconds, lossSum / n,
                    (double) bytesInSteps / steps);
        }
        float[] out = new float[batch * 10];
        int correct = 0;
        float[] xt = test.x();
        for (int start = 0; start < test.size(); start += batch) {
            int m = Math.min(batch, test.size() - start);
            System.arraycopy(xt, start * d, xb, 0, m * d);
            net.forward(xb, m, out);
            for (int b = 0; b < m; b++) {
                int arg = 0;
                for (int j = 1; j < 10; j++) if (out[b * 10 + j] > out[b * 10 + arg]) arg = j;
                if (arg == test.labels()[start + b]) correct++;
            }
        }
        int sink = 0;
        for (int i = 0; i < 2_000; i++) sink += net.predict(xt, (i % test.size()) * d);
        int calls = 5_000;
        long p0 = System.nanoTime();
        for (int i = 0; i < calls; i++) sink += net.predict(xt, (i % test.size()) * d);
        double micros = (System.nanoTime() - p0) / 1e3 / calls;
        System.out.printf("{\"summary\": \"%s\", \"best_epoch_s\": %.4f, \"final_test_acc\": %.4f, "
                + "\"predict1_us\": %.1f, \"sink\": %d}%n", kind, best, (double) correct / test.size(), micros, sink & 1);
    }
}
