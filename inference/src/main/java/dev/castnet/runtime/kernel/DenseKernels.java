package dev.castnet.runtime.kernel;

import static dev.castnet.runtime.kernel.KernelErrors.Operand.BIAS;
import static dev.castnet.runtime.kernel.KernelErrors.Operand.DB;
import static dev.castnet.runtime.kernel.KernelErrors.Operand.DW;
import static dev.castnet.runtime.kernel.KernelErrors.Operand.DX;
import static dev.castnet.runtime.kernel.KernelErrors.Operand.DY;
import static dev.castnet.runtime.kernel.KernelErrors.Operand.W;
import static dev.castnet.runtime.kernel.KernelErrors.Operand.WT;
import static dev.castnet.runtime.kernel.KernelErrors.Operand.X;
import static dev.castnet.runtime.kernel.KernelErrors.Operand.Y;

import dev.castnet.runtime.kernel.KernelErrors.Operand;

/**
 * The dense-layer kernels generated networks call: forward, and the three gradients of backpropagation; and
 * {@link #split}, which runs any {@link RowTask} on the same worker team.
 *
 * <p>All matrices are row-major and addressed by an array plus an offset, so a generated class can pack its
 * buffers into one array. Shapes: input {@code x[batch][in]}, weights {@code w[in][out]} (so the forward pass and
 * the weight gradient both run along contiguous rows of length {@code out}), bias {@code [out]}, output and its
 * gradient {@code [batch][out]}. Outputs are overwritten, never accumulated into, and must not overlap the inputs.
 * No method allocates once the JIT has compiled it (the Vector API boxes vectors until then).
 *
 * <p>Large calls are split across a persistent team of worker threads ({@link KernelTeam}): batch rows for forward
 * and input gradient, rows of {@code dw} for the weight gradient, and the columns of a forward call of 1 to 3 rows
 * (a one-sample predict). With the vector kernels, a forward call whose {@code w} has more rows than the batch is
 * split by those rows instead, in stages that pass each block of partial sums on to the next thread, and such an
 * input gradient by the columns of {@code dx}, each thread transposing only the rows of {@code w} it needs. No
 * reduction across threads is needed, and the results are bitwise those of a single thread. The team has one thread per
 * processor, at most 8, or {@code -Dcastnet.threads=N} ({@code 1}: everything on the calling thread); calls too
 * small to pay for the hand-off stay on the caller ({@link #MIN_WORK_PER_THREAD}). Calls from several threads at
 * once are safe: one of them gets the team, the others run on their own threads. The bias gradient (one add per
 * element) always runs on the caller.
 *
 * <p>The implementation is chosen once, when this class initializes: register-blocked {@code jdk.incubator.vector}
 * kernels when the JVM was started with {@code --add-modules jdk.incubator.vector}, otherwise plain loops that
 * run as scalar code on JDK 17 (several times slower, see {@code bench/README.md}). {@code -Dcastnet.vector=false}
 * forces the plain loops. The choice sits in a {@code static final} field, so the JIT folds the branch away, and the
 * vector class is never loaded without the module, so a default {@code java} command line needs no flags.
 *
 * <p>The float and double kernels ({@code DenseFloat}, {@code PlainDenseFloat}, {@code VectorDenseFloat} and their
 * double twins) are expanded at build time from one template each, {@code src/main/templates}.
 */
public final class DenseKernels {
    private DenseKernels() {}

    /** True when the vector kernels are in use. */
    static final boolean VECTOR = KernelSettings.flag("castnet.vector", true) && vectorModulePresent();

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * Whether a split forward call of the vector kernels whose {@code w} has more rows than the batch is split in
     * stages over those rows instead of by batch rows ({@code DenseFloat.forwardStages}; {@code
     * -Dcastnet.kernel.stages=false} turns it off). Read here with the other settings, so a bad value is reported
     * when the kernels first load.
     */
    static final boolean STAGES = KernelSettings.flag("castnet.kernel.stages", true);

