package dev.castnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.cli.CommandLineTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conv and recurrent networks through the command line as a user runs them: check, train, eval and search on the
 * bundled digits, read as 8x8x1 images for a conv net and as 8 rows of 8 pixels for an LSTM.
 */
class LayerKindsCommandTest {
    @TempDir
    Path dir;

    private Path spec(String name, String... body) throws IOException {
        Path file = dir.resolve(name + ".nn");
        StringBuilder b = new StringBuilder("network " + name + " {\n");
        for (String line : body) b.append("    ").append(line).append('\n');
        b.append("    loss cross_entropy\n    optimizer adam lr=5e-3\n");
        b.append("    train { epochs 4; batch 32; validation 0.2; seed 3; preprocess minmax(0, 1) }\n");
        b.append("    search grid { lr choice(2e-3, 5e-3) }\n}\n");
        Files.writeString(file, b.toString());
        return file;
    }

    @Test
    void aConvNetChecksTrainsEvaluatesAndSearches() throws IOException {
        Path conv = spec("DigitsConv", "input 8x8x1", "conv2d 8 kernel=3 padding=same", "batchnorm", "relu",
                "maxpool 2", "conv2d 16 kernel=3", "relu", "globalavgpool", "dense 10", "softmax");
        Run check = CommandLineTest.run("check", conv.toString());
        assertEquals(0, check.code(), check.err());
        assertTrue(check.out().contains("8x8x1 -> 8x8x8"), check.out());
        assertTrue(check.out().contains("4x4x8 -> 2x2x16"), check.out());

        Path out = dir.resolve("conv");
        Run train = CommandLineTest.run("train", conv.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.size(out.resolve("model.ckpt")) > 0);
        String summary = Files.readString(out.resolve("summary.json"));
        double accuracy = Double.parseDouble(summary.replaceAll("(?s).*\"val_accuracy\"\\s*:\\s*([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.8, "a small conv net learns the digits in 4 epochs: " + summary);

        Run eval = CommandLineTest.run("eval", out.resolve("model.ckpt").toString(), "--data", "digits");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("accuracy"), eval.out());

        Run search = CommandLineTest.run("search", conv.toString(), "--out", dir.resolve("search").toString(),
                "--epochs", "1");
        assertEquals(0, search.code(), search.err());
        assertEquals(3, Files.readAllLines(dir.resolve("search").resolve("search.csv")).size(), "header and 2 trials");
    }

    @Test
    void anLstmOverImageRowsTrainsAndEvaluates() throws IOException {
        Path lstm = spec("DigitsRows", "input 8x8", "lstm 32 return=sequence", "gru 16", "dense 10", "softmax");
        Run check = CommandLineTest.run("check", lstm.toString());
        assertEquals(0, check.code(), check.err());
        assertTrue(check.out().contains("8x8 -> 8x32"), check.out());

        Path out = dir.resolve("lstm");
        Run train = CommandLineTest.run("train", lstm.toString(), "--out", out.toString(), "--progress", "none");
        assertEquals(0, train.code(), train.err());
        String summary = Files.readString(out.resolve("summary.json"));
        double accuracy = Double.parseDouble(summary.replaceAll("(?s).*\"val_accuracy\"\\s*:\\s*([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.7, "an LSTM over 8 rows learns the digits in 4 epochs: " + summary);
        Run eval = CommandLineTest.run("eval", out.resolve("model.ckpt").toString(), "--data", "digits");
        assertEquals(0, eval.code(), eval.err());
    }
}
