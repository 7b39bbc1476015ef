package dev.castnet.runtime.checkpoint;

import java.util.Arrays;

/**
 * A named tensor's shape and values as stored in a checkpoint.
 *
 * @param shape the dimensions
 * @param values the values, row-major; as many as the product of {@code shape}
 */
public record Tensor(int[] shape, double[] values) {
    /**
     * Checks that the shape's product is the number of values.
     *
     * @param shape the dimensions
     * @param values the values, row-major
     * @throws IllegalArgumentException for a negative dimension or a length that does not match
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
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