    /**
     * Multiply-adds each thread must get before a call is split ({@code -Dcastnet.threads.minWork=N} overrides).
     * A hand-off to a spinning worker costs about a microsecond, and splits paid from 16 384 multiply-adds per call
     * up in both implementations when measured back to back; in whole training epochs no threshold from 2^14 to
     * 2^20 was measurably better than another (see bench/README.md), so the defaults keep small layers such as
     * 128 x 10 on the caller: 2^16 for the plain loops, 2^18 for the vector kernels, which are about 8 times faster.
     */
    static final long MIN_WORK_PER_THREAD = KernelSettings.whole("castnet.threads.minWork",
            VECTOR ? 1L << 18 : 1L << 16, 1, "multiply-adds per thread");

    /**
     * Multiply-adds each thread must get before a forward call of 1 to 3 rows (a one-sample predict) is split by
     * columns ({@code -Dcastnet.threads.minColumnWork=N} overrides). Only such a call's latency counts, and a thread's
     * share of a 784 x 256 layer (about 100 000) pays for the hand-off: the Fashion MLP's one-sample predict took 6.5
     * to 7.4 µs split against 8.1 to 9.3 µs on one thread with the vector kernels (JDK 17; bench/README.md).
     */
    static final long MIN_COLUMN_WORK = KernelSettings.whole("castnet.threads.minColumnWork",
            VECTOR ? 1L << 16 : 1L << 14, 1, "multiply-adds per thread");

    /** The worker team every call goes through; its size is fixed when this class initializes. */
    static final KernelTeam TEAM = new KernelTeam(KernelTeam.configuredThreads(), MIN_WORK_PER_THREAD,
            MIN_COLUMN_WORK, "castnet-kernel-");

    /**
     * {@return the number of threads a large kernel call is split across} ({@code -Dcastnet.threads=N}; by default the
     * processors, at most 8).
     */
    public static int threads() {
        return TEAM.threads;
    }

    /** The element of an array from {@link #alignedFloats} that starts a 64-byte line under G1 (see there). */
    public static final int ALIGNED_FLOAT = 12;

    /** The element of an array from {@link #alignedDoubles} that starts a 64-byte line under G1 (see there). */
    public static final int ALIGNED_DOUBLE = 6;

    /**
     * A new array for {@code length} floats, longer when that lets its element {@link #ALIGNED_FLOAT} start a
     * 64-byte cache line: with G1 (the default collector) an array of more than half a heap region starts a region,
     * so one of at least an eighth of a region is grown past half a region (and takes a whole region of the heap, up
     * to eight times its own size). Matrices laid out from that element, in rows of a multiple of 16 floats, are then
     * read by the vector kernels in whole lines, which is up to 1.7 times as fast as across two. Under other
     * collectors the array is {@code length} long and lies wherever the heap puts it; results are the same bits
     * either way. Generated networks allocate their parameters, gradients and optimizer state with it.
     *
     * @param length the elements needed, at least 0
     * @return an array of at least {@code length} zeros
     */
    public static float[] alignedFloats(int length) {
        if (length < 0) throw KernelErrors.negativeLength(length);
        return new float[HeapLayout.length(length, Float.BYTES)];
    }

    /**
     * {@link #alignedFloats} for doubles: element {@link #ALIGNED_DOUBLE} starts a line.
     *
     * @param length the elements needed, at least 0
     * @return an array of at least {@code length} zeros
     */
    public static double[] alignedDoubles(int length) {
        if (length < 0) throw KernelErrors.negativeLength(length);
        return new double[HeapLayout.length(length, Double.BYTES)];
    }

    /** {@return which kernels run}, for logs and benchmark reports: {@code "plain Java loops"} or the vector shape. */
    public static String implementation() {
        return KernelSettings.implementation(VECTOR);
    }

