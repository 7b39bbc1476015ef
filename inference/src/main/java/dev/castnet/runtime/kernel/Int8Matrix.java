package dev.castnet.runtime.kernel;

/**
 * An int8 weight matrix {@code W[rows][cols]} (rows are a layer's inputs, columns its outputs, as in the float
 * weights), held dense, one byte per weight, or — when pruning left most weights at 0 — row-compressed (CSR): for
 * each row, its non-zero weights and their columns, a byte and a column index each. The compressed form is chosen
 * where it pays in both memory and time: with the Vector API the dense product multiplies 16 to 64 weights an
 * instruction, so skipping zeros one at a time only wins below 1/16 of the weights non-zero
 * ({@link #SPARSE_BELOW_VECTOR}); with plain loops, wherever it is smaller (below about 1/3). Either way the rows
 * whose input is 0 (about half after a relu) are skipped.
 *
 * <p>{@link #multiply} accumulates in {@code int}: a product of two int8 values is at most 127² = 16129 in
 * magnitude, so a sum over up to {@link #MAX_ROWS} rows cannot overflow.
 *
 * <p>Public only for generated {@code FooInt8} classes to hold their layers' weights in; not meant to be used
 * directly.
 */
public final class Int8Matrix {
    /** The most rows (a layer's inputs) whose int8 products an {@code int} accumulator holds without overflow. */
    public static final int MAX_ROWS = Integer.MAX_VALUE / (127 * 127);
    /** With the Vector API, the fraction of non-zero weights below which the compressed form is used. */
    public static final double SPARSE_BELOW_VECTOR = 1.0 / 16;

    private final int rows;
    private final int cols;
    private final byte[] dense;
    private final int[] rowStart;
    private final char[] narrowColumns;
    private final int[] wideColumns;
    private final byte[] values;
    /** Scratch: the rows whose input is not 0, for the vector product (an instance is not thread-safe). */
    private final int[] nonzeroRows;

    private Int8Matrix(int rows, int cols, byte[] dense, int[] rowStart, char[] narrowColumns, int[] wideColumns,
            byte[] values) {
        this.nonzeroRows = dense != null && Int8Kernels.VECTOR ? new int[rows] : null;
        this.rows = rows;
        this.cols = cols;
        this.dense = dense;
        this.rowStart = rowStart;
        this.narrowColumns = narrowColumns;
        this.wideColumns = wideColumns;
        this.values = values;
    }

    /**
     * A matrix of zeros (what a generated int8 class holds before it loads a checkpoint).
     *
     * @param rows the layer's inputs, from 1 to {@link #MAX_ROWS}
     * @param cols the layer's outputs, at least 1
     * @return the matrix
     * @throws IllegalArgumentException when a dimension is out of range or {@code rows·cols} exceeds an array's size
     */
    public static Int8Matrix zeros(int rows, int cols) {
        return of(new double[checkedSize(rows, cols)], rows, cols);
    }

