package dev.castnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.cli.CommandLineTest.Run;
import dev.castnet.runtime.train.RunLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What castnet was found to do wrong when tried adversarially: losing a model, mixing runs, stack traces for
 * specs {@code check} accepts, messages that said too little. One test per case.
 */
class HardeningTest {
    @TempDir
    Path dir;

    /** A small network on the bundled digits: compiles and trains in about a second. */
    private Path spec(String name, String... extra) throws IOException {
        Path file = dir.resolve(name + ".nn");
        StringBuilder b = new StringBuilder("network " + name + " {\n  input 8x8x1\n  dense 16\n  relu\n  dense 10\n"
                + "  softmax\n  loss cross_entropy\n  optimizer adam lr=2e-3\n");
        for (String line : extra) b.append("  ").append(line).append('\n');
        Files.writeString(file, b.append("}\n"));
        return file;
    }

    private static Run train(Path spec, Path out, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "train";
        args[1] = spec.toString();
        args[2] = "--out";
        args[3] = out.toString();
        args[4] = "--progress=none";
        System.arraycopy(more, 0, args, 5, more.length);
        return CommandLineTest.run(args);
    }

    // ---- 1. a finished run's folder ----

    @Test
    void aFolderHoldingARunIsRefusedUnlessResumeOrOverwriteSaysWhatToDo() throws IOException {
        Path spec = spec("Small", "train { epochs 2 }");
        Path out = dir.resolve("run");
        assertEquals(0, train(spec, out).code());
        byte[] model = Files.readAllBytes(out.resolve("model.ckpt"));

        Run again = train(spec, out, "--epochs", "1");
        assertEquals(1, again.code(), again.out());
        assertEquals("castnet: " + out + " already holds a run (model.ckpt, network.nn, history.csv, loss.png, "
                + "accuracy.png, summary.json); continue it with --resume, replace it with --overwrite, or choose "
                + "another folder with --out DIR\n", again.err());
        assertArrayEquals(model, Files.readAllBytes(out.resolve("model.ckpt")), "the model is untouched");

        Run both = train(spec, out, "--resume", "--overwrite");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("castnet: --resume continues the run in the output folder, --overwrite "
                + "replaces it: give one"), both.err());

