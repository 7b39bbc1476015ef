package dev.castnet.runtime.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed (detected by the gzip magic
 * {@code 1f 8b}, not by the file name).
 *
 * <p>Layout (big-endian): two zero bytes, the element type ({@code 0x08} = unsigned byte, the only one
 * supported), the number of dimensions, one 32-bit size per dimension, then the elements. Images files have
 * three dimensions (count, rows, columns), label files one. Byte offsets in error messages count in the
 * decompressed stream.
 */
public final class Idx {
    private Idx() {}

    /**
     * A decoded IDX file: its dimensions and the unsigned bytes after the header.
     *
     * @param path the file
     * @param dims the dimensions
     * @param data the unsigned bytes after the header
     * @param headerBytes the header's length in bytes
     */
    public record IdxFile(Path path, int[] dims, byte[] data, int headerBytes) {
        /** {@return the number of items}, the first dimension. */
        public int count() {
            return dims[0];
        }
    }

    /** Reads the whole file, decompressing gzip if the file starts with {@code 1f 8b}. */
    static byte[] readBytes(Path path) {
        try {
            byte[] raw = Files.readAllBytes(path);
            if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new DataFormatException(path + ": damaged gzip data: " + e.getMessage(), e);
                }
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses and validates an unsigned-byte IDX file with {@code expectedDims} dimensions.
     *
     * @param path the file, raw or gzip
     * @param expectedDims 3 for images, 1 for labels
     * @return the decoded file
     * @throws DataFormatException naming the file and the byte offset of what is wrong
     */
    public static IdxFile read(Path path, int expectedDims) {
        byte[] b = readBytes(path);
        if (b.length < 4) {
            throw new DataFormatException(path + ": truncated at byte offset " + b.length
                    + ": expected a 4-byte IDX magic number, the file has " + b.length + " bytes");
        }
        if (b[0] != 0 || b[1] != 0) {
            throw new DataFormatException(path + ": byte offset 0: expected the IDX magic number 0x0000"
                    + String.format("08%02x", expectedDims) + ", got 0x"
                    + String.format("%02x%02x%02x%02x", b[0], b[1], b[2], b[3]) + " (not an IDX file)");
        }
        if ((b[2] & 0xff) != 0x08) {
            throw new DataFormatException(path + ": byte offset 2: expected element type 0x08 (unsigned byte), got 0x"
                    + String.format("%02x", b[2]));
        }
        int nd = b[3] & 0xff;
        if (nd != expectedDims) {
            throw new DataFormatException(path + ": byte offset 3: expected " + expectedDims + " dimension"
                    + (expectedDims == 1 ? "" : "s") + " (" + (expectedDims == 1 ? "idx1 labels" : "idx3 images")
                    + "), got " + nd);
        }
        int header = 4 + 4 * nd;
        if (b.length < header) {
            throw new DataFormatException(path + ": truncated at byte offset " + b.length + ": expected a "
                    + header + "-byte header with " + nd + " dimension sizes");
        }
        int[] dims = new int[nd];
        long product = 1;
        for (int i = 0; i < nd; i++) {
            int off = 4 + 4 * i;
            dims[i] = ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
            if (dims[i] < 0 || (i > 0 && dims[i] == 0)) {
                throw new DataFormatException(path + ": byte offset " + off + ": dimension " + i
                        + " must be positive, got " + dims[i]);
            }
            product *= dims[i];
        }
        long expected = header + product;
        if (b.length < expected) {
            throw new DataFormatException(path + ": truncated at byte offset " + b.length + ": expected " + product
                    + " data bytes after the " + header + "-byte header (" + expected + " bytes in all), got "
                    + (b.length - header));
        }
        if (b.length > expected) {
            throw new DataFormatException(path + ": byte offset " + expected + ": expected the end of the file after "
                    + product + " data bytes, found " + (b.length - expected) + " more bytes");
        }
        return new IdxFile(path, dims, b, header);
    }

    /**
     * Reads an images file and a labels file into a classification data set. Pixels 0..255 are scaled to [0, 1]
     * (divided by 255); every label must be in {@code [0, classes)}.
     *
     * @param images the images file (three dimensions)
     * @param labels the labels file (one dimension, as many items)
     * @param classes the number of classes
     * @param name the data set's name
     * @return the data set, with its image shape
     * @throws DataFormatException when a file is malformed or they do not match
     */
    public static Dataset load(Path images, Path labels, int classes, String name) {
        IdxFile img = read(images, 3);
        IdxFile lab = read(labels, 1);
        if (img.count() != lab.count()) {
            throw new DataFormatException("mismatched counts: " + images + " has " + img.count() + " images but "
                    + labels + " has " + lab.count() + " labels");
        }
        int n = img.count();
        int h = img.dims()[1], w = img.dims()[2];
        int d = h * w;
        float[] x = new float[n * d];
        byte[] pixels = img.data();
        int base = img.headerBytes();
        for (int i = 0; i < x.length; i++) x[i] = (pixels[base + i] & 0xff) / 255f;
        int[] y = new int[n];
        byte[] lb = lab.data();
        for (int i = 0; i < n; i++) {
            int v = lb[lab.headerBytes() + i] & 0xff;
            if (v >= classes) {
                throw new DataFormatException(labels + ": byte offset " + (lab.headerBytes() + i) + " (label " + i
                        + "): label " + v + " outside [0, " + classes + ")");
            }
            y[i] = v;
        }
        return Dataset.classification(name, x, d, y, classes, new ImageShape(h, w, 1));
    }
}
