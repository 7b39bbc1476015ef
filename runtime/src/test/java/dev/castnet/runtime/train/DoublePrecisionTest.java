package dev.castnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.testing.LinearRegressionDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoublePrecisionTest {
    @TempDir
    Path dir;

    /** y0 = 2·x0 − x1 + 0.5, y1 = x1 − 3 (exact, no noise). */
    private static Dataset linear(int n) {
        Rng rng = new Rng(3);
        float[] x = new float[n * 2];
        float[] t = new float[n * 2];
        for (int i = 0; i < n; i++) {
            float a = (float) rng.nextGaussian(), b = (float) rng.nextGaussian();
            x[2 * i] = a;
            x[2 * i + 1] = b;
            t[2 * i] = 2 * a - b + 0.5f;
            t[2 * i + 1] = b - 3;
        }
        return Dataset.regression("linear", x, 2, t, 2, null);
    }

    @Test
    void doubleNetworksGetDoubleBatchesAndTargets() throws IOException {
        LinearRegressionDouble net = new LinearRegressionDouble(2, 2, 16, 1, 0.1);
        TrainOptions o = new TrainOptions().progress(Progress.Mode.NONE).epochs(40).batch(16).validation(0.25)
                .preprocess(PreprocessSpec.minmax(-1, 1));
        Trainer t = new Trainer(net, o);
        TrainResult r = t.fit(linear(400));
        assertTrue(r.validation().loss() < 1e-6, "validation mse " + r.validation().loss());
        assertTrue(Double.isNaN(r.validation().accuracy()), "mse on real targets has no accuracy");

        List<Path> files = RunOutputs.write(dir, t, r, null);
        // real-valued targets: MSE, MAE and R² instead of accuracy
        assertEquals(List.of("model.ckpt", "history.csv", "loss.png", "mae.png", "r2.png", "summary.json"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"val_r2\": ") && !summary.contains("val_accuracy"), summary);
        assertTrue(r.validation().r2() > 0.999999, "R² " + r.validation().r2());

        // a double checkpoint reloads into a fresh network and evaluates the same
        LinearRegressionDouble fresh = new LinearRegressionDouble(2, 2, 16, 9, 0.1);
        Trainer evaluator = new Trainer(fresh, new TrainOptions()).loadModel(dir.resolve("model.ckpt"));
        Dataset probe = linear(50);
        assertEquals(t.evaluate(probe), evaluator.evaluate(probe));
        assertTrue(Checkpoint.read(dir.resolve("model.ckpt")).doublePrecision());
    }

    @Test
    void aLossThatGrowsWithoutOverflowingIsDivergenceToo() {
        // lr 3 is past the stability limit 2 of this problem: the error doubles every step but stays finite for
        // many epochs, so only comparing with the untrained network's loss catches it
        LinearRegressionDouble net = new LinearRegressionDouble(2, 2, 16, 1, 3.0);
        Trainer t = new Trainer(net, new TrainOptions().progress(Progress.Mode.NONE).epochs(3).batch(16)
                .validation(0.25));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(linear(400)));
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().matches("training diverged in epoch 1: its mean training loss \\S+ is more than 100 "
                + "times the untrained network's \\S+; lower the learning rate \\(now 3\\.00\\) or add `clip norm 5\\.0` "
                + "to LinearRegressionDouble, and consider `preprocess zscore`"), e.getMessage());
        assertEquals(0, t.epochsDone(), "the diverged epoch is not kept");
    }
}