        // a different spec replaces the run as a whole: nothing of the old one stays beside it
        Path other = spec("Other", "train { epochs 1 }");
        Run replaced = train(other, out, "--overwrite");
        assertEquals(0, replaced.code(), replaced.err());
        assertTrue(replaced.out().contains("replacing the run in " + out + " (--overwrite): deleted model.ckpt, "
                + "network.nn, history.csv, loss.png, accuracy.png, summary.json"), replaced.out());
        assertEquals(Files.readString(other), Files.readString(out.resolve("network.nn")));
        assertEquals(2, Files.readAllLines(out.resolve("history.csv")).size(), "header and the new run's one epoch");
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"network\": \"Other\""));
        assertEquals(0, CommandLineTest.run("eval", out.resolve("model.ckpt").toString()).code());
    }

    @Test
    void resumeWithoutACheckpointStartsAfreshOnlyWhereNothingWouldBeLost() throws IOException {
        Path spec = spec("Small", "train { epochs 1 }");
        Path out = Files.createDirectories(dir.resolve("killed"));
        Files.writeString(out.resolve("network.nn"), "a run killed before its first epoch left only this");
        Run fresh = train(spec, out, "--resume");
        assertEquals(0, fresh.code(), fresh.err());
        assertTrue(fresh.out().contains("nothing to resume in " + out + " (no model.ckpt); starting afresh, deleted "
                + "network.nn"), fresh.out());

        Files.delete(out.resolve("model.ckpt"));
        Run refused = train(spec, out, "--resume");
        assertEquals(1, refused.code());
        assertTrue(refused.err().startsWith("castnet: --resume: " + out + " holds no model.ckpt to continue from, only "
                + "network.nn, history.csv, loss.png, accuracy.png, summary.json; start over with --overwrite"),
                refused.err());
    }

    // ---- 2. two runs into one folder ----

    @Test
    void aSecondRunIntoALockedFolderIsRefusedWithTheOthersPid() throws IOException {
        Path spec = spec("Small", "train { epochs 1 }");
        Path out = Files.createDirectories(dir.resolve("busy"));
        try (RunLock other = RunLock.acquire(out, "train")) {
            Run r = train(spec, out);
            assertEquals(1, r.code());
            assertEquals("castnet: " + out.toAbsolutePath() + " is in use by another run (pid "
                    + ProcessHandle.current().pid() + "), which holds .train.lock; wait for it to end or choose another "
                    + "folder with --out DIR\n", r.err());
            assertEquals(List.of(), dev.castnet.runtime.train.RunOutputs.present(out), "nothing was written");
        }
        assertEquals(0, train(spec, out).code(), "free again once the other run released it");
    }

    // ---- 3. kill -9, then eval ----

    @Test
    void aRunKilledAfterItsFirstEpochCanBeEvaluatedWithoutSpec() throws Exception {
        Path spec = spec("Small", "train { epochs 10000 }");
        Path out = dir.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", spec.toString(), "--out", out.toString(), "--progress", "lines")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            // epoch 2's line comes after epoch 1's checkpoint was written
            for (String line; (line = lines.readLine()) != null && !line.startsWith("epoch 2/"); ) {
                assertFalse(line.startsWith("castnet"), line);
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
        assertTrue(Files.exists(out.resolve("model.ckpt")));
        Run e = CommandLineTest.run("eval", out.resolve("model.ckpt").toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().startsWith("Small on digits (1797 samples)"), e.out());
    }

    // ---- 5. batches larger than the data ----

    @Test
    void aBatchLargerThanTheDataIsOneBatchOfAllOfIt() throws IOException {
        Path spec = spec("Small", "train { epochs 1; batch 2147483647 }");
        Run r = train(spec, dir.resolve("a"));
        assertEquals(0, r.code(), r.err());
        assertEquals("castnet train: note: batch 2147483647 is larger than the 1797 samples of digits; using 1797\n",
                r.err());
        assertTrue(r.out().contains("batch 1797"), r.out());
        Run flag = train(spec, dir.resolve("b"), "--batch", "99999999");
        assertEquals(0, flag.code(), flag.err());
        Run eval = CommandLineTest.run("eval", dir.resolve("b/model.ckpt").toString(), "--batch", "99999999");
        assertEquals(0, eval.code(), eval.err());
    }

    // ---- 6. a network larger than the heap ----

    @Test
    void aNetworkLargerThanTheHeapIsRefusedBeforeAnythingIsAllocatedOrCreated() throws IOException {
        long max = Runtime.getRuntime().maxMemory();
        // weights, their gradients and Adam's two moments: 16 bytes per weight, 74 weights per unit
        long units = Math.min(30_000_000, Math.max(1000, 2 * max / (74 * 16)));
        assertTrue(units * 74 * 16 > max, "this test needs a heap below 35 GB, got " + max);
        Path spec = dir.resolve("Huge.nn");
        Files.writeString(spec, "network Huge {\n  input 64\n  dense " + units + "\n  relu\n  dense 10\n  softmax\n"
                + "  loss cross_entropy\n  optimizer adam\n}\n");
        Path out = dir.resolve("huge");
        Run r = train(spec, out);
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().startsWith("castnet: Huge needs "), r.err());
        assertTrue(r.err().contains(" for the network, as `castnet check --batch 32` prints it"), r.err());
        assertTrue(r.err().contains("but the JVM may use at most " + Memory.bytes(max)), r.err());
        assertTrue(r.err().matches("(?s).*give it more heap with -Xmx: JAVA_OPTS=-Xmx\\d+g \\./castnet train \\.\\.\\. "
                + "\\(or java -Xmx\\d+g \\.\\.\\.\\).*"), r.err());
        assertFalse(Files.exists(out), "no empty output folder is left");
    }

    // ---- 9. output folders that cannot be ----

    @Test
    void anOutputFolderThatCannotBeIsRefusedUpFrontWithTheReason() throws IOException {
        Path spec = spec("Small", "train { epochs 1 }");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run isFile = train(spec, file);
        assertEquals(2, isFile.code());
        assertTrue(isFile.err().startsWith("castnet: --out " + file + " is a file, not a folder; name a folder (it is "
                + "created if missing)\n"), isFile.err());
        Run under = train(spec, file.resolve("sub"));
        assertEquals(2, under.code());
        assertTrue(under.err().startsWith("castnet: --out " + file.resolve("sub") + ": " + file.toAbsolutePath()
                + " is a file, so no folder can be made under it\n"), under.err());
        Run gen = CommandLineTest.run("generate", spec.toString(), "-d", file.toString());
        assertEquals(2, gen.code());
        assertTrue(gen.err().startsWith("castnet: -d " + file + " is a file, not a folder"), gen.err());
        if (Files.isDirectory(Path.of("/proc/self"))) { // Linux: the kernel's file system takes no new folders
            Run proc = train(spec, Path.of("/proc/castnet-out"));
            assertEquals(1, proc.code());
            assertEquals("castnet: --out /proc/castnet-out: cannot create or write this folder: its file system allows "
                    + "no new files (/proc/castnet-out)\n", proc.err());
        }
        // the operating system's reasons, in words (a permission cannot be denied to the root user these tests may run as)
        assertEquals("permission denied", OutputFolder.reason(new AccessDeniedException("/x")));
        assertEquals("read-only file system",
                OutputFolder.reason(new java.nio.file.FileSystemException("/x", null, "Read-only file system")));
        assertEquals("its file system allows no new files (/proc/x)", OutputFolder.reason(new NoSuchFileException("/proc/x")));
    }

    // ---- 10. wrong checkpoints and folders ----

    @Test
    void resumingAnotherNetworksCheckpointAndEvaluatingAFolderSayWhatIsWrong() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, train(spec("Small", "train { epochs 1 }"), out).code());
        // this spec uses early stopping, the checkpoint's run did not: the network is what is wrong
        Path early = spec("Early", "train { epochs 2; validation 0.2; early_stop monitor=val_loss patience=2 }");
        Run r = train(early, out, "--resume");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("castnet train: " + out.resolve("model.ckpt") + ": checkpoint of network 'Small' "
                + "(fingerprint "), r.err());
        assertTrue(r.err().contains("does not fit network 'Early'"), r.err());

        Run folder = CommandLineTest.run("eval", out.toString());
        assertEquals(2, folder.code());
        assertTrue(folder.err().startsWith("castnet: " + out + " is a folder; pass the checkpoint file in it: castnet "
                + "eval " + out.resolve("model.ckpt") + "\n"), folder.err());
        Run check = CommandLineTest.run("check", out.toString());
        assertEquals(1, check.code());
        assertEquals("castnet: " + out + " is a folder; pass a .nn network spec file\n", check.err());
    }

    // ---- 11. a loss that explodes without becoming infinite ----

    @Test
    void adamWithAHugeLearningRateStopsAsDivergedWithTheHints() throws IOException {
        Path spec = spec("Small", "train { epochs 4 }");
        Run r = train(spec, dir.resolve("run"), "--lr", "1e6");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().matches("castnet train: training diverged in epoch 1: its mean training loss \\S+ is more "
                + "than 100 times the untrained network's \\S+; lower the learning rate \\(now 1\\.00e\\+06\\) or add "
                + "`clip norm 5\\.0` to Small, and consider `preprocess zscore`\n"), r.err());
    }

    // ---- 12 and 13. data files ----

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path twoClasses() throws IOException {
        Path spec = dir.resolve("Two.nn");
        Files.writeString(spec, "network Two {\n  input 2\n  dense 4; tanh\n  dense 2; softmax\n  loss cross_entropy\n"
                + "  optimizer adam lr=0.05\n  train { epochs 1; batch 8; validation 0.25 }\n}\n");
        return spec;
    }

    @Test
    void aLabelTheNetworkCannotPredictIsReportedAtItsLine() throws IOException {
        StringBuilder b = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) b.append(i * 0.1).append(',').append(i * 0.2).append(',').append(i == 7 ? 200 : i % 2).append('\n');
        Path data = csv("l200.csv", b.toString());
        Run r = train(twoClasses(), dir.resolve("run"), "--data", data.toString());
        assertEquals(1, r.code());
        assertEquals("castnet train: " + data + ":9:" + (b.toString().split("\n")[8].lastIndexOf(',') + 2)
                + ": label 200 outside [0, 2) (2 classes)\n", r.err());
    }

    @Test
    void dataOfOneClassTrainsWithAWarning() throws IOException {
        StringBuilder b = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) b.append(i * 0.1).append(',').append(i * 0.2).append(",1\n");
        Path data = csv("ones.csv", b.toString());
        Run r = train(twoClasses(), dir.resolve("run"), "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("castnet train: warning: every one of the 30 training samples of ones/train has label 1: the "
                + "network can only learn to predict that class; check the data and its label column\n", r.err());
    }

    @Test
    void controlBytesOfFilesAreShownEscapedNeverSentToTheTerminal() throws IOException {
        Path data = csv("evil.csv", "a,b,label\n0.1,x\u001B[2J\u0007y,0\n");
        Run r = train(twoClasses(), dir.resolve("run"), "--data", data.toString());
        assertEquals(1, r.code());
        assertEquals("castnet train: " + data + ":2:5: field 2 is not a finite number: 'x\\u001B[2J\\u0007y'\n", r.err());

        Path spec = dir.resolve("evil.nn");
        Files.writeString(spec, "network N {\n  input 4\u001B]0;owned\u0007\n}\n");
        Run check = CommandLineTest.run("check", spec.toString());
        assertEquals(1, check.code());
        assertFalse(check.err().chars().anyMatch(c -> c < 0x20 && c != '\n'), check.err());
        assertTrue(check.err().contains("unexpected character '\\u001B'"), check.err());
    }
}
