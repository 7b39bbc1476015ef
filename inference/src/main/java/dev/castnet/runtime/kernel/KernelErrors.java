package dev.castnet.runtime.kernel;

import java.util.Locale;

/**
 * The kernels' error messages, kept out of the classes that run in every training step and every predict.
 *
 * <p>Why: when the JIT is asked to compile a method with C2, the thread that asks first resolves every string
 * constant of the method's class (HotSpot's {@code CompileBroker::compile_method}). A message no call has built yet
 * is then allocated on that thread, which is the training thread, in whichever step the request happens to come:
 * five unused strings of the dense kernels (three message templates, a description, an operand name) cost the
 * digits MLP 352 bytes in one epoch between its 6th and its 14th. So
 * the kernel classes hold only the strings their initialization reads ({@code KernelStringsTest} checks it), and
 * every message is built here, in a class whose methods run only when a call is wrong.
 */
final class KernelErrors {
    private KernelErrors() {}

    /** The operands a dense kernel checks, named in its messages in lower case ({@code x}, {@code dw}, ...). */
    enum Operand { X, W, BIAS, Y, DY, DW, DB, WT, DX }

    /**
     * A {@code rows x cols} operand at {@code off} that has a negative dimension or does not fit in its array.
     *
     * @return an {@link IllegalArgumentException} for a negative dimension, else an
     *     {@link IndexOutOfBoundsException}
     */
    static RuntimeException operand(Operand operand, int length, int off, int rows, int cols) {
        String name = operand.name().toLowerCase(Locale.ROOT);
        if (rows < 0 || cols < 0) {
            return new IllegalArgumentException(name + ": dimensions must be >= 0, got " + rows + " x " + cols);
        }
        return new IndexOutOfBoundsException(name + ": " + rows + " x " + cols + " at offset " + off
                + " does not fit in an array of length " + length);
    }

    static IllegalArgumentException negativeRows(int rows) {
        return new IllegalArgumentException("rows must be >= 0, got " + rows);
    }

    /** An array length below 0. */
    static IllegalArgumentException negativeLength(int length) {
        return new IllegalArgumentException("length must be >= 0, got " + length);
    }

    /** An optimizer update's range {@code [offset, offset + length)} that is negative or does not fit its arrays. */
    static IndexOutOfBoundsException updateRange(int params, int grads, int m, int v, int offset, int length) {
        if (offset < 0 || length < 0) {
            return new IndexOutOfBoundsException("offset and length must be >= 0, got " + offset + ", " + length);
        }
        long end = (long) offset + length;
        return new IndexOutOfBoundsException("[" + offset + ", " + end + ") does not fit in params (" + params
                + "), grads (" + grads + "), m (" + m + ") and v (" + v + ")");
    }

    static IllegalArgumentException teamSize(int threads) {
        return new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    static IllegalArgumentException threadsProperty(String value) {
        return new IllegalArgumentException("-Dcastnet.threads=" + value
                + ": expected a whole number of threads from 1 to 256 (1 runs the kernels on the calling thread)");
    }

    static IllegalStateException workerFailed(Throwable failure) {
        return new IllegalStateException("kernel worker failed", failure);
    }

    static IllegalStateException earlierStageFailed() {
        return new IllegalStateException("an earlier stage of the forward call failed");
    }

    static IllegalArgumentException quantizationRange(double maxAbs) {
        return new IllegalArgumentException("a quantization range must be finite and >= 0, got " + maxAbs);
    }

    static IllegalArgumentException quantizeShape(int rows, int cols, int values, int scales) {
        return new IllegalArgumentException("a " + rows + " x " + cols + " weight needs " + rows * cols
                + " values and " + cols + " scales, got " + values + " and " + scales);
    }

    static IllegalArgumentException int8Values(int rows, int cols, int n, int values) {
        return new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + n + " values, got "
                + values);
    }

    static IllegalArgumentException int8Value(double v) {
        return new IllegalArgumentException("int8 weights are whole numbers in [-127, 127], got " + v);
    }

    static IllegalArgumentException int8Dimensions(int rows, int cols) {
        return new IllegalArgumentException("matrix needs rows, cols >= 1, got " + rows + " x " + cols);
    }

    static IllegalArgumentException int8TooManyRows(int rows, int maxRows) {
        return new IllegalArgumentException("an int8 layer with " + rows + " inputs could overflow its int32 sums;"
                + " at most " + maxRows + " inputs are supported");
    }

    static IllegalArgumentException int8TooLarge(long n) {
        return new IllegalArgumentException("matrix of " + n + " values is too large");
    }
}
