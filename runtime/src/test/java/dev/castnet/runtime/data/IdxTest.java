package dev.castnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0);
        out.writeByte(type);
        out.writeByte(dims.length);
        for (int d : dims) out.writeInt(d);
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(b);
        }
        return bytes.toByteArray();
    }

    /** Three 2x2 images with pixels 0, 51, 102, ... and labels 2, 0, 1. */
    private static byte[] images() throws IOException {
        byte[] px = new byte[12];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 51 % 256);
        return idx(8, new int[] {3, 2, 2}, px);
    }

    private static byte[] labels(byte... values) throws IOException {
        return idx(8, new int[] {values.length}, values);
    }

    @Test
    void readsRawAndGzipAlike() throws IOException {
        Path raw = Files.write(dir.resolve("img"), images());
        Path rawLabels = Files.write(dir.resolve("lab"), labels((byte) 2, (byte) 0, (byte) 1));
        Path gz = Files.write(dir.resolve("img.gz"), gzip(images()));
        Path gzLabels = Files.write(dir.resolve("lab.gz"), gzip(labels((byte) 2, (byte) 0, (byte) 1)));
        Dataset a = Idx.load(raw, rawLabels, 10, "a");
        Dataset b = Idx.load(gz, gzLabels, 10, "b");
        assertEquals(3, a.size());
        assertEquals(4, a.features());
        assertEquals(new ImageShape(2, 2, 1), a.image());
        assertArrayEquals(new int[] {2, 0, 1}, a.labels());
        assertEquals(51 * 5 % 256 / 255f, a.x()[5]);
        assertEquals(1f, a.x()[5]); // 255/255: pixels are scaled to [0, 1]
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.labels(), b.labels());
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        byte[] b = images();
        b[0] = 0x50;
        b[1] = 0x4b;
        Path p = Files.write(dir.resolve("zip-not-idx"), b);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.read(p, 3));
        assertTrue(e.getMessage().startsWith(p + ": byte offset 0: expected the IDX magic number 0x00000803, got 0x504b0803"),
                e.getMessage());
    }

    @Test
    void labelsFileWhereImagesAreExpected() throws IOException {
        Path p = Files.write(dir.resolve("lab"), labels((byte) 1));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.read(p, 3));
        assertEquals(p + ": byte offset 3: expected 3 dimensions (idx3 images), got 1", e.getMessage());
    }

    @Test
    void truncatedDataNamesOffsetAndExpectation() throws IOException {
        byte[] full = images();
        Path p = Files.write(dir.resolve("short.gz"), gzip(Arrays.copyOf(full, full.length - 5)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.read(p, 3));
        assertEquals(p + ": truncated at byte offset 23: expected 12 data bytes after the 16-byte header (28 bytes in"
                + " all), got 7", e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        Path p = Files.write(dir.resolve("h"), Arrays.copyOf(images(), 9));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.read(p, 3));
        assertEquals(p + ": truncated at byte offset 9: expected a 16-byte header with 3 dimension sizes", e.getMessage());
    }

    @Test
    void mismatchedCounts() throws IOException {
        Path img = Files.write(dir.resolve("img"), images());
        Path lab = Files.write(dir.resolve("lab"), labels((byte) 1, (byte) 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.load(img, lab, 10, "x"));
        assertEquals("mismatched counts: " + img + " has 3 images but " + lab + " has 2 labels", e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesItsOffset() throws IOException {
        Path img = Files.write(dir.resolve("img"), images());
        Path lab = Files.write(dir.resolve("lab"), labels((byte) 1, (byte) 12, (byte) 0));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.load(img, lab, 10, "x"));
        assertEquals(lab + ": byte offset 9 (label 1): label 12 outside [0, 10)", e.getMessage());
    }

    @Test
    void fashionMnistFindsGzOrRawFiles() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images()));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels((byte) 0, (byte) 1, (byte) 9));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images());
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels((byte) 3, (byte) 4, (byte) 5)));
        FashionMnist.Data d = FashionMnist.load(dir);
        assertEquals(3, d.train().size());
        assertArrayEquals(new int[] {3, 4, 5}, d.test().labels());
        assertEquals(10, d.test().classes());
    }

    @Test
    void fashionMnistMissingFileSaysWhereItLooked() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().startsWith("no train-images-idx3-ubyte in " + dir + " (looked for "
                + dir.resolve("train-images-idx3-ubyte.gz")), e.getMessage());
    }
}
