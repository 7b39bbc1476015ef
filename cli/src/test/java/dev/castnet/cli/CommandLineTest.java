package dev.castnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user runs it: exit codes, what is printed, what is written. */
class CommandLineTest {
    static Path root() {
        String r = System.getProperty("castnet.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    /** The parity cases' specs, on the test class path under {@code parity/}. */
    static Path golden() {
        try {
            return Path.of(CommandLineTest.class.getResource("/parity").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream oldOut = System.out;
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        System.setOut(new PrintStream(progress, true, StandardCharsets.UTF_8)); // the trainer's progress lines
        try {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute(args);
            return new Run(code, out + progress.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    @Test
    void checkAcceptsEveryGoldenSpecAndPrintsShapes() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(golden())) {
            files = s.filter(p -> p.toString().endsWith(".nn")).map(Path::toString).sorted().toList();
        }
        assertEquals(34, files.size(), "parity specs found: " + files);
        Run r = run(Stream.concat(Stream.of("check"), files.stream()).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("network DeepBatchNormAdam"), r.out());
        assertTrue(r.out().contains("6 -> 8"), r.out());
        assertTrue(r.out().contains("8x8x1 -> 8x8x4"), r.out());
        assertTrue(r.out().contains("4x3 -> 4x4"), r.out());
        assertTrue(r.out().contains("parameters:"), r.out());
        // the memory check prints is what the generated constructor allocates (tied in the processor's MemoryTest)
        var net = dev.castnet.dsl.SpecLoader.load(golden().resolve("ConvBatchNormPools.nn")).networks().get(0)
                .variants().get(0);
        long total = dev.castnet.processor.generator.CodeGenerator.cost(net, net.train().batch()).totalBytes();
        assertTrue(r.out().contains("total " + total + " B") || r.out().contains("(" + total + " B)"), r.out());
    }

    @Test
    void checkReportsEveryErrorWithItsPositionAndExitsOne(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.nn");
        Files.writeString(bad, String.join("\n",
                "network Bad {",
                "    input 4",
                "    dens 8",
                "    dropout 1.5",
                "    dense 3",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer sgd",
                "}"));
        Run r = run("check", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad.nn:3:5:") && r.err().contains("did you mean 'dense'"), r.err());
        assertTrue(r.err().contains("bad.nn:4:"), r.err());
        assertTrue(r.err().contains("[0, 1)"), r.err());
    }

    @Test
    void missingFileAndWrongArgumentsGetOneLineAndUsage() {
        Run missing = run("check", "no/such.nn");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no/such.nn"), missing.err());

        Run noFile = run("train");
        assertEquals(2, noFile.code());
        assertTrue(noFile.err().startsWith("castnet: Missing required parameter"), noFile.err());
        assertTrue(noFile.err().contains("Usage: castnet train"), noFile.err());

        Run badEpochs = run("train", root().resolve("samples/src/main/nn/digits.nn").toString(), "--epochs", "0");
        assertEquals(2, badEpochs.code());
        assertTrue(badEpochs.err().contains("--epochs must be at least 1, got 0"), badEpochs.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("check", "generate", "train", "eval", "compress")) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Usage: castnet " + cmd), r.out());
        }
    }

    @Test
    void generateWritesTheSources(@TempDir Path dir) {
        Run r = run("generate", golden().resolve("TanhAdam.nn").toString(), "-d", dir.toString());
        assertEquals(0, r.code(), r.err());
        Path source = dir.resolve("golden/TanhAdam.java");
        assertTrue(Files.isRegularFile(source), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("golden/TanhAdamInt8.java")), "the int8 class beside it: " + r.out());
    }

    @Test
    void trainWritesCheckpointHistoryPlotsAndSummaryAndEvalReadsThem(@TempDir Path dir) throws IOException {
        Path digits = root().resolve("samples/src/main/nn/digits.nn");
        Run r = run("train", digits.toString(), "--epochs", "3", "--out", dir.toString(), "--progress", "lines");
        assertEquals(0, r.code(), r.err() + r.out());
        for (String f : List.of("model.ckpt", "history.csv", "loss.png", "accuracy.png", "summary.json", "network.nn")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"epochs_run\": 3"), summary);
        assertEquals(4, Files.readAllLines(dir.resolve("history.csv")).size(), "header and three epochs");

        Run e = run("eval", dir.resolve("model.ckpt").toString(), "--data", "digits");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("Digits on digits (1797 samples)"), e.out());

        // a damaged checkpoint is refused with a message, not a stack trace
        byte[] bytes = Files.readAllBytes(dir.resolve("model.ckpt"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(dir.resolve("model.ckpt"), bytes);
        Run damaged = run("eval", dir.resolve("model.ckpt").toString());
        assertEquals(1, damaged.code());
        assertTrue(damaged.err().contains("model.ckpt"), damaged.err());
    }

    @Test
    void trainsOnACsvFileAndLocatesABadCell(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("two.nn");
        Files.writeString(spec, String.join("\n",
                "network Two {",
                "    input 2",
                "    dense 4; tanh",
                "    dense 2; softmax",
                "    loss cross_entropy",
                "    optimizer adam lr=0.05",
                "    train { epochs 2; batch 8; validation 0.25 }",
                "}"));
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            int label = i % 2;
            csv.append(label == 0 ? -1 - i * 0.01 : 1 + i * 0.01).append(',').append(i * 0.1).append(',').append(label).append('\n');
        }
        Path data = dir.resolve("points.csv");
        Files.writeString(data, csv);
        Run ok = run("train", spec.toString(), "--data", data.toString(), "--label", "label", "--out",
                dir.resolve("out").toString(), "--progress", "none");
        assertEquals(0, ok.code(), ok.err() + ok.out());
        assertTrue(Files.size(dir.resolve("out/model.ckpt")) > 0);

        Files.writeString(data, csv.toString().replace("0.5,1", "0.5,x"));
        Run bad = run("train", spec.toString(), "--data", data.toString(), "--label", "label", "--out",
                dir.resolve("out2").toString(), "--progress", "none");
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.err().contains("points.csv:7"), bad.err());
    }

    @Test
    void resumeContinuesARunAsIfUninterrupted(@TempDir Path dir) throws IOException {
        String digits = root().resolve("samples/src/main/nn/digits.nn").toString();
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        assertEquals(0, run("train", digits, "--epochs", "3", "--out", whole.toString(), "--progress", "none").code());
        assertEquals(0, run("train", digits, "--epochs", "2", "--out", parts.toString(), "--progress", "none").code());
        Run resumed = run("train", digits, "--epochs", "3", "--out", parts.toString(), "--resume", "--progress", "none");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming Digits from"), resumed.out());
        // epoch, lr, train loss, train accuracy, validation loss, validation accuracy of every epoch agree
        assertEquals(columns(whole.resolve("history.csv"), 6), columns(parts.resolve("history.csv"), 6));

        Run again = run("train", digits, "--epochs", "3", "--out", parts.toString(), "--resume", "--progress", "none");
        assertEquals(0, again.code());
        assertTrue(again.out().contains("nothing left to train"), again.out());
    }

    private static List<String> columns(Path csv, int n) throws IOException {
        return Files.readAllLines(csv).stream()
                .map(line -> String.join(",", java.util.Arrays.asList(line.split(",")).subList(0, n))).toList();
    }
}
