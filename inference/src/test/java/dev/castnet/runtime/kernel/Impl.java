package dev.castnet.runtime.kernel;

/**
 * The kernel implementations under test, behind one interface: each direct (the plain loops unpacked and over row
 * arrays), and the public dispatcher. Operands a kernel wants prepared (transposed, copied into rows) are prepared
 * here in scratch that grows only when a call needs more, so the allocation test can use these too.
 */
enum Impl {
    PLAIN {
        @Override void forward(float[] x, int xo, float[] w, int wo, float[] b, int bo, float[] y, int yo, int n, int in, int out) {
            PlainDenseFloat.forward(x, xo, w, wo, null, b, bo, y, yo, 0, n, in, out);
        }
        @Override void weightGradient(float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, int n, int in, int out) {
            PlainDenseFloat.weightGradient(x, xo, dy, dyo, null, dw, dwo, 0, in, n, in, out);
        }
        @Override void biasGradient(float[] dy, int dyo, float[] db, int dbo, int n, int out) {
            PlainDenseFloat.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, int n, int in, int out) {
            PlainDenseFloat.inputGradient(dy, dyo, Scratch.rowsFloat(w, wo, in, out), dx, dxo, 0, n, in, out);
        }
        @Override void forward(double[] x, int xo, double[] w, int wo, double[] b, int bo, double[] y, int yo, int n, int in, int out) {
            PlainDenseDouble.forward(x, xo, w, wo, null, b, bo, y, yo, 0, n, in, out);
        }
        @Override void weightGradient(double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, int n, int in, int out) {
            PlainDenseDouble.weightGradient(x, xo, dy, dyo, null, dw, dwo, 0, in, n, in, out);
        }
        @Override void biasGradient(double[] dy, int dyo, double[] db, int dbo, int n, int out) {
            PlainDenseDouble.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, int n, int in, int out) {
            PlainDenseDouble.inputGradient(dy, dyo, Scratch.rowsDouble(w, wo, in, out), dx, dxo, 0, n, in, out);
        }
    },
    /** The plain loops over row arrays, as DenseKernels runs them for larger calls. */
    PLAIN_ROWS {
        @Override void forward(float[] x, int xo, float[] w, int wo, float[] b, int bo, float[] y, int yo, int n, int in, int out) {
            PlainDenseFloat.forward(x, xo, w, wo, Scratch.copyFloat(w, wo, in, out), b, bo, y, yo, 0, n, in, out);
        }
        @Override void weightGradient(float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, int n, int in, int out) {
            PlainDenseFloat.weightGradient(x, xo, dy, dyo, Scratch.copyFloat(dy, dyo, n, out), dw, dwo, 0, in, n, in, out);
        }
        @Override void biasGradient(float[] dy, int dyo, float[] db, int dbo, int n, int out) {
            PlainDenseFloat.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, int n, int in, int out) {
            PlainDenseFloat.inputGradient(dy, dyo, Scratch.rowsFloat(w, wo, in, out), dx, dxo, 0, n, in, out);
        }
        @Override void forward(double[] x, int xo, double[] w, int wo, double[] b, int bo, double[] y, int yo, int n, int in, int out) {
            PlainDenseDouble.forward(x, xo, w, wo, Scratch.copyDouble(w, wo, in, out), b, bo, y, yo, 0, n, in, out);
        }
        @Override void weightGradient(double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, int n, int in, int out) {
            PlainDenseDouble.weightGradient(x, xo, dy, dyo, Scratch.copyDouble(dy, dyo, n, out), dw, dwo, 0, in, n, in, out);
        }
        @Override void biasGradient(double[] dy, int dyo, double[] db, int dbo, int n, int out) {
            PlainDenseDouble.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, int n, int in, int out) {
            PlainDenseDouble.inputGradient(dy, dyo, Scratch.rowsDouble(w, wo, in, out), dx, dxo, 0, n, in, out);
        }
    },
    VECTOR {
        @Override void forward(float[] x, int xo, float[] w, int wo, float[] b, int bo, float[] y, int yo, int n, int in, int out) {
            VectorDenseFloat.forward(x, xo, w, wo, b, bo, y, yo, 0, n, in, out);
        }
        @Override void weightGradient(float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, int n, int in, int out) {
            VectorDenseFloat.weightGradient(x, xo, dy, dyo, dw, dwo, 0, in, n, in, out);
        }
        @Override void biasGradient(float[] dy, int dyo, float[] db, int dbo, int n, int out) {
            PlainDenseFloat.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, int n, int in, int out) {
            VectorDenseFloat.inputGradient(dy, dyo, Scratch.flatFloat(w, wo, in, out), 0, dx, dxo, 0, n, in, out);
        }
        @Override void forward(double[] x, int xo, double[] w, int wo, double[] b, int bo, double[] y, int yo, int n, int in, int out) {
            VectorDenseDouble.forward(x, xo, w, wo, b, bo, y, yo, 0, n, in, out);
        }
        @Override void weightGradient(double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, int n, int in, int out) {
            VectorDenseDouble.weightGradient(x, xo, dy, dyo, dw, dwo, 0, in, n, in, out);
        }
        @Override void biasGradient(double[] dy, int dyo, double[] db, int dbo, int n, int out) {
            PlainDenseDouble.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, int n, int in, int out) {
            VectorDenseDouble.inputGradient(dy, dyo, Scratch.flatDouble(w, wo, in, out), 0, dx, dxo, 0, n, in, out);
        }
    },
    DISPATCH {
        @Override void forward(float[] x, int xo, float[] w, int wo, float[] b, int bo, float[] y, int yo, int n, int in, int out) {
            DenseKernels.forward(x, xo, w, wo, b, bo, y, yo, n, in, out);
        }
        @Override void weightGradient(float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, int n, int in, int out) {
            DenseKernels.weightGradient(x, xo, dy, dyo, dw, dwo, n, in, out);
        }
        @Override void biasGradient(float[] dy, int dyo, float[] db, int dbo, int n, int out) {
            DenseKernels.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, int n, int in, int out) {
            DenseKernels.inputGradient(dy, dyo, w, wo, dx, dxo, n, in, out);
        }
        @Override void forward(double[] x, int xo, double[] w, int wo, double[] b, int bo, double[] y, int yo, int n, int in, int out) {
            DenseKernels.forward(x, xo, w, wo, b, bo, y, yo, n, in, out);
        }
        @Override void weightGradient(double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, int n, int in, int out) {
            DenseKernels.weightGradient(x, xo, dy, dyo, dw, dwo, n, in, out);
        }
        @Override void biasGradient(double[] dy, int dyo, double[] db, int dbo, int n, int out) {
            DenseKernels.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, int n, int in, int out) {
            DenseKernels.inputGradient(dy, dyo, w, wo, dx, dxo, n, in, out);
        }
    };

