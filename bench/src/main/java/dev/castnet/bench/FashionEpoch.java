package dev.castnet.bench;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.FashionMnist;

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
        TrainingLoop loop = new TrainingLoop(net, train.x(), train.labels(), n, d, BATCH);
        // multiply-adds (2 FLOP each) per sample: forward and weight gradient of every layer, input gradient of
        // all but the first (the input needs none) — the same count as KernelEpoch
        double flopsPerSample = 2.0 * (2 * (784 * 256 + 256 * 128 + 128 * 10) + (256 * 128 + 128 * 10));

        System.out.printf("castnet %s, Java %s, kernels: %s, %d kernel threads%n", FashionMlp.class.getSimpleName(),
                Runtime.version(), dev.castnet.runtime.kernel.DenseKernels.implementation(),
                dev.castnet.runtime.kernel.DenseKernels.threads());
        double best = Double.MAX_VALUE;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            loop.epoch();
            double seconds = loop.seconds();
            best = Math.min(best, seconds);
            System.out.printf("epoch %d: %.2f s, %.0f samples/s, %.1f GFLOP/s, loss %.4f, %.1f bytes allocated per step"
                    + " (%d bytes in the epoch loop), training thread's CPU %.2f s%n", epoch, seconds, n / seconds,
                    flopsPerSample * n / seconds / 1e9, loop.loss(), loop.bytesPerStep(), loop.bytesInEpoch(),
                    loop.cpuSeconds());
        }
        double accuracy = loop.accuracy(test.x(), test.labels(), test.size());
        System.out.printf("best epoch %.2f s (%.0f samples/s, %.1f GFLOP/s); test accuracy after %d epochs: %.2f%%%n",
                best, n / best, flopsPerSample * n / best / 1e9, epochs, 100.0 * accuracy);

        TrainingLoop.Predict predict = loop.predict(test.x(), test.size(), 20_000, 50_000);
        System.out.printf("predict (one sample): %.1f µs, %d bytes allocated over %d calls  [%d]%n", predict.micros(),
                predict.bytes(), predict.calls(), predict.sink());
    }
}
