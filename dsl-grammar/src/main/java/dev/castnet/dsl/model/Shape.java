package dev.castnet.dsl.model;

import java.util.Arrays;

/**
 * The shape of one sample flowing between layers: a rank-1 vector of features, or a rank-3
 * image (height x width x channels, flattened row-major H, W, C for dense layers).
 * Kept general so convolution and sequences fit later.
 */
public record Shape(int[] dims) {
    public Shape {
        dims = dims.clone();
    }

    public static Shape vector(int n) {
        return new Shape(new int[] {n});
    }

    public static Shape image(int height, int width, int channels) {
        return new Shape(new int[] {height, width, channels});
    }

    public int rank() {
        return dims.length;
    }

    public boolean isImage() {
        return dims.length == 3;
    }

    public int dim(int i) {
        return dims[i];
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** Number of features once flattened. */
    public int size() {
        int s = 1;
        for (int d : dims) s *= d;
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) b.append('x');
            b.append(dims[i]);
        }
        return b.toString();
    }
}
