package dev.castnet.annotations;

/**
 * The named values of {@link Conv2d#padding()}, which otherwise takes a number of zeros P >= 0 added on each
 * side, as PyTorch's {@code Conv2d(padding=…)} takes {@code 'valid'}, {@code 'same'} or an int.
 */
public final class Padding {
    /** No padding: the output shrinks by K − 1 (at stride 1). The default. */
    public static final int VALID = 0;

    /**
     * {@code (K − 1)/2} zeros on each side, so the output keeps the input's height and width; needs an odd kernel
     * and stride 1.
     */
    public static final int SAME = -1;

    private Padding() {}
}
