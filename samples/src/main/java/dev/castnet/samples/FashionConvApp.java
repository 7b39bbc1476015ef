package dev.castnet.samples;

import dev.castnet.runtime.ConvLayer;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.FashionMnist;
import dev.castnet.runtime.train.Evaluation;
import dev.castnet.runtime.train.TrainOptions;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.util.Arrays;

/**
 * Training a conv net declared as an annotated interface from Java: the generated {@code FashionConvNetNet} on
 * Fashion-MNIST with the runtime's {@link Trainer}, then a look at its first conv block through the live
 * {@link ConvLayer} view. Reads the IDX files from {@code $CASTNET_DATA} or {@code /usr/share/datasets/fashion-mnist}.
 *
 * <pre>mvn -q -pl samples -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp "samples/target/classes:$(cat samples/target/classpath.txt)" \
 *     dev.castnet.samples.FashionConvApp [EPOCHS]</pre>
 */
public final class FashionConvApp {
    private FashionConvApp() {}

    static TrainOptions options(int epochs) {
        return new TrainOptions().epochs(epochs).batch(64).validation(0.1).seed(42);
    }

    /** A training run: the trainer (for evaluation and the network) and its result. */
    record Run(Trainer trainer, TrainResult result) {
        FashionConvNet network() {
            return (FashionConvNet) trainer.network();
        }
    }

    /** The generated class, trained on {@code train}: 28x28x1 images, pixels in [0, 1]. */
    static Run train(Dataset train, TrainOptions options) {
        FashionConvNetNet net = new FashionConvNetNet(options.batch(), options.seed());
        Trainer trainer = new Trainer(net, options);
        return new Run(trainer, trainer.fit(train));
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        FashionMnist.Data data = FashionMnist.load();
        Run run = train(data.train(), options(epochs));
        Evaluation test = run.trainer().evaluate(data.test());
        ConvLayer conv1 = run.network().conv1();
        System.out.printf("FashionConvNetNet: %d epochs (%.1f s each), test loss %.4f, accuracy %.2f%%%n",
                run.result().epochsRun(), run.result().secondsPerEpoch(), test.loss(), 100 * test.accuracy());
        System.out.printf("%s: %s -> %s, %d filters %dx%d, |W| = %.3f%n", conv1.name(),
                Arrays.toString(conv1.inputShape()), Arrays.toString(conv1.outputShape()), conv1.filters(),
                conv1.kernelHeight(), conv1.kernelWidth(), norm(conv1.weights()));
    }

    private static double norm(double[] w) {
        double s = 0;
        for (double v : w) s += v * v;
        return Math.sqrt(s);
    }
}