    abstract void forward(float[] x, int xo, float[] w, int wo, float[] b, int bo, float[] y, int yo, int n, int in, int out);
    abstract void weightGradient(float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, int n, int in, int out);
    abstract void biasGradient(float[] dy, int dyo, float[] db, int dbo, int n, int out);
    abstract void inputGradient(float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, int n, int in, int out);
    abstract void forward(double[] x, int xo, double[] w, int wo, double[] b, int bo, double[] y, int yo, int n, int in, int out);
    abstract void weightGradient(double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, int n, int in, int out);
    abstract void biasGradient(double[] dy, int dyo, double[] db, int dbo, int n, int out);
    abstract void inputGradient(double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, int n, int in, int out);

    /** Prepared operands for the direct calls (tests call from one thread at a time per scratch use). */
    static final class Scratch {
        private static float[] f = new float[0];
        private static double[] d = new double[0];
        private static float[][] fr = new float[0][0], fc = new float[0][0];
        private static double[][] dr = new double[0][0], dc = new double[0][0];

        static synchronized float[] flatFloat(float[] w, int wo, int in, int out) {
            if (f.length < in * out) f = new float[in * out];
            DenseFloat.transpose(w, wo, in, out, f, 0);
            return f;
        }

        static synchronized double[] flatDouble(double[] w, int wo, int in, int out) {
            if (d.length < in * out) d = new double[in * out];
            DenseDouble.transpose(w, wo, in, out, d, 0);
            return d;
        }

        static synchronized float[][] rowsFloat(float[] w, int wo, int in, int out) {
            if (fr.length < out || (fr.length > 0 && fr[0].length < in)) fr = new float[Math.max(out, fr.length)][Math.max(in, 1)];
            DenseFloat.transposeRows(w, wo, in, out, fr, 0, out);
            return fr;
        }

        static synchronized double[][] rowsDouble(double[] w, int wo, int in, int out) {
            if (dr.length < out || (dr.length > 0 && dr[0].length < in)) dr = new double[Math.max(out, dr.length)][Math.max(in, 1)];
            DenseDouble.transposeRows(w, wo, in, out, dr, 0, out);
            return dr;
        }

        static synchronized float[][] copyFloat(float[] m, int off, int n, int width) {
            if (fc.length < n || (fc.length > 0 && fc[0].length < width)) fc = new float[Math.max(n, fc.length)][Math.max(width, 1)];
            DenseFloat.copyRows(m, off, n, width, fc);
            return fc;
        }

        static synchronized double[][] copyDouble(double[] m, int off, int n, int width) {
            if (dc.length < n || (dc.length > 0 && dc[0].length < width)) dc = new double[Math.max(n, dc.length)][Math.max(width, 1)];
            DenseDouble.copyRows(m, off, n, width, dc);
            return dc;
        }
    }
}
