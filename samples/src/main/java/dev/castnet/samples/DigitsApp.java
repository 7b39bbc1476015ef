package dev.castnet.samples;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Digits;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.train.EarlyStopping;
import dev.castnet.runtime.train.Evaluation;
import dev.castnet.runtime.train.RunOutputs;
import dev.castnet.runtime.train.TrainOptions;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Training from Java: the generated {@code DigitsMlpNet} on the bundled digits with the runtime's
 * {@link Trainer}, the same run as {@code ./castnet train samples/src/main/nn/digits.nn}.
 *
 * <pre>mvn -q -pl samples -am package -DskipTests
 * java -cp "samples/target/classes:$(cat samples/target/classpath.txt)" dev.castnet.samples.DigitsApp [OUT]</pre>
 */
public final class DigitsApp {
    private DigitsApp() {}

    /** The training settings of {@code digits.nn}'s {@code train { }} block. */
    static TrainOptions options() {
        return new TrainOptions().epochs(40).batch(32).validation(0.2).seed(42)
                .preprocess(PreprocessSpec.zscore())
                .earlyStop(new EarlyStopping.Config("val_loss", 8, 1e-4, true));
    }

    /** Trains and returns the result; {@code out} (may be null) receives checkpoint, history, plots and summary. */
    static TrainResult train(TrainOptions options, Path out) throws IOException {
        Dataset digits = Digits.load();
        DigitsMlpNet net = new DigitsMlpNet(options.batch(), options.seed());
        if (out != null) options.checkpoint(out.resolve("model.ckpt"));
        Trainer trainer = new Trainer(net, options);
        TrainResult result = trainer.fit(digits);
        if (out != null) RunOutputs.write(out, trainer, result, null);
        return result;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "runs/DigitsMlp");
        TrainResult r = train(options(), out);
        Evaluation v = r.validation();
        System.out.printf("DigitsMlpNet: %d epochs, validation loss %.4f, accuracy %.2f%%; wrote %s%n",
                r.epochsRun(), v.loss(), 100 * v.accuracy(), out);
    }
}
