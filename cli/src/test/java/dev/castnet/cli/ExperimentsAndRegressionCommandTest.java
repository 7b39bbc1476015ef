package dev.castnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code castnet experiments}, and train / eval / search on real-valued CSV targets. */
class ExperimentsAndRegressionCommandTest {
    private static final Path DIABETES = CommandLineTest.root().resolve("samples/data/diabetes.csv");
    private static final Path DIABETES_NN = CommandLineTest.root().resolve("samples/src/main/nn/diabetes.nn");

    @Test
    void experimentsWritesReportResultsAndFigures(@TempDir Path out) throws IOException {
        CommandLineTest.Run r = CommandLineTest.run("experiments", "--only", "symmetry", "--quick", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[1/1] symmetry") && r.out().contains("1 of 1 claims hold"), r.out());
        JsonObject results = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        assertEquals("symmetry", results.getAsJsonArray("experiments").get(0).getAsJsonObject().get("id").getAsString());
        assertTrue(Files.readString(out.resolve("report.md")).contains("## symmetry:"));
        assertTrue(Files.size(out.resolve("symmetry_accuracy.png")) > 0);
        assertTrue(Files.size(out.resolve("symmetry_accuracy.csv")) > 0);
    }

    @Test
    void experimentsRefusesUnknownIdsAndListsTheKnown() {
        CommandLineTest.Run unknown = CommandLineTest.run("experiments", "--only", "dropuot");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown experiment 'dropuot'; the experiments are normalization,"),
                unknown.err());
        CommandLineTest.Run list = CommandLineTest.run("experiments", "--list");
        assertEquals(0, list.code());
        assertTrue(list.out().contains("early_stopping") && list.out().contains("gradient_explosion"),
                list.out());
    }

    @Test
    void regressionOnCsvReportsMseMaeAndR2(@TempDir Path out) throws IOException {
        CommandLineTest.Run train = CommandLineTest.run("train", DIABETES_NN.toString(), "--data", DIABETES.toString(),
                "--label", "progression", "--epochs", "60", "--out", out.toString(), "--progress", "none");
        assertEquals(0, train.code(), train.err() + train.out());
        assertTrue(train.out().contains("validation MSE") && train.out().contains("R²"), train.out());
        assertFalse(train.out().contains("accuracy"), train.out());
        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        double r2 = summary.get("val_r2").getAsDouble();
        assertTrue(r2 > 0.3 && r2 < 1, "validation R² " + r2);
        assertTrue(Files.readAllLines(out.resolve("history.csv")).get(0).contains("val_mae,val_r2"));
        assertTrue(Files.isRegularFile(out.resolve("r2.png")) && Files.isRegularFile(out.resolve("mae.png")));

        CommandLineTest.Run eval = CommandLineTest.run("eval", out.resolve("model.ckpt").toString(), "--data",
                DIABETES.toString(), "--label", "progression");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().matches("(?s)Diabetes on diabetes \\(442 samples\\): loss [0-9.]+, MSE .*, MAE .*, R² .*"),
                eval.out());

        CommandLineTest.Run classes = CommandLineTest.run("eval", out.resolve("model.ckpt").toString(), "--data",
                DIABETES.toString(), "--target", "progression,bmi");
        assertEquals(1, classes.code());
        assertTrue(classes.err().contains("9 features"), classes.err());
    }

    @Test
    void targetNeedsARealValuedLoss() {
        CommandLineTest.Run r = CommandLineTest.run("train", CommandLineTest.root()
                .resolve("samples/src/main/nn/digits.nn").toString(), "--data", DIABETES.toString(), "--target", "bmi");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--target: network Digits uses cross_entropy"), r.err());
    }
}
