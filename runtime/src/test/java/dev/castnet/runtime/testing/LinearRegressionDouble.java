package dev.castnet.runtime.testing;

import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TensorTable;
import dev.castnet.runtime.TrainableNetwork;

/** A hand-written double-precision network for runtime tests: y = x·W + b with mse and plain SGD. */
public final class LinearRegressionDouble implements TrainableNetwork {
    private final int in;
    private final int out;
    private final int maxBatch;
    private final double[] w;
    private final double[] b;
    private final double[] gw;
    private final double[] gb;
    private final double[] y;
    private final Rng rng;
    private double lr;
    private long step;
    private final TensorTable params;
    private final TensorTable grads;

    public LinearRegressionDouble(int in, int out, int maxBatch, long seed, double lr) {
        this.in = in;
        this.out = out;
        this.maxBatch = maxBatch;
        this.lr = lr;
        w = new double[in * out];
        b = new double[out];
        gw = new double[in * out];
        gb = new double[out];
        y = new double[maxBatch * out];
        rng = new Rng(seed);
        params = new TensorTable().add("dense0.weight", new int[] {in, out}, w, 0).add("dense0.bias", new int[] {out}, b, 0);
        grads = new TensorTable().add("dense0.weight", new int[] {in, out}, gw, 0).add("dense0.bias", new int[] {out}, gb, 0);
        reset(seed);
    }

    @Override
    public String networkName() {
        return "LinearRegressionDouble";
    }

    @Override
    public String specFingerprint() {
        return "linear-" + in + "-" + out;
    }

    @Override
    public boolean doublePrecision() {
        return true;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public String lossName() {
        return "mse";
    }

    @Override
    public long parameterCount() {
        return (long) in * out + out;
    }

    @Override
    public long parameterBytes() {
        return parameterCount() * 8;
    }

    @Override
    public long activationBytes() {
        return (long) maxBatch * out * 8;
    }

    @Override
    public long optimizerStateBytes() {
        return 0;
    }

    private void compute(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < out; k++) {
                double z = b[k];
                for (int j = 0; j < in; j++) z += x[i * in + j] * w[j * out + k];
                y[i * out + k] = z;
            }
        }
    }

    @Override
    public double trainStep(double[] x, double[] targets, int n) {
        compute(x, n);
        java.util.Arrays.fill(gw, 0);
        java.util.Arrays.fill(gb, 0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < out; k++) {
                double e = y[i * out + k] - targets[i * out + k];
                loss += e * e;
                double d = 2 * e / (n * out);
                gb[k] += d;
                for (int j = 0; j < in; j++) gw[j * out + k] += x[i * in + j] * d;
            }
        }
        for (int p = 0; p < w.length; p++) w[p] -= lr * gw[p];
        for (int k = 0; k < out; k++) b[k] -= lr * gb[k];
        step++;
        return loss / (n * out);
    }

    @Override
    public void lastOutputs(double[] o, int n) {
        System.arraycopy(y, 0, o, 0, n * out);
    }

    @Override
    public void forward(double[] x, int n, double[] o) {
        compute(x, n);
        System.arraycopy(y, 0, o, 0, n * out);
    }

    @Override
    public int predict(double[] x, int offset) {
        return 0;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    @Override
    public Parameters gradients() {
        return grads;
    }

    @Override
    public Parameters optimizerState() {
        return new TensorTable();
    }

    @Override
    public long optimizerStep() {
        return step;
    }

    @Override
    public void setOptimizerStep(long s) {
        step = s;
    }

    @Override
    public Rng random() {
        return rng;
    }

    @Override
    public void reset(long seed) {
        rng.reseed(seed);
        for (int p = 0; p < w.length; p++) w[p] = 0.1 * rng.nextGaussian();
        java.util.Arrays.fill(b, 0);
        step = 0;
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public void setLearningRate(double v) {
        lr = v;
    }

    @Override
    public void setHyperparameter(String key, double value) {
        if (!key.equals("lr")) throw new IllegalArgumentException("no hyperparameter " + key);
        lr = value;
    }

    @Override
    public double hyperparameter(String key) {
        if (!key.equals("lr")) throw new IllegalArgumentException("no hyperparameter " + key);
        return lr;
    }

    @Override
    public int dropoutLayers() {
        return 0;
    }

    @Override
    public void setDropout(int i, double p) {
        throw new IndexOutOfBoundsException(i);
    }

    @Override
    public double dropout(int i) {
        throw new IndexOutOfBoundsException(i);
    }

    @Override
    public int batchNormLayers() {
        return 0;
    }

    @Override
    public boolean batchNormPopulation(int i) {
        return false;
    }

    @Override
    public void beginPopulationStatistics(int i) {
        throw new IndexOutOfBoundsException(i);
    }

    @Override
    public void endPopulationStatistics() {}
}