    /**
     * A matrix of int8 weights, dense or row-compressed as the class comment says.
     *
     * @param w the weights {@code [rows][cols]}, row-major, whole numbers in [−127, 127]; not kept
     * @param rows the layer's inputs, from 1 to {@link #MAX_ROWS}
     * @param cols the layer's outputs, at least 1
     * @return the matrix
     * @throws IllegalArgumentException when a dimension is out of range, {@code w} does not hold {@code rows·cols}
     *     values, or a value is not a whole number in [−127, 127]
     */
    public static Int8Matrix of(double[] w, int rows, int cols) {
        int n = checkedSize(rows, cols);
        if (w.length != n) {
            throw KernelErrors.int8Values(rows, cols, n, w.length);
        }
        int nonzero = 0;
        for (double v : w) {
            if (!(v >= -127 && v <= 127) || v != Math.rint(v)) {
                throw KernelErrors.int8Value(v);
            }
            if (v != 0) nonzero++;
        }
        boolean narrow = cols <= Character.MAX_VALUE + 1;
        long sparseBytes = (long) nonzero * (narrow ? 3 : 5) + 4L * (rows + 1);
        boolean sparse = sparseBytes < n && (!Int8Kernels.VECTOR || nonzero < SPARSE_BELOW_VECTOR * n);
        if (!sparse) {
            byte[] d = new byte[n];
            for (int i = 0; i < n; i++) d[i] = (byte) w[i];
            return new Int8Matrix(rows, cols, d, null, null, null, null);
        }
        int[] start = new int[rows + 1];
        char[] nc = narrow ? new char[nonzero] : null;
        int[] wc = narrow ? null : new int[nonzero];
        byte[] vals = new byte[nonzero];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            start[i] = k;
            for (int j = 0; j < cols; j++) {
                double v = w[i * cols + j];
                if (v == 0) continue;
                if (narrow) nc[k] = (char) j;
                else wc[k] = j;
                vals[k++] = (byte) v;
            }
        }
        start[rows] = k;
        return new Int8Matrix(rows, cols, null, start, nc, wc, vals);
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 1 || cols < 1) throw KernelErrors.int8Dimensions(rows, cols);
        if (rows > MAX_ROWS) throw KernelErrors.int8TooManyRows(rows, MAX_ROWS);
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE) throw KernelErrors.int8TooLarge(n);
        return (int) n;
    }

    /** {@return the number of rows}, the layer's inputs. */
    public int rows() {
        return rows;
    }

    /** {@return the number of columns}, the layer's outputs. */
    public int cols() {
        return cols;
    }

    /** {@return whether the matrix is held row-compressed} (else dense, a byte per weight). */
    public boolean sparse() {
        return dense == null;
    }

    /** {@return the number of weights that are not 0} (counted for a dense matrix). */
    public int nonzero() {
        if (dense == null) return values.length;
        int n = 0;
        for (byte b : dense) if (b != 0) n++;
        return n;
    }

    /** {@return the bytes of the arrays holding the weights}: values, and for the compressed form rows and columns. */
    public long bytes() {
        if (dense != null) return dense.length;
        return values.length + 4L * rowStart.length + (narrowColumns != null ? 2L * narrowColumns.length
                : 4L * wideColumns.length);
    }

    /** {@return a new array of the weights {@code [rows][cols]}, row-major}, as the whole numbers they are. */
    public double[] toValues() {
        double[] w = new double[rows * cols];
        if (dense != null) {
            for (int i = 0; i < w.length; i++) w[i] = dense[i];
        } else {
            for (int i = 0; i < rows; i++) {
                for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                    w[i * cols + (narrowColumns != null ? narrowColumns[k] : wideColumns[k])] = values[k];
                }
            }
        }
        return w;
    }

    /**
     * {@code acc[j] = Σ_i q[qOff + i] · W[i][j]} for one input row {@code q[qOff .. qOff + rows)}, exactly, in
     * {@code int}; rows whose input is 0 are skipped (after a relu about half of them). Allocates nothing; not
     * thread-safe (the vector product keeps a scratch array per matrix).
     *
     * @param q the quantized inputs
     * @param qOff where the row's {@code rows} values start in {@code q}
     * @param acc receives the {@code cols} sums; its first {@code cols} values are overwritten
     */
    public void multiply(byte[] q, int qOff, int[] acc) {
        if (nonzeroRows != null) {
            int n = 0;
            for (int i = 0; i < rows; i++) if (q[qOff + i] != 0) nonzeroRows[n++] = i;
            VectorInt8.multiply(q, qOff, nonzeroRows, n, dense, cols, acc);
            return;
        }
        java.util.Arrays.fill(acc, 0, cols, 0);
        if (dense != null) {
            for (int i = 0; i < rows; i++) {
                int xi = q[qOff + i];
                if (xi == 0) continue;
                int row = i * cols;
                for (int j = 0; j < cols; j++) acc[j] += xi * dense[row + j];
            }
        } else if (narrowColumns != null) {
            for (int i = 0; i < rows; i++) {
                int xi = q[qOff + i];
                if (xi == 0) continue;
                for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) acc[narrowColumns[k]] += xi * values[k];
            }
        } else {
            for (int i = 0; i < rows; i++) {
                int xi = q[qOff + i];
                if (xi == 0) continue;
                for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) acc[wideColumns[k]] += xi * values[k];
            }
        }
    }
}
