package dev.castnet.runtime.checkpoint;

import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.TrainableNetwork;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Everything needed to continue or evaluate a run: the network's tensors (parameters and batchnorm
 * statistics), optimizer state and step, generator states, preprocessing statistics, the trainer's state and
 * the pruning masks; or, for a <em>compressed</em> checkpoint ({@code castnet compress}), only what inference needs:
 * the model's tensors (pruned, or int8 weights with their scales), the preprocessing and what was done to it.
 *
 * <h2>File format, version 2</h2>
 * All integers big-endian. {@code str} is an {@code i32} byte length then UTF-8 bytes. {@code f} is a value in
 * the checkpoint's precision: {@code f32} (IEEE 754 binary32) when the precision byte is 0, {@code f64} when 1.
 * <pre>
 * magic        8 bytes  "CASTNET\0"
 * version      u32      2 (version 1 files, without kind, masks and compression, are still read)
 * length       i64      total file length in bytes, checksum included (detects truncation)
 * network      str      the network's name
 * fingerprint  str      hex SHA-256 of the network's canonical spec
 * precision    u8       0 = float32, 1 = float64
 * kind         u8       0 = a training checkpoint, 1 = compressed (model only)
 * parameters   table    tensor table (below)
 * opt step     i64      optimizer steps taken
 * opt state    table    tensor table (empty for sgd and in compressed checkpoints)
 * generators   i32 n, then n × (str name, i32 words, words × i64)
 * preprocess   str kind, i32 n, then n × (str name, i32 length, length × f64)
 * trainer      i32 n, then n × (str name, i32 length, length × f64)
 * best         table    parameters of the best epoch kept for early stopping's restore_best (may be empty)
 * masks        table    pruning masks of the pruned tensors, 1 keeps a weight, 0 prunes it (may be empty)
 * compression  i32 n, then n × (str key, str value): what compression did (quantization, sparsity, …)
 * crc32c       u32      CRC-32C of every byte before it
 *
 * table        i32 n, then n × (str name, u8 layout, i32 rank, rank × i32 dims, payload)
 * layout 0     dense values: product(dims) × f
 * layout 1     sparse values: a bitmap of ceil(product(dims) / 8) bytes (bit i &amp; 7 of byte i >> 3 set where
 *              value i is not +0), then the values where the bit is set, × f
 * layout 2     dense int8: product(dims) bytes
 * layout 3     sparse int8: the bitmap, then the non-zero values, one byte each
 * layout 4     bits: the bitmap alone, for tensors of zeros and ones (masks)
 * </pre>
 * A version 1 table is {@code i32 n, then n × (str name, i32 rank, rank × i32 dims, product(dims) × f)}. The
 * writer picks the smallest layout for each tensor; every layout reads back bit for bit.
 *
 * <p>{@link #write} writes atomically: a temporary file {@code .NAME.PID.N.tmp} in the same folder,
 * {@code force(true)}, then an atomic rename over the target, so a crash leaves either the old or the new
 * checkpoint, never a mix. Temporaries of writers whose process is gone are deleted by the next write.
 * {@link #read} verifies magic, version, length and checksum before parsing; {@link #restoreInto} verifies
 * name, fingerprint, precision and every tensor name and shape before writing anything into the network.
 */
public final class Checkpoint {
    /** The first 8 bytes of every checkpoint: {@code CASTNET\0}. */
    public static final byte[] MAGIC = "CASTNET\0".getBytes(StandardCharsets.US_ASCII);
    /** The format version this castnet writes. */
    public static final int FORMAT_VERSION = 2;
    /** The oldest format version this castnet still reads. */
    public static final int OLDEST_READABLE_VERSION = 1;
    /** Key of {@link #compression()} naming the quantization: {@code int8} (absent: none). */
    public static final String QUANTIZATION = "quantization";
    /** Name of the network generator's state in {@link #generators()}. */
    public static final String NETWORK_RNG = "network";
    private static final int MAX_STRING = 1 << 16;
    private static final java.util.concurrent.atomic.AtomicLong TEMP_COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private final String networkName;
    private final String fingerprint;
    private final boolean doublePrecision;
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private long optimizerStep;
    private final Map<String, Tensor> optimizerState = new LinkedHashMap<>();
    private final Map<String, long[]> generators = new LinkedHashMap<>();
    private String preprocessKind = "none";
    private final Map<String, double[]> preprocessState = new LinkedHashMap<>();
    private final Map<String, double[]> trainerState = new LinkedHashMap<>();
    private final Map<String, Tensor> bestParameters = new LinkedHashMap<>();
    private final Map<String, Tensor> masks = new LinkedHashMap<>();
    private final Map<String, String> compression = new LinkedHashMap<>();
    private boolean compressed;

    /**
     * An empty checkpoint for a network; fill its maps, then {@link #write} it. {@link #capture} fills it from a
     * network.
     *
     * @param networkName the network's name in the spec
     * @param fingerprint the network's spec fingerprint ({@link TrainableNetwork#specFingerprint()})
     * @param doublePrecision whether values are stored as float64 (else float32)
     */
    public Checkpoint(String networkName, String fingerprint, boolean doublePrecision) {
        this.networkName = networkName;
        this.fingerprint = fingerprint;
        this.doublePrecision = doublePrecision;
    }

    /**
     * Captures a network's tensors, optimizer state and step, and its generator's state; the trainer adds its own
     * state.
     *
     * @param net the network
     * @return a new checkpoint holding copies
     */
    public static Checkpoint capture(TrainableNetwork net) {
        Checkpoint c = new Checkpoint(net.networkName(), net.specFingerprint(), net.doublePrecision());
        c.parameters.putAll(readAll(net.parameters()));
        c.optimizerStep = net.optimizerStep();
        c.optimizerState.putAll(readAll(net.optimizerState()));
        c.generators.put(NETWORK_RNG, net.random().state());
        if (net.masked()) c.masks.putAll(readAll(net.masks()));
        return c;
    }

    /**
     * Copies every tensor of a {@link Parameters}.
     *
     * @param p the tensors to copy
     * @return their names, shapes and values, in order
     */
    public static Map<String, Tensor> readAll(Parameters p) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : p.names()) out.put(name, new Tensor(p.shape(name), p.read(name)));
        return out;
    }

    /** {@return the name of the network that wrote this checkpoint} */
    public String networkName() {
        return networkName;
    }

    /** {@return the spec fingerprint of the network that wrote this checkpoint} */
    public String fingerprint() {
        return fingerprint;
    }

    /** {@return whether values are stored in double precision} */
    public boolean doublePrecision() {
        return doublePrecision;
    }

    /**
     * {@return every tensor of the network's {@code parameters()}, by name}: a live, ordered map; add to it before
     * {@link #write}.
     */
    public Map<String, Tensor> parameters() {
        return parameters;
    }

    /** {@return the number of optimizer steps taken} */
    public long optimizerStep() {
        return optimizerStep;
    }

    /**
     * Sets the number of optimizer steps taken.
     *
     * @param step the step count t
     */
    public void setOptimizerStep(long step) {
        optimizerStep = step;
    }

    /** {@return the optimizer's state tensors by name}: a live, ordered map (empty for sgd). */
    public Map<String, Tensor> optimizerState() {
        return optimizerState;
    }

    /**
     * {@return the generator states by name}: {@link #NETWORK_RNG} and the trainer's own ({@code shuffle}, {@code
     * augment}); a live, ordered map.
     */
    public Map<String, long[]> generators() {
        return generators;
    }

    /** {@return the preprocessing's kind}: {@code none}, {@code zscore}, {@code minmax} or {@code pca_whiten}. */
    public String preprocessKind() {
        return preprocessKind;
    }

    /** {@return the preprocessing's fitted statistics by name}: a live, ordered map. */
    public Map<String, double[]> preprocessState() {
        return preprocessState;
    }

    /**
     * Sets the preprocessing saved with the model.
     *
     * @param kind {@code none}, {@code zscore}, {@code minmax} or {@code pca_whiten}
     * @param state its fitted statistics by name, copied
     */
    public void setPreprocessing(String kind, Map<String, double[]> state) {
        preprocessKind = kind;
        preprocessState.clear();
        preprocessState.putAll(state);
    }

    /** {@return the trainer's named values} (epoch, early-stopping state, history columns): a live, ordered map. */
    public Map<String, double[]> trainerState() {
        return trainerState;
    }

    /**
     * {@return the parameters of the best epoch so far}, kept for {@code restore_best}; a live, ordered map, empty when
     * there are none.
     */
    public Map<String, Tensor> bestParameters() {
        return bestParameters;
    }

    /**
     * {@return the pruning masks by tensor name} (1 keeps a weight, 0 prunes it), live and ordered; empty when the
     * network was never pruned.
     */
    public Map<String, Tensor> masks() {
        return masks;
    }

    /** {@return whether this is a compressed checkpoint}: a model for inference, without optimizer or trainer state. */
    public boolean compressed() {
        return compressed;
    }

    /**
     * Marks this checkpoint as compressed (a model only) or not.
     *
     * @param compressed true for a model for inference, whose loading skips optimizer and generator state
     */
    public void setCompressed(boolean compressed) {
        this.compressed = compressed;
    }

    /**
     * {@return what compression did}, as key and value ({@link #QUANTIZATION}, {@code sparsity}, …); live and
     * ordered.
     */
    public Map<String, String> compression() {
        return compression;
    }

    /** {@return whether the model's weights are int8}: only the generated {@code FooInt8} class can load it. */
    public boolean quantized() {
        if ("int8".equals(compression.get(QUANTIZATION))) return true;
        for (Tensor t : parameters.values()) if (t.type() == Tensor.Type.INT8) return true;
        return false;
    }

    // ---- compatibility and restore ----

    /**
     * Verifies that this checkpoint was written for {@code net}'s exact spec and tensors: name, fingerprint, precision,
     * every tensor's name and shape, and the generator's state.
     *
     * @param net the network to load into
     * @throws CheckpointException on the first mismatch, naming it
     */
    public void verifyCompatible(TrainableNetwork net) {
        if (!fingerprint.equals(net.specFingerprint()) || !networkName.equals(net.networkName())) {
            throw new CheckpointException("checkpoint of network '" + networkName + "' (fingerprint " + fingerprint
                    + ") does not fit network '" + net.networkName() + "' (fingerprint " + net.specFingerprint()
                    + "): it was written for another spec; load it with the network that wrote it");
        }
        if (doublePrecision != net.doublePrecision()) {
            throw new CheckpointException("checkpoint holds " + precisionName(doublePrecision) + " values but network '"
                    + networkName + "' is generated in " + precisionName(net.doublePrecision()));
        }
        if (quantized()) {
            throw new CheckpointException("checkpoint holds an int8 model of network '" + networkName + "' (written by"
                    + " castnet compress --quantize int8); load it into the generated class " + networkName
                    + "Int8, not into " + networkName);
        }
        verifyTensors("parameter", parameters, net.parameters());
        if (!masks.isEmpty()) verifyTensors("mask", masks, net.masks());
        if (compressed) return; // a model only: nothing to resume training from
        verifyTensors("optimizer state", optimizerState, net.optimizerState());
        if (!bestParameters.isEmpty()) verifyTensors("best-epoch parameter", bestParameters, net.parameters());
        long[] rng = generators.get(NETWORK_RNG);
        if (rng == null || rng.length != net.random().state().length) {
            throw new CheckpointException("checkpoint lacks a valid '" + NETWORK_RNG + "' generator state");
        }
    }

    private static void verifyTensors(String what, Map<String, Tensor> stored, Parameters live) {
        List<String> names = live.names();
        if (!names.equals(new ArrayList<>(stored.keySet()))) {
            List<String> missing = new ArrayList<>(names);
            missing.removeAll(stored.keySet());
            List<String> extra = new ArrayList<>(stored.keySet());
            extra.removeAll(names);
            throw new CheckpointException(what + " tensors differ: the network has " + names + ", the checkpoint "
                    + stored.keySet() + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; unexpected " + extra));
        }
        for (String name : names) {
            int[] want = live.shape(name);
            int[] have = stored.get(name).shape();
            if (!Arrays.equals(want, have)) {
                throw new CheckpointException(what + " '" + name + "' has shape " + Arrays.toString(have)
                        + " in the checkpoint but " + Arrays.toString(want) + " in the network");
            }
        }
    }

    /**
     * Verifies everything, then writes parameters, optimizer state and step, the network generator's state and
     * the pruning masks (applied, so training goes on keeping pruned weights at 0) into {@code net}; a compressed
     * checkpoint writes only the parameters and masks. On any mismatch nothing is written.
     *
     * @param net the network to load into
     * @throws CheckpointException when the checkpoint does not fit the network
     */
    public void restoreInto(TrainableNetwork net) {
        verifyCompatible(net);
        writeAll(parameters, net.parameters());
        if (!compressed) {
            writeAll(optimizerState, net.optimizerState());
            net.setOptimizerStep(optimizerStep);
            net.random().restore(generators.get(NETWORK_RNG));
        }
        if (!masks.isEmpty()) {
            writeAll(masks, net.masks());
            net.applyMasks();
        }
    }

    /**
     * Writes every tensor of {@code values} into {@code p} (names assumed verified).
     *
     * @param values tensors by name
     * @param p where to write them
     */
    public static void writeAll(Map<String, Tensor> values, Parameters p) {
        for (Map.Entry<String, Tensor> e : values.entrySet()) p.write(e.getKey(), e.getValue().values());
    }

    /**
     * Reads, verifies and restores in one go: the network's tensors, optimizer state and generator (not the
     * preprocessing or the trainer's state, which {@code Trainer.loadModel} and {@code resumeFrom} restore).
     *
     * @param path the checkpoint file
     * @param net the network to load into
     * @return the checkpoint read
     * @throws CheckpointException when the file is damaged or does not fit the network, naming the file
     */
    public static Checkpoint load(Path path, TrainableNetwork net) {
        Checkpoint c = read(path);
        try {
            c.verifyCompatible(net);
        } catch (CheckpointException e) {
            throw new CheckpointException(path + ": " + e.getMessage(), e);
        }
        c.restoreInto(net);
        return c;
    }

    private static String precisionName(boolean d) {
        return d ? "double precision (float64)" : "float precision (float32)";
    }

    // ---- writing ----

    /** {@return the file's bytes, checksum included} */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeLong(0); // length, patched below
            writeString(out, networkName);
            writeString(out, fingerprint);
            out.writeByte(doublePrecision ? 1 : 0);
            out.writeByte(compressed ? 1 : 0);
            writeTable(out, parameters);
            out.writeLong(optimizerStep);
            writeTable(out, optimizerState);
            out.writeInt(generators.size());
            for (Map.Entry<String, long[]> e : generators.entrySet()) {
                writeString(out, e.getKey());
                out.writeInt(e.getValue().length);
                for (long w : e.getValue()) out.writeLong(w);
            }
            writeString(out, preprocessKind);
            writeArrays(out, preprocessState);
            writeArrays(out, trainerState);
            writeTable(out, bestParameters);
            writeTable(out, masks);
            out.writeInt(compression.size());
            for (Map.Entry<String, String> e : compression.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
            out.flush();
            byte[] body = bytes.toByteArray();
            byte[] file = Arrays.copyOf(body, body.length + 4);
            ByteBuffer.wrap(file, MAGIC.length + 4, 8).putLong(file.length);
            CRC32C crc = new CRC32C();
            crc.update(file, 0, body.length);
            ByteBuffer.wrap(file, body.length, 4).putInt((int) crc.getValue());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    // layouts of a tensor in a version 2 table
    private static final int DENSE = 0;
    private static final int SPARSE = 1;
    private static final int DENSE_INT8 = 2;
    private static final int SPARSE_INT8 = 3;
    private static final int BITS = 4;

    private void writeTable(DataOutputStream out, Map<String, Tensor> table) throws IOException {
        out.writeInt(table.size());
        for (Map.Entry<String, Tensor> e : table.entrySet()) {
            writeString(out, e.getKey());
            Tensor t = e.getValue();
            double[] v = t.values();
            int layout = layout(t);
            out.writeByte(layout);
            int[] shape = t.shape();
            out.writeInt(shape.length);
            for (int d : shape) out.writeInt(d);
            if (layout == SPARSE || layout == SPARSE_INT8 || layout == BITS) out.write(bitmap(v));
            for (double x : v) {
                if ((layout == SPARSE || layout == SPARSE_INT8 || layout == BITS) && zero(x)) continue;
                switch (layout) {
                    case DENSE, SPARSE -> {
                        if (doublePrecision) out.writeDouble(x);
                        else out.writeFloat((float) x);
                    }
                    case DENSE_INT8, SPARSE_INT8 -> out.writeByte((int) x);
                    default -> { } // bits: the bitmap is the tensor
                }
            }
        }
    }

    /** The smallest layout that reads back exactly. */
    private int layout(Tensor t) {
        double[] v = t.values();
        long n = v.length;
        long nonzero = t.nonzero();
        long bitmap = (n + 7) / 8;
        if (t.type() == Tensor.Type.INT8) return bitmap + nonzero < n ? SPARSE_INT8 : DENSE_INT8;
        int width = doublePrecision ? 8 : 4;
        boolean bits = true;
        for (double x : v) {
            if (!zero(x) && x != 1.0) {
                bits = false;
                break;
            }
        }
        if (bits && bitmap < n * width) return BITS;
        return bitmap + nonzero * width < n * width ? SPARSE : DENSE;
    }

    /** +0 only: a −0 is stored as a value, so every layout reads back bit for bit. */
    private static boolean zero(double x) {
        return Double.doubleToRawLongBits(x) == 0;
    }

    private static byte[] bitmap(double[] v) {
        byte[] bits = new byte[(v.length + 7) / 8];
        for (int i = 0; i < v.length; i++) if (!zero(v[i])) bits[i >> 3] |= (byte) (1 << (i & 7));
        return bits;
    }

    private static void writeArrays(DataOutputStream out, Map<String, double[]> arrays) throws IOException {
        out.writeInt(arrays.size());
        for (Map.Entry<String, double[]> e : arrays.entrySet()) {
            writeString(out, e.getKey());
            out.writeInt(e.getValue().length);
            for (double v : e.getValue()) out.writeDouble(v);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Writes atomically: a temporary file next to {@code path}, forced to disk, then renamed over {@code path}. A crash
     * at any point leaves the previous file intact; temporaries of writers whose process is gone are deleted.
     *
     * @param path the checkpoint file to write
     * @throws IOException when the folder cannot be written
     */
    public void write(Path path) throws IOException {
        byte[] bytes = toBytes();
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        removeStaleTemporaries(dir, target.getFileName().toString());
        // a unique sibling: same file system (so the rename is atomic), ordinary permissions unlike createTempFile
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + TEMP_COUNTER.incrementAndGet() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically on this file system", e);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes temporaries of this checkpoint left by writers that were killed (their process is gone). */
    private static void removeStaleTemporaries(Path dir, String name) {
        String prefix = "." + name + ".";
        try (var files = Files.newDirectoryStream(dir, path -> {
            String f = path.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(".tmp");
        })) {
            for (Path f : files) {
                String[] parts = f.getFileName().toString().substring(prefix.length()).split("\\.");
                try {
                    long pid = Long.parseLong(parts[0]);
                    if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) Files.deleteIfExists(f);
                } catch (NumberFormatException | IOException ignored) {
                    // not ours, or already gone
                }
            }
        } catch (IOException ignored) {
            // cleaning up is best effort
        }
    }

    /** Makes the rename itself durable where the platform allows opening a directory. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on every platform (e.g. Windows); the rename is still atomic
        }
    }

    // ---- reading ----

    /**
     * Reads a checkpoint and verifies its magic bytes, version, length and checksum before parsing anything.
     *
     * @param path the checkpoint file
     * @return the checkpoint
     * @throws CheckpointException naming the file when it is missing, a folder, damaged, truncated or of another format
     *     version
     */
    public static Checkpoint read(Path path) {
        if (Files.isDirectory(path)) {
            throw new CheckpointException(path + ": is a folder, not a checkpoint file; name the checkpoint in it");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(path + ": no such checkpoint file");
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot read: " + e.getMessage(), e);
        }
        return fromBytes(bytes, path.toString());
    }

    /**
     * Parses a checkpoint's bytes, verified as {@link #read(Path)} does.
     *
     * @param b the file's bytes
     * @param source the name messages give the bytes, such as the file name
     * @return the checkpoint
     * @throws CheckpointException when the bytes are not a valid checkpoint
     */
    public static Checkpoint fromBytes(byte[] b, String source) {
        int headerEnd = MAGIC.length + 4 + 8;
        if (b.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(b, MAGIC.length), MAGIC)) {
            throw new CheckpointException(source + ": not a castnet checkpoint (the file does not start with"
                    + " \"CASTNET\\0\")");
        }
        if (b.length < headerEnd) {
            throw new CheckpointException(source + ": truncated: " + b.length + " bytes, shorter than the "
                    + headerEnd + "-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
            throw new CheckpointException(source + ": checkpoint format version " + version + ", this castnet reads"
                    + " versions " + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION);
        }
        long length = in.getLong();
        if (length != b.length) {
            throw new CheckpointException(source + ": " + (b.length < length ? "truncated" : "has trailing bytes")
                    + ": the header says " + length + " bytes, the file has " + b.length);
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        int stored = ByteBuffer.wrap(b, b.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CheckpointException(source + ": checksum mismatch (stored " + String.format("%08x", stored)
                    + ", computed " + String.format("%08x", (int) crc.getValue()) + "): the file is damaged");
        }
        try {
            in.limit(b.length - 4);
            String name = readString(in);
            String fingerprint = readString(in);
            int precision = in.get();
            if (precision != 0 && precision != 1) throw new CheckpointException("bad precision byte " + precision);
            Checkpoint c = new Checkpoint(name, fingerprint, precision == 1);
            if (version >= 2) {
                int kind = in.get();
                if (kind != 0 && kind != 1) throw new CheckpointException("bad kind byte " + kind);
                c.compressed = kind == 1;
            }
            c.readTable(in, c.parameters, version);
            c.optimizerStep = in.getLong();
            c.readTable(in, c.optimizerState, version);
            int n = count(in);
            for (int i = 0; i < n; i++) {
                String g = readString(in);
                long[] words = new long[count(in)];
                for (int j = 0; j < words.length; j++) words[j] = in.getLong();
                c.generators.put(g, words);
            }
            c.preprocessKind = readString(in);
            readArrays(in, c.preprocessState);
            readArrays(in, c.trainerState);
            c.readTable(in, c.bestParameters, version);
            if (version >= 2) {
                c.readTable(in, c.masks, version);
                int m = count(in);
                for (int i = 0; i < m; i++) c.compression.put(readString(in), readString(in));
            }
            if (in.hasRemaining()) throw new CheckpointException(in.remaining() + " unread bytes before the checksum");
            return c;
        } catch (BufferUnderflowException | IllegalArgumentException | CheckpointException e) {
            // the checksum matched, so this is a writer bug or a file crafted to match
            throw new CheckpointException(source + ": malformed checkpoint at byte offset " + in.position() + ": "
                    + (e.getMessage() == null ? "unexpected end of data" : e.getMessage()), e);
        }
    }

    private void readTable(ByteBuffer in, Map<String, Tensor> table, int version) {
        int n = count(in);
        for (int i = 0; i < n; i++) {
            String name = readString(in);
            int layout = version >= 2 ? in.get() : DENSE;
            if (layout < DENSE || layout > BITS) {
                throw new CheckpointException("tensor '" + name + "' has unknown layout " + layout);
            }
            int[] shape = new int[count(in)];
            long size = 1;
            for (int j = 0; j < shape.length; j++) {
                // not count(): a sparse tensor may have more values than bytes left
                shape[j] = in.getInt();
                if (shape[j] < 0) throw new CheckpointException("tensor '" + name + "' has a negative dimension");
                size = Math.min(size * shape[j], Long.MAX_VALUE / Integer.MAX_VALUE);
            }
            int width = layout == DENSE_INT8 || layout == SPARSE_INT8 ? 1 : layout == BITS ? 0 : doublePrecision ? 8 : 4;
            boolean sparse = layout == SPARSE || layout == SPARSE_INT8 || layout == BITS;
            long bitmapBytes = sparse ? (size + 7) / 8 : 0;
            if (size > Integer.MAX_VALUE || bitmapBytes + (sparse ? 0 : size * width) > in.remaining()) {
                throw new CheckpointException("tensor '" + name + "' of shape " + Arrays.toString(shape)
                        + " runs past the end of the data");
            }
            double[] values = new double[(int) size];
            byte[] bits = new byte[(int) bitmapBytes];
            in.get(bits);
            for (int j = 0; j < values.length; j++) {
                if (sparse && (bits[j >> 3] & (1 << (j & 7))) == 0) continue;
                values[j] = switch (layout) {
                    case DENSE, SPARSE -> doublePrecision ? in.getDouble() : in.getFloat();
                    case DENSE_INT8, SPARSE_INT8 -> in.get();
                    default -> 1.0;
                };
            }
            Tensor.Type type = layout == DENSE_INT8 || layout == SPARSE_INT8 ? Tensor.Type.INT8 : Tensor.Type.REAL;
            table.put(name, new Tensor(shape, values, type));
        }
    }

    private static void readArrays(ByteBuffer in, Map<String, double[]> arrays) {
        int n = count(in);
        for (int i = 0; i < n; i++) {
            String name = readString(in);
            int len = count(in);
            if ((long) len * 8 > in.remaining()) throw new CheckpointException("array '" + name + "' runs past the end");
            double[] v = new double[len];
            for (int j = 0; j < len; j++) v[j] = in.getDouble();
            arrays.put(name, v);
        }
    }

    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining() + 1) throw new CheckpointException("bad count " + n);
        return n;
    }

    private static String readString(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > MAX_STRING || n > in.remaining()) throw new CheckpointException("bad string length " + n);
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
