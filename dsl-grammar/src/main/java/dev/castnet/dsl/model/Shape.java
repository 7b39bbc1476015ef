package dev.castnet.dsl.model;

import java.util.Arrays;

/**
 * The shape of one sample flowing between layers (SPEC §2): rank 1, a vector of {@code N} features; rank 2, a
 * sequence of {@code T} steps of {@code F} features ({@code TxF}); rank 3, an image of height x width x channels
 * ({@code HxWxC}, channels last). Data always arrives as flat rows, read row-major.
 */
public record Shape(int[] dims) {
    public Shape {
        dims = dims.clone();
    }

    public static Shape vector(int n) {
        return new Shape(new int[] {n});
    }

    public static Shape sequence(int steps, int features) {
        return new Shape(new int[] {steps, features});
    }

    public static Shape image(int height, int width, int channels) {
        return new Shape(new int[] {height, width, channels});
    }

    public int rank() {
        return dims.length;
    }

    public boolean isVector() {
        return dims.length == 1;
    }

    public boolean isSequence() {
        return dims.length == 2;
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

    /** What a rank means to a reader of error messages: "a vector", "a sequence", "an image". */
    public String kind() {
        return switch (dims.length) {
            case 1 -> "a vector";
            case 2 -> "a sequence";
            default -> "an image";
        };
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
