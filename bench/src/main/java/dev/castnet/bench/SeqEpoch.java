package dev.castnet.bench;

import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.FashionMnist;
import dev.castnet.runtime.kernel.DenseKernels;

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
        TrainingLoop loop = new TrainingLoop(net, train.x(), train.labels(), n, train.features(), batch);
        System.out.printf("castnet %s, Java %s, kernels: %s, %d kernel threads, %d training samples, batch %d%n",
                net.networkName(), Runtime.version(), DenseKernels.implementation(), DenseKernels.threads(), n, batch);
        double best = Double.MAX_VALUE;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            loop.epoch();
            double seconds = loop.seconds();
            best = Math.min(best, seconds);
            System.out.printf("{\"epoch\": %d, \"epoch_s\": %.4f, \"samples_per_s\": %.0f, \"loss\": %.4f, "
                    + "\"bytes_per_step\": %.1f}%n", epoch, seconds, n / seconds, loop.loss(), loop.bytesPerStep());
        }
        double accuracy = loop.accuracy(test.x(), test.labels(), test.size());
        TrainingLoop.Predict predict = loop.predict(test.x(), test.size(), 2_000, 5_000);
        System.out.printf("{\"summary\": \"%s\", \"best_epoch_s\": %.4f, \"final_test_acc\": %.4f, "
                + "\"predict1_us\": %.1f, \"sink\": %d}%n", kind, best, accuracy, predict.micros(), predict.sink());
    }
}
