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
 * statistics), optimizer state and step, generator states, preprocessing statistics and the trainer's state.
 *
 * <h2>File format, version 1</h2>
 * All integers big-endian. {@code str} is an {@code i32} byte length then UTF-8 bytes. {@code f} is a value in
 * the checkpoint's precision: {@code f32} (IEEE 754 binary32) when the precision byte is 0, {@code f64} when 1.
 * <pre>
 * magic        8 bytes  "CASTNET\0"
 * version      u32      1
 * length       i64      total file length in bytes, checksum included (detects truncation)
 * network      str      the network's name
 * fingerprint  str      hex SHA-256 of the network's canonical spec
 * precision    u8       0 = float32, 1 = float64
 * parameters   table    tensor table (below)
 * opt step     i64      optimizer steps taken
 * opt state    table    tensor table (empty for sgd)
 * generators   i32 n, then n × (str name, i32 words, words × i64)
 * preprocess   str kind, i32 n, then n × (str name, i32 length, length × f64)
 * trainer      i32 n, then n × (str name, i32 length, length × f64)
 * best         table    parameters of the best epoch kept for early stopping's restore_best (may be empty)
 * crc32c       u32      CRC-32C of every byte before it
 *
 * table        i32 n, then n × (str name, i32 rank, rank × i32 dims, product(dims) × f)
 * </pre>
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
    /** The format version this castnet writes and reads. */
    public static final int FORMAT_VERSION = 1;
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
        verifyTensors("parameter", parameters, net.parameters());
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
     * Verifies everything, then writes parameters, optimizer state and step and the network generator's state into
     * {@code net}. On any mismatch nothing is written.
     *
     * @param net the network to load into
     * @throws CheckpointException when the checkpoint does not fit the network
     */
    public void restoreInto(TrainableNetwork net) {
        verifyCompatible(net);
        writeAll(parameters, net.parameters());
        writeAll(optimizerState, net.optimizerState());
        net.setOptimizerStep(optimizerStep);
        net.random().restore(generators.get(NETWORK_RNG));
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

    private void writeTable(DataOutputStream out, Map<String, Tensor> table) throws IOException {
        out.writeInt(table.size());
        for (Map.Entry<String, Tensor> e : table.entrySet()) {
            writeString(out, e.getKey());
            int[] shape = e.getValue().shape();
            out.writeInt(shape.length);
            for (int d : shape) out.writeInt(d);
            for (double v : e.getValue().values()) {
                if (doublePrecision) out.writeDouble(v);
                else out.writeFloat((float) v);
            }
        }
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
        if (version != FORMAT_VERSION) {
            throw new CheckpointException(source + ": checkpoint format version " + version + ", this castnet reads"
                    + " version " + FORMAT_VERSION);
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
            c.readTable(in, c.parameters);
            c.optimizerStep = in.getLong();
            c.readTable(in, c.optimizerState);
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
            c.readTable(in, c.bestParameters);
            if (in.hasRemaining()) throw new CheckpointException(in.remaining() + " unread bytes before the checksum");
            return c;
        } catch (BufferUnderflowException | IllegalArgumentException | CheckpointException e) {
            // the checksum matched, so this is a writer bug or a file crafted to match
            throw new CheckpointException(source + ": malformed checkpoint at byte offset " + in.position() + ": "
                    + (e.getMessage() == null ? "unexpected end of data" : e.getMessage()), e);
        }
    }

    private void readTable(ByteBuffer in, Map<String, Tensor> table) {
        int n = count(in);
        for (int i = 0; i < n; i++) {
            String name = readString(in);
            int[] shape = new int[count(in)];
            long size = 1;
            for (int j = 0; j < shape.length; j++) {
                shape[j] = count(in);
                size *= shape[j];
            }
            if (size * (doublePrecision ? 8 : 4) > in.remaining()) {
                throw new CheckpointException("tensor '" + name + "' of shape " + Arrays.toString(shape)
                        + " runs past the end of the data");
            }
            double[] values = new double[(int) size];
            for (int j = 0; j < values.length; j++) values[j] = doublePrecision ? in.getDouble() : in.getFloat();
            table.put(name, new Tensor(shape, values));
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
