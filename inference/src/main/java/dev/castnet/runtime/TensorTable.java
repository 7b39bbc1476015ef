package dev.castnet.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Parameters} over the live arrays of a generated network. Built once in the constructor; reads and
 * writes copy, so they are for inspection and checkpoints, not for the training loop.
 */
public final class TensorTable implements Parameters {
    private record Entry(int[] shape, float[] floats, double[] doubles, int offset, int length) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();

    /** An empty table; a generated constructor adds its tensors. */
    public TensorTable() {}

    /**
     * Adds a float tensor stored at {@code data[offset .. offset + product(shape))}.
     *
     * @param name the tensor's name, e.g. {@code dense0.weight}
     * @param shape its dimensions
     * @param data the live array that holds it
     * @param offset where it starts in {@code data}
     * @return this table
     */
    public TensorTable add(String name, int[] shape, float[] data, int offset) {
        return put(name, new Entry(shape.clone(), data, null, offset, product(shape)));
    }

    /**
     * Adds a double tensor stored at {@code data[offset .. offset + product(shape))}.
     *
     * @param name the tensor's name, e.g. {@code dense0.weight}
     * @param shape its dimensions
     * @param data the live array that holds it
     * @param offset where it starts in {@code data}
     * @return this table
     */
    public TensorTable add(String name, int[] shape, double[] data, int offset) {
        return put(name, new Entry(shape.clone(), null, data, offset, product(shape)));
    }

    private TensorTable put(String name, Entry e) {
        if (entries.putIfAbsent(name, e) != null) throw new IllegalArgumentException("duplicate tensor " + name);
        names.add(name);
        return this;
    }

    private static int product(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; known: " + String.join(", ", names));
        }
        return e;
    }

    @Override
    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    @Override
    public int[] shape(String name) {
        return entry(name).shape.clone();
    }

    @Override
    public double[] read(String name) {
        Entry e = entry(name);
        double[] out = new double[e.length];
        if (e.doubles != null) {
            System.arraycopy(e.doubles, e.offset, out, 0, e.length);
        } else {
            for (int i = 0; i < e.length; i++) out[i] = e.floats[e.offset + i];
        }
        return out;
    }

    @Override
    public void write(String name, double[] values) {
        Entry e = entry(name);
        if (values.length != e.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(e.shape) + " ("
                    + e.length + " values), got " + values.length + " values");
        }
        if (e.doubles != null) {
            System.arraycopy(values, 0, e.doubles, e.offset, e.length);
        } else {
            for (int i = 0; i < e.length; i++) e.floats[e.offset + i] = (float) values[i];
        }
    }
}
