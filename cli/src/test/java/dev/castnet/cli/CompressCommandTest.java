package dev.castnet.cli;

import static dev.castnet.cli.CommandLineTest.root;
import static dev.castnet.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.checkpoint.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code castnet compress} and pruning from the command line (SPEC §6): the compressed checkpoint, its report and
 * table, {@code eval} reading it, pruning during training and its resumption, and the errors for bad input.
 */
class CompressCommandTest {
    @TempDir
    static Path trained;

    @BeforeAll
    static void train() {
        Path digits = root().resolve("samples/src/main/nn/digits.nn");
        CommandLineTest.Run r = run("train", digits.toString(), "--epochs", "4", "--out", trained.toString(),
                "--progress", "none");
        assertEquals(0, r.code(), r.err() + r.out());
    }

    private static Path model() {
        return trained.resolve("model.ckpt");
    }

    @Test
    void pruneFineTuneQuantizeWritesTheCheckpointReportAndTable(@TempDir Path out) throws IOException {
        CommandLineTest.Run r = run("compress", model().toString(), "--prune", "0.5", "--finetune", "1",
                "--quantize", "int8", "--calibration", "200", "--out", out.toString(), "--progress", "none");
        assertEquals(0, r.code(), r.err() + r.out());
        for (String row : List.of("checkpoint bytes", "non-zero weights", "accuracy (validation)",
                "predict, one sample (µs)")) {
            assertTrue(r.out().contains(row), r.out());
        }
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("compression.json"))).getAsJsonObject();
        for (String key : List.of("bytes_before", "bytes_after", "nonzero_before", "nonzero_after", "accuracy_before",
                "accuracy_after", "predict_us_before", "predict_us_after")) {
            assertTrue(json.has(key), key + " in " + json);
        }
        assertEquals(Files.size(model()), json.get("bytes_before").getAsLong());
        assertEquals(Files.size(out.resolve("model.ckpt")), json.get("bytes_after").getAsLong());
        assertTrue(json.get("bytes_after").getAsLong() * 5 < json.get("bytes_before").getAsLong(), json.toString());
        long weights = json.get("weights").getAsLong();
        assertEquals(weights, json.get("nonzero_before").getAsLong());
        assertTrue(json.get("nonzero_after").getAsLong() <= weights / 2, json.toString());
        assertTrue(json.get("accuracy_after").getAsDouble() > 0.85, json.toString());
        assertTrue(json.get("predict_us_after").getAsDouble() > 0, json.toString());
        assertEquals("int8", json.getAsJsonObject("compression").get("quantization").getAsString());

        Checkpoint c = Checkpoint.read(out.resolve("model.ckpt"));
        assertTrue(c.compressed() && c.quantized());
        assertEquals(Tensor.Type.INT8, c.parameters().get("dense0.weight").type());
        assertTrue(c.optimizerState().isEmpty() && c.trainerState().isEmpty(), "a model only");
        assertEquals("zscore", c.preprocessKind());

        CommandLineTest.Run e = run("eval", out.resolve("model.ckpt").toString(), "--data", "digits");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("Digits on digits (1797 samples)"), e.out());

        // an int8 model cannot be compressed again
        CommandLineTest.Run again = run("compress", out.resolve("model.ckpt").toString(), "--quantize", "int8",
                "--out", out.resolve("again").toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already holds an int8 model"), again.err());
    }

    @Test
    void pruningAloneKeepsAFloatModelThatEvalRuns(@TempDir Path out) throws IOException {
        CommandLineTest.Run r = run("compress", model().toString(), "--prune", "0.7", "--scope", "global",
                "--finetune", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Checkpoint c = Checkpoint.read(out.resolve("model.ckpt"));
        assertTrue(c.compressed() && !c.quantized());
        long zeros = 0;
        long all = 0;
        for (String t : List.of("dense0.weight", "dense1.weight", "dense2.weight")) {
            for (double v : c.parameters().get(t).values()) {
                all++;
                if (v == 0) zeros++;
            }
        }
        assertEquals(Math.rint(0.7 * all), zeros, "70% of all weights together");
        assertTrue(Files.size(out.resolve("model.ckpt")) < Files.size(model()) / 3);
        CommandLineTest.Run e = run("eval", out.resolve("model.ckpt").toString(), "--data", "digits");
        assertEquals(0, e.code(), e.err());
    }

    @Test
    void badInputGetsAClearError(@TempDir Path out) throws IOException {
        String ckpt = model().toString();
        Map<List<String>, String> cases = Map.of(
                List.of("--prune", "1.2"), "--prune must be a sparsity in [0, 1) (the fraction of weights set to 0), got 1.2",
                List.of("--prune", "-0.1"), "--prune must be a sparsity in [0, 1)",
                List.of("--quantize", "fp16"), "--quantize supports int8, got 'fp16'",
                List.of(), "nothing to do: give --prune S (e.g. --prune 0.8) and/or --quantize int8",
                List.of("--finetune", "2", "--quantize", "int8"), "--finetune retrains the weights pruning kept; give --prune S with it",
                List.of("--prune", "0.5", "--scope", "model"), "--scope must be layer or global, got 'model'",
                List.of("--quantize", "int8", "--calibration", "0"), "--calibration must be at least 1, got 0",
                List.of("--quantize", "int8", "--out", trained.toString()), "is the checkpoint's own folder");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            String[] args = new String[c.getKey().size() + 2];
            args[0] = "compress";
            args[1] = ckpt;
            for (int i = 0; i < c.getKey().size(); i++) args[i + 2] = c.getKey().get(i);
            CommandLineTest.Run r = run(args);
            assertEquals(2, r.code(), c.getKey() + ": " + r.err());
            assertTrue(r.err().contains(c.getValue()), c.getKey() + ": " + r.err());
            assertTrue(!r.err().contains("Exception"), r.err());
        }
        // a checkpoint of another network
        Path other = out.resolve("other.nn");
        Files.writeString(other, "network Other {\n input 8x8x1\n dense 10\n softmax\n loss cross_entropy\n"
                + " optimizer sgd\n}\n");
        CommandLineTest.Run wrong = run("compress", ckpt, "--quantize", "int8", "--spec", other.toString(), "--out",
                out.resolve("x").toString());
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("was written by network Digits") && wrong.err().contains("does not define"),
                wrong.err());
    }

    @Test
    void pruningDuringTrainingReachesItsSparsityAndResumesExactly(@TempDir Path dir) throws IOException {
        String spec = Files.readString(root().resolve("samples/src/main/nn/digits.nn"))
                .replace("early_stop monitor=val_loss patience=8 min_delta=1e-4 restore_best",
                        "prune 0.6 from=1 to=3 scope=layer");
        Path nn = dir.resolve("pruned.nn");
        Files.writeString(nn, spec);
        Path whole = dir.resolve("whole");
        assertEquals(0, run("train", nn.toString(), "--epochs", "4", "--out", whole.toString(), "--progress", "none")
                .code());
        // the same run stopped after epoch 2 (mid-ramp), then resumed from its checkpoint
        var model = dev.castnet.dsl.SpecLoader.load(nn).networks().get(0);
        var variant = model.variants().get(0);
        ClassLoader loader = NetworkCompiler.compile(model);
        var data = Options.withInputShape(dev.castnet.runtime.data.Digits.load(), variant.input());
        Path parts = dir.resolve("parts.ckpt");
        var options = Options.from(variant).epochs(4).checkpoint(parts)
                .progress(dev.castnet.runtime.train.Progress.Mode.NONE);
        var first = new dev.castnet.runtime.train.Trainer(NetworkCompiler.instantiate(loader, variant,
                variant.train().batch(), variant.train().seed()), options);
        first.onEpochEnd((stats, t) -> {
            if (stats.epoch() == 2) t.requestStop();
        });
        first.fit(data);
        Checkpoint midway = Checkpoint.read(parts);
        assertEquals(List.of("dense0.weight", "dense1.weight", "dense2.weight"), List.copyOf(midway.masks().keySet()));
        var second = new dev.castnet.runtime.train.Trainer(NetworkCompiler.instantiate(loader, variant,
                variant.train().batch(), 1234), options);
        second.resumeFrom(parts);
        second.fit(data);

        Checkpoint a = Checkpoint.read(whole.resolve("model.ckpt"));
        Checkpoint b = Checkpoint.read(parts);
        for (String t : a.masks().keySet()) {
            double[] m = a.masks().get(t).values();
            double[] w = a.parameters().get(t).values();
            long zeros = 0;
            for (int i = 0; i < m.length; i++) {
                if (m[i] == 0) {
                    zeros++;
                    assertEquals(0.0, w[i], t + " pruned weight " + i);
                }
            }
            assertEquals(Math.rint(0.6 * m.length), zeros, t + " at the final sparsity");
            assertArrayEquals(m, b.masks().get(t).values(), t + ": the resumed run pruned the same weights");
        }
        for (String t : a.parameters().keySet()) {
            assertArrayEquals(a.parameters().get(t).values(), b.parameters().get(t).values(), t + " bit for bit");
        }
    }
}
