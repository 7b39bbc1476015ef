package dev.castnet.runtime.checkpoint;

import java.util.Arrays;

/**
 * A named tensor's shape and values as stored in a checkpoint. {@link Type#REAL} values are stored in the
 * checkpoint's precision; {@link Type#INT8} values are whole numbers in [−127, 127] (the symmetric int8 range of a
 * quantized weight), stored as one byte each. How a tensor is laid out on disk (dense, or a bitmap of its non-zero
 * positions and only those values) is the writer's choice and never changes a value.
 *
 * @param shape the dimensions
 * @param values the values, row-major; as many as the product of {@code shape}
 * @param type what the values are
 */
public record Tensor(int[] shape, double[] values, Type type) {
    /** The kinds of values a tensor holds. */
    public enum Type {
        /** Real numbers, stored in the checkpoint's precision. */
        REAL,
        /** Whole numbers in [−127, 127], stored as signed bytes: the weights of an int8 model. */
        INT8
    }

    /**
     * Checks that the shape's product is the number of values, and that int8 values are int8.
     *
     * @param shape the dimensions
     * @param values the values, row-major
     * @param type what the values are
     * @throws IllegalArgumentException for a negative dimension, a length that does not match, or an int8 value
     *     that is not a whole number in [−127, 127]
     */
    public Tensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + values.length);
        }
        if (type == Type.INT8) {
            for (double v : values) {
                if (!(v >= -127 && v <= 127) || v != Math.rint(v)) {
                    throw new IllegalArgumentException("an int8 tensor holds whole numbers in [-127, 127], got " + v);
                }
            }
        }
    }

    /**
     * A tensor of {@link Type#REAL} values.
     *
     * @param shape the dimensions
     * @param values the values, row-major
     */
    public Tensor(int[] shape, double[] values) {
        this(shape, values, Type.REAL);
    }

    /** {@return the number of values that are not +0}: what a sparse layout stores. */
    public int nonzero() {
        int n = 0;
        for (double v : values) if (Double.doubleToRawLongBits(v) != 0) n++;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && type == t.type && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(values)) + type.hashCode();
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + (type == Type.INT8 ? " int8" : "");
    }
}