    /**
     * Runs {@code task} over rows {@code [0, rows)} on the kernel team, split into chunks when {@code work}
     * (multiply-adds or comparable steps in all) pays for the hand-off and the team is free, else on the calling
     * thread: for kernels beyond the dense ones (convolutions, pooling, element-wise passes over large layers). The
     * task must compute each row the same way whichever chunk holds it (chunks start at multiples of 4 rows), so
     * results are bitwise identical for any thread count; it must not be shared by threads calling at the same
     * time. Nothing is allocated.
     *
     * @param task computes a range of rows
     * @param rows the number of rows, at least 0
     * @param work the multiply-adds (or comparable steps) of the whole call, which decide whether splitting pays
     */
    public static void split(RowTask task, int rows, long work) {
        if (rows < 0) throw KernelErrors.negativeRows(rows);
        TEAM.run(task, rows, work);
    }

    // ---------------------------------------------------------------- float (DenseFloat, from Dense.java.template)

    /**
     * The forward pass, {@code y[b][j] = bias[j] + sum_k x[b][k] * w[k][j]}; {@code bias} may be null (no bias).
     *
     * @param x the input {@code [batch][in]}
     * @param xOff where {@code x} starts
     * @param w the weights {@code [in][out]}
     * @param wOff where {@code w} starts
     * @param bias the bias {@code [out]}, or null for none
     * @param biasOff where {@code bias} starts
     * @param y receives the output {@code [batch][out]}
     * @param yOff where {@code y} starts
     * @param batch the rows of the batch
     * @param in the inputs per row
     * @param out the outputs per row
     */
    public static void forward(float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                               float[] y, int yOff, int batch, int in, int out) {
        check(x.length, xOff, batch, in, X);
        check(w.length, wOff, in, out, W);
        if (bias != null) check(bias.length, biasOff, 1, out, BIAS);
        check(y.length, yOff, batch, out, Y);
        DenseFloat.forward(TEAM, x, xOff, w, wOff, bias, biasOff, y, yOff, batch, in, out);
    }

    /**
     * The weight gradient, {@code dw[k][j] = sum_b x[b][k] * dy[b][j]} (overwrites {@code dw}).
     *
     * @param x the input {@code [batch][in]}
     * @param xOff where {@code x} starts
     * @param dy the gradient of the output {@code [batch][out]}
     * @param dyOff where {@code dy} starts
     * @param dw receives the weight gradient {@code [in][out]}
     * @param dwOff where {@code dw} starts
     * @param batch the rows of the batch
     * @param in the inputs per row
     * @param out the outputs per row
     */
    public static void weightGradient(float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff,
                                      int batch, int in, int out) {
        check(x.length, xOff, batch, in, X);
        check(dy.length, dyOff, batch, out, DY);
        check(dw.length, dwOff, in, out, DW);
        DenseFloat.weightGradient(TEAM, x, xOff, dy, dyOff, dw, dwOff, batch, in, out);
    }

    /**
     * The bias gradient, {@code db[j] = sum_b dy[b][j]} (overwrites {@code db}).
     *
     * @param dy the gradient of the output {@code [batch][out]}
     * @param dyOff where {@code dy} starts
     * @param db receives the bias gradient {@code [out]}
     * @param dbOff where {@code db} starts
     * @param batch the rows of the batch
     * @param out the outputs per row
     */
    public static void biasGradient(float[] dy, int dyOff, float[] db, int dbOff, int batch, int out) {
        check(dy.length, dyOff, batch, out, DY);
        check(db.length, dbOff, 1, out, DB);
        DenseFloat.biasGradient(dy, dyOff, db, dbOff, batch, out);
    }

    /**
     * {@code wt[wtOff + j*rows + k] = w[wOff + k*cols + j]}: the {@code cols x rows} transpose of a
     * {@code rows x cols} matrix, on the calling thread. With it, {@code dy·Wᵀ} for many calls against one
     * {@code W} is {@link #forward} against {@code Wᵀ} without a bias, transposed once (what
     * {@link #inputGradient} does on every call).
     *
     * @param w the matrix, {@code rows x cols} row-major from {@code wOff}
     * @param wOff where {@code w} starts
     * @param rows rows of {@code w}
     * @param cols columns of {@code w}
     * @param wt receives the {@code cols x rows} transpose from {@code wtOff}
     * @param wtOff where the transpose starts
     */
    public static void transpose(float[] w, int wOff, int rows, int cols, float[] wt, int wtOff) {
        check(w.length, wOff, rows, cols, W);
        check(wt.length, wtOff, cols, rows, WT);
        DenseFloat.transpose(w, wOff, rows, cols, wt, wtOff);
    }

