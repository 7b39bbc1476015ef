package dev.castnet.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.testing.SoftmaxRegression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    /** A trained-looking network: parameters, momentum state, step and a used generator. */
    private static SoftmaxRegression trained(long seed) {
        SoftmaxRegression net = new SoftmaxRegression(6, 3, 4, seed, 0.1, 0.9, 0.25);
        float[] x = new float[4 * 6];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * seed);
        for (int s = 0; s < 5; s++) net.trainStep(x, new int[] {0, 1, 2, 1}, 4);
        return net;
    }

    private static Checkpoint full(SoftmaxRegression net) {
        Checkpoint c = Checkpoint.capture(net);
        c.generators().put("shuffle", new long[] {1, 2, 3, 4, 5, 0});
        c.setPreprocessing("zscore", Map.of("mean", new double[] {0.5, 1.5}, "std", new double[] {2, 0}));
        c.trainerState().put("epoch", new double[] {3});
        c.bestParameters().putAll(Checkpoint.readAll(net.parameters()));
        return c;
    }

    @Test
    void roundTripIsBitIdentical() throws IOException {
        SoftmaxRegression net = trained(3);
        Checkpoint c = full(net);
        Path p = dir.resolve("model.ckpt");
        c.write(p);
        byte[] bytes = Files.readAllBytes(p);
        assertArrayEquals(c.toBytes(), bytes);
        Checkpoint back = Checkpoint.read(p);
        assertArrayEquals(bytes, back.toBytes());
        assertEquals("zscore", back.preprocessKind());
        assertArrayEquals(new double[] {2, 0}, back.preprocessState().get("std"));

        SoftmaxRegression fresh = new SoftmaxRegression(6, 3, 4, 77, 0.1, 0.9, 0.25);
        Checkpoint.load(p, fresh);
        assertEquals(Checkpoint.readAll(net.parameters()), Checkpoint.readAll(fresh.parameters()));
        assertEquals(Checkpoint.readAll(net.optimizerState()), Checkpoint.readAll(fresh.optimizerState()));
        assertEquals(net.optimizerStep(), fresh.optimizerStep());
        assertArrayEquals(net.random().state(), fresh.random().state());
        // bit-identical floats, and the next step draws the same dropout mask
        float[] x = {1, 2, 3, 4, 5, 6};
        assertEquals(net.trainStep(x, new int[] {2}, 1), fresh.trainStep(x, new int[] {2}, 1));
        assertEquals(Checkpoint.readAll(net.parameters()), Checkpoint.readAll(fresh.parameters()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path p = dir.resolve("t.ckpt");
        full(trained(1)).write(p);
        byte[] b = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(b, b.length - 100));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(p));
        assertEquals(p + ": truncated: the header says " + b.length + " bytes, the file has " + (b.length - 100),
                e.getMessage());
        Files.write(p, Arrays.copyOf(b, 10));
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(p));
        assertEquals(p + ": truncated: 10 bytes, shorter than the 20-byte header", e.getMessage());
    }

    @Test
    void flippedBitIsRefusedByTheChecksum() throws IOException {
        Path p = dir.resolve("f.ckpt");
        full(trained(1)).write(p);
        byte[] b = Files.readAllBytes(p);
        b[b.length / 2] ^= 0x10;
        Files.write(p, b);
        SoftmaxRegression net = trained(2);
        Map<String, Tensor> before = Checkpoint.readAll(net.parameters());
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(p, net));
        assertTrue(e.getMessage().startsWith(p + ": checksum mismatch (stored "), e.getMessage());
        assertTrue(e.getMessage().endsWith("): the file is damaged"), e.getMessage());
        assertEquals(before, Checkpoint.readAll(net.parameters()));
    }

    @Test
    void otherFilesAndVersionsAreRefused() throws IOException {
        Path p = Files.writeString(dir.resolve("x.ckpt"), "PK\3\4 not a checkpoint at all");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(p));
        assertEquals(p + ": not a castnet checkpoint (the file does not start with \"CASTNET\\0\")", e.getMessage());
        byte[] b = full(trained(1)).toBytes();
        b[11] = 9; // version 9
        e = assertThrows(CheckpointException.class, () -> Checkpoint.fromBytes(b, "v.ckpt"));
        assertEquals("v.ckpt: checkpoint format version 9, this castnet reads versions 1 to 2", e.getMessage());
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(dir.resolve("missing.ckpt")));
        assertEquals(dir.resolve("missing.ckpt") + ": no such checkpoint file", e.getMessage());
    }

    @Test
    void anotherNetworksCheckpointIsRefusedNamingBoth() throws IOException {
        Path p = dir.resolve("other.ckpt");
        Checkpoint.capture(new SoftmaxRegression("Other", 6, 3, 4, 1, 0.1, 0.9, 0)).write(p);
        SoftmaxRegression net = trained(5);
        Map<String, Tensor> before = Checkpoint.readAll(net.parameters());
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(p, net));
        assertEquals(p + ": checkpoint of network 'Other' (fingerprint " + Integer.toHexString("Other6x3".hashCode())
                + ") does not fit network 'SoftmaxRegression' (fingerprint " + net.specFingerprint() + "): it was"
                + " written for another spec; load it with the network that wrote it", e.getMessage());
        assertEquals(before, Checkpoint.readAll(net.parameters()));
    }

    @Test
    void wrongShapeIsRefusedBeforeAnythingIsWritten() {
        SoftmaxRegression net = trained(5);
        Checkpoint c = Checkpoint.capture(trained(6));
        // same fingerprint, but a bias of the wrong length after the weight that would be written first
        c.parameters().put("dense0.bias", new Tensor(new int[] {4}, new double[4]));
        Map<String, Tensor> before = Checkpoint.readAll(net.parameters());
        CheckpointException e = assertThrows(CheckpointException.class, () -> c.restoreInto(net));
        assertEquals("parameter 'dense0.bias' has shape [4] in the checkpoint but [3] in the network", e.getMessage());
        assertEquals(before, Checkpoint.readAll(net.parameters()));
        c.parameters().remove("dense0.bias");
        e = assertThrows(CheckpointException.class, () -> c.restoreInto(net));
        assertEquals("parameter tensors differ: the network has [dense0.weight, dense0.bias], the checkpoint"
                + " [dense0.weight]; missing [dense0.bias]", e.getMessage());
        assertEquals(before, Checkpoint.readAll(net.parameters()));
    }

    @Test
    void killedWriterLeavesTheLastCheckpointLoadable() throws Exception {
        Path p = dir.resolve("big.ckpt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int attempt = 0; attempt < 3; attempt++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CheckpointWriterMain.class.getName(), p.toString()).redirectErrorStream(true).start();
            int last = 0;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                // kill while it is in the middle of later writes
                int target = 3 + attempt;
                for (String line; last < target && (line = out.readLine()) != null; ) last = Integer.parseInt(line.trim());
                child.destroyForcibly();
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            }
            assertTrue(last >= 3, "child wrote " + last + " checkpoints");
            Checkpoint c = Checkpoint.read(p);
            double[] w = c.parameters().get("dense0.weight").values();
            double round = w[0];
            assertTrue(round >= last, "checkpoint of round " + round + " is older than the last reported " + last);
            for (double v : w) assertEquals(round, v, "checkpoint mixes rounds");
            SoftmaxRegression net = new SoftmaxRegression("Big", 1000, 500, 1, 1, 0.1, 0.9, 0);
            c.restoreInto(net);
            assertEquals(round, net.parameters().read("dense0.weight")[12345]);
        }
        // the next write removes temporaries the killed writers left behind
        Checkpoint.read(p).write(p);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }
}
