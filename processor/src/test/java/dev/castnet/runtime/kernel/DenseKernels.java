package dev.castnet.runtime.kernel;

/**
 * Plain reference loops with the signatures of the runtime's dense kernels, so the generator's tests run
 * before the optimized kernels are merged. Delete once castnet-runtime provides this class.
 */
public final class DenseKernels {
    private DenseKernels() {}

    public static void forward(float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff, float[] y, int yOff, int batch,
            int in, int out) {
        for (int b = 0; b < batch; b++) {
            int yr = yOff + b * out;
            for (int j = 0; j < out; j++) y[yr + j] = bias == null ? 0 : bias[biasOff + j];
            for (int k = 0; k < in; k++) {
                float xv = x[xOff + b * in + k];
                int wr = wOff + k * out;
                for (int j = 0; j < out; j++) y[yr + j] += xv * w[wr + j];
            }
        }
    }

    public static void weightGradient(float[] x, int xOff, float[] dy, int dyOff, float[] dw, int dwOff, int batch, int in,
            int out) {
        for (int i = 0; i < in * out; i++) dw[dwOff + i] = 0;
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < in; k++) {
                float xv = x[xOff + b * in + k];
                int wr = dwOff + k * out;
                for (int j = 0; j < out; j++) dw[wr + j] += xv * dy[dyOff + b * out + j];
            }
        }
    }

    public static void biasGradient(float[] dy, int dyOff, float[] db, int dbOff, int batch, int out) {
        for (int j = 0; j < out; j++) db[dbOff + j] = 0;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < out; j++) db[dbOff + j] += dy[dyOff + b * out + j];
        }
    }

    public static void inputGradient(float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff, int batch, int in,
            int out) {
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < in; k++) {
                float s = 0;
                int wr = wOff + k * out;
                for (int j = 0; j < out; j++) s += dy[dyOff + b * out + j] * w[wr + j];
                dx[dxOff + b * in + k] = s;
            }
        }
    }

    public static void forward(double[] x, int xOff, double[] w, int wOff, double[] bias, int biasOff, double[] y, int yOff, int batch,
            int in, int out) {
        for (int b = 0; b < batch; b++) {
            int yr = yOff + b * out;
            for (int j = 0; j < out; j++) y[yr + j] = bias == null ? 0 : bias[biasOff + j];
            for (int k = 0; k < in; k++) {
                double xv = x[xOff + b * in + k];
                int wr = wOff + k * out;
                for (int j = 0; j < out; j++) y[yr + j] += xv * w[wr + j];
            }
        }
    }

    public static void weightGradient(double[] x, int xOff, double[] dy, int dyOff, double[] dw, int dwOff, int batch, int in,
            int out) {
        for (int i = 0; i < in * out; i++) dw[dwOff + i] = 0;
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < in; k++) {
                double xv = x[xOff + b * in + k];
                int wr = dwOff + k * out;
                for (int j = 0; j < out; j++) dw[wr + j] += xv * dy[dyOff + b * out + j];
            }
        }
    }

    public static void biasGradient(double[] dy, int dyOff, double[] db, int dbOff, int batch, int out) {
        for (int j = 0; j < out; j++) db[dbOff + j] = 0;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < out; j++) db[dbOff + j] += dy[dyOff + b * out + j];
        }
    }

    public static void inputGradient(double[] dy, int dyOff, double[] w, int wOff, double[] dx, int dxOff, int batch, int in,
            int out) {
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < in; k++) {
                double s = 0;
                int wr = wOff + k * out;
                for (int j = 0; j < out; j++) s += dy[dyOff + b * out + j] * w[wr + j];
                dx[dxOff + b * in + k] = s;
            }
        }
    }
}
