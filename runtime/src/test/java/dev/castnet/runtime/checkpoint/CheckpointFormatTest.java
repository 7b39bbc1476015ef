package dev.castnet.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.testing.SoftmaxRegression;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint format 2 (CHECKPOINT.md): sparse and int8 layouts read back bit for bit and are chosen only where they
 * are smaller, masks and compression settings survive, and version 1 files are still read.
 */
class CheckpointFormatTest {

    private static Checkpoint roundTrip(Checkpoint c) {
        return Checkpoint.fromBytes(c.toBytes(), "test");
    }

    @Test
    void sparseTensorsReadBackBitForBitAndCostLess() {
        double[] v = new double[1000];
        v[3] = 1.5;
        v[10] = -0.0; // a negative zero is a value: stored, and read back as −0
        v[999] = -2.25;
        for (boolean dbl : new boolean[] {false, true}) {
            Checkpoint c = new Checkpoint("N", "f", dbl);
            c.parameters().put("w", new Tensor(new int[] {10, 100}, v.clone()));
            c.parameters().put("dense", new Tensor(new int[] {3}, new double[] {1.25, 2, 3}));
            Checkpoint back = roundTrip(c);
            double[] read = back.parameters().get("w").values();
            for (int i = 0; i < v.length; i++) {
                assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(read[i]), "value " + i);
            }
            assertArrayEquals(new double[] {1.25, 2, 3}, back.parameters().get("dense").values());
            Checkpoint dense = new Checkpoint("N", "f", dbl);
            double[] full = new double[1000];
            Arrays.fill(full, 0.5);
            full[0] = 0.25;
            dense.parameters().put("w", new Tensor(new int[] {10, 100}, full));
            assertTrue(c.toBytes().length < dense.toBytes().length / 10,
                    "3 non-zero values of 1000 take a bitmap and 3 values: " + c.toBytes().length + " bytes");
        }
    }

    @Test
    void int8TensorsMasksAndCompressionSettingsSurvive() {
        Checkpoint c = new Checkpoint("N", "f", false);
        c.setCompressed(true);
        c.compression().put(Checkpoint.QUANTIZATION, "int8");
        c.compression().put("sparsity", "0.8");
        double[] q = new double[64];
        for (int i = 0; i < q.length; i += 3) q[i] = (i % 2 == 0 ? 1 : -1) * (i * 2 - 1);
        q[0] = 127;
        q[1] = -127;
        c.parameters().put("dense0.weight", new Tensor(new int[] {8, 8}, q, Tensor.Type.INT8));
        double[] m = new double[20];
        for (int i = 0; i < m.length; i++) m[i] = i % 4 == 0 ? 0 : 1;
        c.masks().put("dense0.weight", new Tensor(new int[] {4, 5}, m));
        Checkpoint back = roundTrip(c);
        assertTrue(back.compressed());
        assertTrue(back.quantized());
        assertEquals(Map.of(Checkpoint.QUANTIZATION, "int8", "sparsity", "0.8"), back.compression());
        assertEquals(c.parameters(), back.parameters());
        assertEquals(Tensor.Type.INT8, back.parameters().get("dense0.weight").type());
        assertEquals(c.masks(), back.masks());
        assertArrayEquals(c.toBytes(), back.toBytes());
    }

    @Test
    void int8TensorsHoldWholeNumbersInTheSymmetricRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tensor(new int[] {2}, new double[] {1, -128}, Tensor.Type.INT8));
        assertTrue(e.getMessage().contains("[-127, 127]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new int[] {1}, new double[] {0.5}, Tensor.Type.INT8));
    }

    /** A version 1 file, byte by byte as castnet wrote them before compression existed. */
    private static byte[] version1(SoftmaxRegression net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(Checkpoint.MAGIC);
        out.writeInt(1);
        out.writeLong(0);
        string(out, net.networkName());
        string(out, net.specFingerprint());
        out.writeByte(0);
        table(out, Checkpoint.readAll(net.parameters()));
        out.writeLong(net.optimizerStep());
        table(out, Checkpoint.readAll(net.optimizerState()));
        out.writeInt(1);
        string(out, Checkpoint.NETWORK_RNG);
        long[] rng = net.random().state();
        out.writeInt(rng.length);
        for (long w : rng) out.writeLong(w);
        string(out, "minmax");
        out.writeInt(3);
        for (String k : new String[] {"min", "max", "range"}) {
            string(out, k);
            double[] v = k.equals("range") ? new double[] {0, 1} : new double[] {k.equals("min") ? 0 : 255, 7};
            out.writeInt(v.length);
            for (double d : v) out.writeDouble(d);
        }
        out.writeInt(0); // trainer
        out.writeInt(0); // best
        out.flush();
        byte[] body = bytes.toByteArray();
        byte[] file = Arrays.copyOf(body, body.length + 4);
        ByteBuffer.wrap(file, Checkpoint.MAGIC.length + 4, 8).putLong(file.length);
        CRC32C crc = new CRC32C();
        crc.update(file, 0, body.length);
        ByteBuffer.wrap(file, body.length, 4).putInt((int) crc.getValue());
        return file;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void table(DataOutputStream out, Map<String, Tensor> t) throws IOException {
        out.writeInt(t.size());
        for (Map.Entry<String, Tensor> e : t.entrySet()) {
            string(out, e.getKey());
            out.writeInt(e.getValue().shape().length);
            for (int d : e.getValue().shape()) out.writeInt(d);
            for (double v : e.getValue().values()) out.writeFloat((float) v);
        }
    }

    @Test
    void versionOneCheckpointsAreStillRead() throws IOException {
        SoftmaxRegression net = new SoftmaxRegression(6, 3, 4, 5, 0.1, 0.9, 0.25);
        float[] x = new float[24];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.cos(i);
        for (int s = 0; s < 3; s++) net.trainStep(x, new int[] {0, 1, 2, 1}, 4);
        Checkpoint c = Checkpoint.fromBytes(version1(net), "old.ckpt");
        assertFalse(c.compressed());
        assertTrue(c.masks().isEmpty());
        assertEquals("minmax", c.preprocessKind());
        SoftmaxRegression fresh = new SoftmaxRegression(6, 3, 4, 99, 0.1, 0.9, 0.25);
        c.restoreInto(fresh);
        assertEquals(Checkpoint.readAll(net.parameters()), Checkpoint.readAll(fresh.parameters()));
        // written again, it is a version 2 file with the same content
        Checkpoint again = roundTrip(c);
        assertEquals(Checkpoint.readAll(net.parameters()), again.parameters());
        assertEquals(2, ByteBuffer.wrap(c.toBytes(), Checkpoint.MAGIC.length, 4).getInt());
    }

    @Test
    void unknownVersionsAreRefusedNamingWhatIsRead() {
        byte[] b = new Checkpoint("N", "f", false).toBytes();
        ByteBuffer.wrap(b, Checkpoint.MAGIC.length, 4).putInt(3);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.fromBytes(b, "new.ckpt"));
        assertTrue(e.getMessage().contains("format version 3, this castnet reads versions 1 to 2"), e.getMessage());
    }

    @Test
    void aCompressedCheckpointRestoresOnlyTheModel() {
        SoftmaxRegression net = new SoftmaxRegression(6, 3, 4, 5, 0.1, 0.9, 0.25);
        Checkpoint c = new Checkpoint(net.networkName(), net.specFingerprint(), false);
        c.setCompressed(true);
        c.parameters().putAll(Checkpoint.readAll(net.parameters()));
        SoftmaxRegression fresh = new SoftmaxRegression(6, 3, 4, 99, 0.1, 0.9, 0.25);
        roundTrip(c).restoreInto(fresh); // no optimizer state, no generators: fine for a model
        assertEquals(Checkpoint.readAll(net.parameters()), Checkpoint.readAll(fresh.parameters()));
    }
}
