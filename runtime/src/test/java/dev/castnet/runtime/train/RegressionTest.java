package dev.castnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.data.CsvReader;
import dev.castnet.runtime.data.DataFormatException;
import dev.castnet.runtime.data.DataSets;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.testing.LinearRegressionDouble;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-valued targets: reading them from CSV, and MSE, MAE and R² in evaluations, history, summary and early stopping. */
class RegressionTest {
    @TempDir
    Path dir;

    @Test
    void metricsMatchTheirDefinitions() {
        RegressionMetrics m = new RegressionMetrics(1);
        double[] y = {1, 2, 3, 5}, t = {1, 3, 2, 6};
        for (int i = 0; i < y.length; i++) {
            m.add(0, y[i], t[i]);
            m.endSample();
        }
        assertEquals((0 + 1 + 1 + 1) / 4.0, m.mse(), 1e-12);
        assertEquals((0 + 1 + 1 + 1) / 4.0, m.mae(), 1e-12);
        double mean = (1 + 3 + 2 + 6) / 4.0;
        double ssTot = Math.pow(1 - mean, 2) + Math.pow(3 - mean, 2) + Math.pow(2 - mean, 2) + Math.pow(6 - mean, 2);
        assertEquals(1 - 3 / ssTot, m.r2(), 1e-12);

        // two outputs: R² averaged over them (scikit-learn's uniform_average); a constant target has no R²
        RegressionMetrics two = new RegressionMetrics(2);
        two.add(0, 1, 1);
        two.add(1, 0, 5);
        two.endSample();
        two.add(0, 1, 3);
        two.add(1, 0, 5);
        two.endSample();
        assertEquals(1 - 4 / 2.0, two.r2(), 1e-12);
        assertEquals((0 + 25 + 4 + 25) / 4.0, two.mse(), 1e-12);
    }

    @Test
    void csvTargetsAreRealValues() throws IOException {
        String csv = "a,b,price,weight\n1,2,21.6,0.5\n3,4,34.7,1.5\n";
        Dataset one = new CsvReader().header(true).labelColumn("price").realTargets(true)
                .read(stream(csv), "houses.csv", "houses");
        assertFalse(one.hasLabels());
        assertEquals(1, one.targetSize());
        assertEquals(3, one.features());
        assertEquals(21.6f, one.targets()[0]);
        assertEquals(4f, one.x()[4]); // row 2: a, b, weight
        Dataset two = new CsvReader().header(true).targetColumns(List.of("price", "weight"))
                .read(stream(csv), "houses.csv", "houses");
        assertEquals(2, two.targetSize());
        assertEquals(2, two.features());
        assertEquals(1.5f, two.targets()[3]);

        DataFormatException bad = assertThrows(DataFormatException.class, () -> new CsvReader().header(true)
                .labelColumn("price").realTargets(true).read(stream("a,price\n1,2\n3,x\n"), "h.csv", "h"));
        assertEquals("h.csv:3:3: target (field 2) is not a finite number: 'x'", bad.getMessage());
        DataFormatException missing = assertThrows(DataFormatException.class, () -> new CsvReader().header(true)
                .targetColumns(List.of("cost")).read(stream(csv), "houses.csv", "houses"));
        assertTrue(missing.getMessage().contains("no column named 'cost'"), missing.getMessage());
        // the same file with class labels still says what a label must be
        DataFormatException label = assertThrows(DataFormatException.class, () -> new CsvReader().header(true)
                .labelColumn("price").read(stream(csv), "houses.csv", "houses"));
        assertTrue(label.getMessage().contains("must be a class index"), label.getMessage());
    }

    @Test
    void zeroOneTargetsBecomeLabels() throws IOException {
        Path file = dir.resolve("b.csv");
        Files.writeString(file, "x,y\n0.5,1\n1.5,0\n");
        Dataset d = DataSets.binaryLabelsIfPossible(DataSets.csvTargets(file, "y", List.of()));
        assertTrue(d.hasLabels());
        Files.writeString(file, "x,y\n0.5,0.25\n1.5,0\n");
        assertFalse(DataSets.binaryLabelsIfPossible(DataSets.csvTargets(file, "y", List.of())).hasLabels());
    }

    @Test
    void trainingOnRealTargetsReportsMseMaeAndR2() throws IOException {
        Dataset data = linear(400, 0.1, 3);
        TrainOptions o = new TrainOptions().epochs(30).batch(16).validation(0.25).progress(Progress.Mode.NONE)
                .earlyStop(new EarlyStopping.Config("val_r2", 5, 0, true));
        Trainer trainer = new Trainer(new LinearRegressionDouble(2, 1, 16, 1L, 0.05), o);
        TrainResult r = trainer.fit(data);
        Evaluation v = r.validation();
        assertTrue(v.regression());
        assertTrue(Double.isNaN(v.accuracy()));
        assertEquals(v.loss(), v.mse(), 1e-9); // mse loss: the loss is the MSE
        assertTrue(v.r2() > 0.95, "R² " + v.r2());
        assertTrue(v.mae() < 0.2, "MAE " + v.mae());
        EpochStats last = r.history().last();
        assertTrue(last.regression());
        assertTrue(Double.isNaN(last.trainAccuracy()));
        assertTrue(last.trainR2() > 0.9 && last.valR2() > 0.9, last.toString());

        Path csv = dir.resolve("history.csv");
        r.history().writeCsv(csv);
        assertEquals("epoch,lr,train_loss,train_mse,train_mae,train_r2,val_loss,val_mse,val_mae,val_r2,seconds,"
                + "samples_per_second", Files.readAllLines(csv).get(0));
        List<Path> plots = r.history().plot(dir);
        assertEquals(List.of(dir.resolve("loss.png"), dir.resolve("mae.png"), dir.resolve("r2.png")), plots);

        JsonObject summary = JsonParser.parseString(Summary.of("Linear", r, trainer.evaluate(data)).toJson())
                .getAsJsonObject();
        for (String key : new String[] {"val_mse", "val_mae", "val_r2", "test_loss", "test_mse", "test_mae", "test_r2"}) {
            assertTrue(summary.has(key), "summary lacks " + key + ": " + summary);
        }
        assertFalse(summary.has("val_accuracy"));
        assertEquals(v.r2(), summary.get("val_r2").getAsDouble(), 1e-12);
    }

    @Test
    void earlyStoppingMonitorsMustFitTheTargets() {
        Dataset data = linear(100, 0.1, 4);
        TrainOptions accuracy = new TrainOptions().epochs(3).progress(Progress.Mode.NONE)
                .earlyStop(new EarlyStopping.Config("val_accuracy", 2, 0, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(new LinearRegressionDouble(2, 1, 32, 1L, 0.05), accuracy).fit(data));
        assertTrue(e.getMessage().contains("val_accuracy, which real-valued targets do not have"), e.getMessage());
        assertTrue(new EarlyStopping.Config("val_r2", 1, 0, false).maximize());
        assertFalse(new EarlyStopping.Config("val_mae", 1, 0, false).maximize());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping.Config("val_acc", 1, 0, false));
        assertTrue(unknown.getMessage().contains("val_r2"), unknown.getMessage());
    }

    /** y = 2·x1 − x2 + 0.5 + noise. */
    private static Dataset linear(int n, double noise, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[2 * n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) rng.nextGaussian();
            x[2 * i + 1] = (float) rng.nextGaussian();
            y[i] = (float) (2 * x[2 * i] - x[2 * i + 1] + 0.5 + noise * rng.nextGaussian());
        }
        return Dataset.regression("linear", x, 2, y, 1, null);
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