    /**
     * The input gradient, {@code dx[b][k] = sum_j dy[b][j] * w[k][j]} (overwrites {@code dx}).
     *
     * @param dy the gradient of the output {@code [batch][out]}
     * @param dyOff where {@code dy} starts
     * @param w the weights {@code [in][out]}
     * @param wOff where {@code w} starts
     * @param dx receives the input gradient {@code [batch][in]}
     * @param dxOff where {@code dx} starts
     * @param batch the rows of the batch
     * @param in the inputs per row
     * @param out the outputs per row
     */
    public static void inputGradient(float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff,
                                     int batch, int in, int out) {
        check(dy.length, dyOff, batch, out, DY);
        check(w.length, wOff, in, out, W);
        check(dx.length, dxOff, batch, in, DX);
        DenseFloat.inputGradient(TEAM, dy, dyOff, w, wOff, dx, dxOff, batch, in, out);
    }

    /**
     * {@code a[i] = σ(a[i])} in place for {@code i} in {@code [from, to)}, each element exactly as
     * {@link FloatMath#sigmoid} computes it (in vectors when the vector module is present: the same bits).
     *
     * @param a the array, changed in place
     * @param from the first element
     * @param to the element after the last
     */
    public static void sigmoid(float[] a, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, a.length);
        if (VECTOR) {
            VectorFloatMath.sigmoid(a, from, to);
        } else {
            for (int i = from; i < to; i++) a[i] = FloatMath.sigmoid(a[i]);
        }
    }

    /**
     * {@code a[i] = tanh(a[i])} in place for {@code i} in {@code [from, to)}, as {@link FloatMath#tanh}; see
     * {@link #sigmoid}.
     *
     * @param a the array, changed in place
     * @param from the first element
     * @param to the element after the last
     */
    public static void tanh(float[] a, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, a.length);
        if (VECTOR) {
            VectorFloatMath.tanh(a, from, to);
        } else {
            for (int i = from; i < to; i++) a[i] = FloatMath.tanh(a[i]);
        }
    }

    // ---------------------------------------------------------------- double (DenseDouble, the same template)

    /**
     * The forward pass, {@code y[b][j] = bias[j] + sum_k x[b][k] * w[k][j]}; {@code bias} may be null (no bias); in
     * double precision.
     *
     * @param x the input {@code [batch][in]}
     * @param xOff where {@code x} starts
     * @param w the weights {@code [in][out]}
     * @param wOff where {@code w} starts
     * @param bias the bias {@code [out]}, or null for none
     * @param biasOff where {@code bias} starts
     * @param y receives the output {@code [batch][out]}
     * @param yOff where {@code y} starts
     * @param batch the rows of the batch
     * @param in the inputs per row
     * @param out the outputs per row
     */
    public static void forward(double[] x, int xOff, double[] w, int wOff, double[] bias, int biasOff,
                               double[] y, int yOff, int batch, int in, int out) {
        check(x.length, xOff, batch, in, X);
        check(w.length, wOff, in, out, W);
        if (bias != null) check(bias.length, biasOff, 1, out, BIAS);
        check(y.length, yOff, batch, out, Y);
        DenseDouble.forward(TEAM, x, xOff, w, wOff, bias, biasOff, y, yOff, batch, in, out);
    }

    /**
     * The weight gradient, {@code dw[k][j] = sum_b x[b][k] * dy[b][j]} (overwrites {@code dw}); in double precision.
     *
     * @param x the input {@code [batch][in]}
     * @param xOff where {@code x} starts
     * @param dy the gradient of the output {@code [batch][out]}
     * @param dyOff where {@code dy} starts
     * @param dw receives the weight gradient {@code [in][out]}
     * @param dwOff where {@code dw} starts
     * @param batch the rows of the batch
     * @param in the inputs per row
     * @param out the outputs per row
     */
    public static void weightGradient(double[] x, int xOff, double[] dy, int dyOff, double[] dw, int dwOff,
                                      int batch, int in, int out) {
        check(x.length, xOff, batch, in, X);
        check(dy.length, dyOff, batch, out, DY);
        check(dw.length, dwOff, in, out, DW);
        DenseDouble.weightGradient(TEAM, x, xOff, dy, dyOff, dw, dwOff, batch, in, out);
    }

    /**
     * The bias gradient, {@code db[j] = sum_b dy[b][j]} (overwrites {@code db}); in double precision.
     *
     * @param dy the gradient of the output {@code [batch][out]}
     * @param dyOff where {@code dy} starts
     * @param db receives the bias gradient {@code [out]}
     * @param dbOff where {@code db} starts
     * @param batch the rows of the batch
     * @param out the outputs per row
     */
    public static void biasGradient(double[] dy, int dyOff, double[] db, int dbOff, int batch, int out) {
        check(dy.length, dyOff, batch, out, DY);
        check(db.length, dbOff, 1, out, DB);
        DenseDouble.biasGradient(dy, dyOff, db, dbOff, batch, out);
    }

    /**
     * {@code wt[wtOff + j*rows + k] = w[wOff + k*cols + j]}: the {@code cols x rows} transpose of a
     * {@code rows x cols} matrix, on the calling thread. With it, {@code dy·Wᵀ} for many calls against one
     * {@code W} is {@link #forward} against {@code Wᵀ} without a bias, transposed once (what
     * {@link #inputGradient} does on every call).
     *
     * @param w the matrix, {@code rows x cols} row-major from {@code wOff}
     * @param wOff where {@code w} starts
     * @param rows rows of {@code w}
     * @param cols columns of {@code w}
     * @param wt receives the {@code cols x rows} transpose from {@code wtOff}
     * @param wtOff where the transpose starts
     */
    public static void transpose(double[] w, int wOff, int rows, int cols, double[] wt, int wtOff) {
        check(w.length, wOff, rows, cols, W);
        check(wt.length, wtOff, cols, rows, WT);
        DenseDouble.transpose(w, wOff, rows, cols, wt, wtOff);
    }

    /**
     * The input gradient, {@code dx[b][k] = sum_j dy[b][j] * w[k][j]} (overwrites {@code dx}); in double precision.
     *
     * @param dy the gradient of the output {@code [batch][out]}
     * @param dyOff where {@code dy} starts
     * @param w the weights {@code [in][out]}
     * @param wOff where {@code w} starts
     * @param dx receives the input gradient {@code [batch][in]}
     * @param dxOff where {@code dx} starts
     * @param batch the rows of the batch
     * @param in the inputs per row
     * @param out the outputs per row
     */
    public static void inputGradient(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff,
                                     int batch, int in, int out) {
        check(dy.length, dyOff, batch, out, DY);
        check(w.length, wOff, in, out, W);
        check(dx.length, dxOff, batch, in, DX);
        DenseDouble.inputGradient(TEAM, dy, dyOff, w, wOff, dx, dxOff, batch, in, out);
    }

    /**
     * A {@code rows x cols} matrix at {@code off} must fit in an array of {@code length}. Checked up front so a
     * wrong offset fails with the operand's name rather than deep inside a kernel, or not at all when the slice
     * happens to land inside a bigger packed buffer.
     */
    private static void check(int length, int off, int rows, int cols, Operand operand) {
        if (rows < 0 || cols < 0 || off < 0 || off + (long) rows * cols > length) {
            throw KernelErrors.operand(operand, length, off, rows, cols);
        }
    }
}
