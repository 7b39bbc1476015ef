package dev.castnet.bench;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Digits;
import dev.castnet.runtime.kernel.DenseKernels;
import java.util.Arrays;

/**
 * The small-network benchmark, as a user runs it from a fresh JVM: the generated {@code DigitsMlp} (64-32-10 ReLU,
 * softmax + cross-entropy, Adam lr 1e-3, batch 32) on the first 1500 bundled digits scaled to [0, 1], the split and
 * scaling of the PyTorch baseline ({@code torch_mlp.py digits}), reshuffled every epoch. Prints every epoch's
 * seconds and bytes allocated per training step (the JIT's warm-up shows in both), then the median epoch, which
 * the baseline reports too. Usage: {@code java [--add-modules jdk.incubator.vector] -cp bench/target/benchmarks.jar
 * dev.castnet.bench.DigitsEpoch [epochs, default 15]}.
 */
public final class DigitsEpoch {
    private DigitsEpoch() {}

    static final int BATCH = 32, TRAIN = 1500;

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long jvmStart = System.nanoTime();
        Dataset all = Digits.load();
        int d = all.features();
        float[] x = new float[TRAIN * d];
        for (int i = 0; i < x.length; i++) x[i] = all.x()[i] / 16f;
        int[] labels = Arrays.copyOf(all.labels(), TRAIN);
        DigitsMlp net = new DigitsMlp(BATCH, 42);
        TrainingLoop loop = new TrainingLoop(net, x, labels, TRAIN, d, BATCH);
        System.out.printf("castnet DigitsMlp, Java %s, kernels: %s, %d kernel threads%n", Runtime.version(),
                DenseKernels.implementation(), DenseKernels.threads());
        double[] seconds = new double[epochs];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            loop.epoch();
            seconds[epoch - 1] = loop.seconds();
            System.out.printf("epoch %d: %.4f s, loss %.4f, %.1f bytes allocated per step%n", epoch,
                    seconds[epoch - 1], loop.loss(), loop.bytesPerStep());
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        System.out.printf("median epoch %.4f s over %d epochs; %.2f s since main started%n", sorted[epochs / 2], epochs,
                (System.nanoTime() - jvmStart) / 1e9);
    }
}
