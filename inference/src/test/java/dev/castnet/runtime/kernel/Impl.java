package dev.castnet.runtime.kernel;

/** The kernel implementations under test, behind one interface: each direct, and the public dispatcher. */
enum Impl {
    PLAIN {
        @Override void forward(float[] x, int xo, float[] w, int wo, float[] b, int bo, float[] y, int yo, int n, int in, int out) {
            PlainDenseFloat.forward(x, xo, w, wo, b, bo, y, yo, 0, n, in, out);
        }
        @Override void weightGradient(float[] x, int xo, float[] dy, int dyo, float[] dw, int dwo, int n, int in, int out) {
            PlainDenseFloat.weightGradient(x, xo, dy, dyo, dw, dwo, 0, in, n, in, out);
        }
        @Override void biasGradient(float[] dy, int dyo, float[] db, int dbo, int n, int out) {
            PlainDenseFloat.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, int n, int in, int out) {
            PlainDenseFloat.inputGradient(dy, dyo, w, wo, dx, dxo, 0, n, in, out);
        }
        @Override void forward(double[] x, int xo, double[] w, int wo, double[] b, int bo, double[] y, int yo, int n, int in, int out) {
            PlainDenseDouble.forward(x, xo, w, wo, b, bo, y, yo, 0, n, in, out);
        }
        @Override void weightGradient(double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, int n, int in, int out) {
            PlainDenseDouble.weightGradient(x, xo, dy, dyo, dw, dwo, 0, in, n, in, out);
        }
        @Override void biasGradient(double[] dy, int dyo, double[] db, int dbo, int n, int out) {
            PlainDenseDouble.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, int n, int in, int out) {
            PlainDenseDouble.inputGradient(dy, dyo, w, wo, dx, dxo, 0, n, in, out);
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
            VectorDenseFloat.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(float[] dy, int dyo, float[] w, int wo, float[] dx, int dxo, int n, int in, int out) {
            VectorDenseFloat.inputGradient(dy, dyo, w, wo, dx, dxo, 0, n, in, out);
        }
        @Override void forward(double[] x, int xo, double[] w, int wo, double[] b, int bo, double[] y, int yo, int n, int in, int out) {
            VectorDenseDouble.forward(x, xo, w, wo, b, bo, y, yo, 0, n, in, out);
        }
        @Override void weightGradient(double[] x, int xo, double[] dy, int dyo, double[] dw, int dwo, int n, int in, int out) {
            VectorDenseDouble.weightGradient(x, xo, dy, dyo, dw, dwo, 0, in, n, in, out);
        }
        @Override void biasGradient(double[] dy, int dyo, double[] db, int dbo, int n, int out) {
            VectorDenseDouble.biasGradient(dy, dyo, db, dbo, n, out);
        }
        @Override void inputGradient(double[] dy, int dyo, double[] w, int wo, double[] dx, int dxo, int n, int in, int out) {
            VectorDenseDouble.inputGradient(dy, dyo, w, wo, dx, dxo, 0, n, in, out);
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
}
