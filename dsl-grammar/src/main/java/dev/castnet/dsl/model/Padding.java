package dev.castnet.dsl.model;

/**
 * A convolution's padding as written: {@code valid} (none), {@code same} (stride 1, odd kernels: (K−1)/2 on each
 * side) or an explicit number of zeros on each side.
 */
public record Padding(Kind kind, int amount) {
    public enum Kind { VALID, SAME, EXPLICIT }

    public static final Padding VALID = new Padding(Kind.VALID, 0);
    public static final Padding SAME = new Padding(Kind.SAME, 0);

    public static Padding of(int amount) {
        return new Padding(Kind.EXPLICIT, amount);
    }

    /** Zeros added before and after a dimension of kernel size {@code k}. */
    public int along(int k) {
        return switch (kind) {
            case VALID -> 0;
            case SAME -> (k - 1) / 2;
            case EXPLICIT -> amount;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case VALID -> "valid";
            case SAME -> "same";
            case EXPLICIT -> Integer.toString(amount);
        };
    }
}
