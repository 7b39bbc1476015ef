package dev.castnet.runtime.testing;

import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TensorTable;
import dev.castnet.runtime.TrainableNetwork;

/**
 * A hand-written float-precision network for runtime tests: softmax regression with momentum SGD and an
 * optional dropout on the inputs (drawn from the network's own generator, so checkpoints must carry its
 * state). It can also pose as having one batchnorm layer with {@code stats=population}, recording what the
 * runtime feeds the population hooks.
 */
public class SoftmaxRegression implements TrainableNetwork {
    private final String name;
    private final int in;
    private final int out;
    private final int maxBatch;
    private final float[] w;
    private final float[] b;
    private final float[] gw;
    private final float[] gb;
    private final float[] vw;
    private final float[] vb;
    private final float[] probs;
    private final float[] xm;
    private final Rng rng;
    private double lr;
    private final double momentum;
    private double dropout;
    private long step;
    private final TensorTable params;
    private final TensorTable grads;
    private final TensorTable optState;

    // population-statistics bookkeeping
    private boolean fakeBatchNorm;
    public int populationLayerBegun = -1;
    public long populationSamples;
    public double[] populationSum;
    public boolean populationEnded;

    public SoftmaxRegression(int in, int out, int maxBatch, long seed, double lr, double momentum, double dropout) {
        this("SoftmaxRegression", in, out, maxBatch, seed, lr, momentum, dropout);
    }

    public SoftmaxRegression(String name, int in, int out, int maxBatch, long seed, double lr, double momentum,
            double dropout) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.maxBatch = maxBatch;
        this.lr = lr;
        this.momentum = momentum;
        this.dropout = dropout;
        w = new float[in * out];
        b = new float[out];
        gw = new float[in * out];
        gb = new float[out];
        vw = new float[in * out];
        vb = new float[out];
        probs = new float[maxBatch * out];
        xm = new float[maxBatch * in];
        rng = new Rng(seed);
        params = new TensorTable().add("dense0.weight", new int[] {in, out}, w, 0).add("dense0.bias", new int[] {out}, b, 0);
        grads = new TensorTable().add("dense0.weight", new int[] {in, out}, gw, 0).add("dense0.bias", new int[] {out}, gb, 0);
        optState = new TensorTable();
        if (momentum > 0) {
            optState.add("dense0.weight.v", new int[] {in, out}, vw, 0).add("dense0.bias.v", new int[] {out}, vb, 0);
        }
        reset(seed);
    }

    public SoftmaxRegression withPopulationBatchNorm() {
        fakeBatchNorm = true;
        return this;
    }

    @Override
    public String networkName() {
        return name;
    }

    @Override
    public String specFingerprint() {
        return Integer.toHexString((name + in + "x" + out).hashCode());
    }

    @Override
    public boolean doublePrecision() {
        return false;
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
        return "cross_entropy";
    }

    @Override
    public long parameterCount() {
        return (long) in * out + out;
    }

    @Override
    public long parameterBytes() {
        return parameterCount() * 4;
    }

    @Override
    public long activationBytes() {
        return (long) maxBatch * (in + out) * 4;
    }

    @Override
    public long optimizerStateBytes() {
        return momentum > 0 ? parameterBytes() : 0;
    }

    private void logits(float[] x, int n, boolean training) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < in; j++) {
                float v = x[i * in + j];
                if (training && dropout > 0) v = rng.nextDouble() < dropout ? 0f : (float) (v / (1 - dropout));
                xm[i * in + j] = v;
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < out; k++) {
                float z = b[k];
                for (int j = 0; j < in; j++) z += xm[i * in + j] * w[j * out + k];
                probs[i * out + k] = z;
                max = Math.max(max, z);
            }
            float sum = 0;
            for (int k = 0; k < out; k++) {
                float e = (float) Math.exp(probs[i * out + k] - max);
                probs[i * out + k] = e;
                sum += e;
            }
            for (int k = 0; k < out; k++) probs[i * out + k] /= sum;
        }
    }

    @Override
    public double trainStep(float[] x, int[] labels, int n) {
        logits(x, n, true);
        java.util.Arrays.fill(gw, 0f);
        java.util.Arrays.fill(gb, 0f);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss -= Math.log(Math.max(probs[i * out + labels[i]], 1e-30f));
            for (int k = 0; k < out; k++) {
                float d = (probs[i * out + k] - (k == labels[i] ? 1f : 0f)) / n;
                gb[k] += d;
                for (int j = 0; j < in; j++) gw[j * out + k] += xm[i * in + j] * d;
            }
        }
        float r = (float) lr, mu = (float) momentum;
        for (int p = 0; p < w.length; p++) {
            vw[p] = mu * vw[p] - r * gw[p];
            w[p] += vw[p];
        }
        for (int k = 0; k < out; k++) {
            vb[k] = mu * vb[k] - r * gb[k];
            b[k] += vb[k];
        }
        step++;
        return loss / n;
    }

    @Override
    public void lastOutputs(float[] o, int n) {
        System.arraycopy(probs, 0, o, 0, n * out);
    }

    @Override
    public void forward(float[] x, int n, float[] o) {
        logits(x, n, false);
        System.arraycopy(probs, 0, o, 0, n * out);
    }

    @Override
    public int predict(float[] x, int offset) {
        float[] one = new float[in];
        System.arraycopy(x, offset, one, 0, in);
        logits(one, 1, false);
        int best = 0;
        for (int k = 1; k < out; k++) if (probs[k] > probs[best]) best = k;
        return best;
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
        return optState;
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
        for (int p = 0; p < w.length; p++) w[p] = (float) (0.01 * rng.nextGaussian());
        java.util.Arrays.fill(b, 0f);
        java.util.Arrays.fill(vw, 0f);
        java.util.Arrays.fill(vb, 0f);
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
        if (key.equals("lr")) lr = value;
        else throw new IllegalArgumentException("no hyperparameter " + key);
    }

    @Override
    public double hyperparameter(String key) {
        if (key.equals("lr")) return lr;
        throw new IllegalArgumentException("no hyperparameter " + key);
    }

    @Override
    public int dropoutLayers() {
        return 1;
    }

    @Override
    public void setDropout(int i, double p) {
        dropout = p;
    }

    @Override
    public double dropout(int i) {
        return dropout;
    }

    @Override
    public int batchNormLayers() {
        return fakeBatchNorm ? 1 : 0;
    }

    @Override
    public boolean batchNormPopulation(int i) {
        return fakeBatchNorm;
    }

    @Override
    public void beginPopulationStatistics(int i) {
        populationLayerBegun = i;
        populationSamples = 0;
        populationSum = new double[in];
    }

    @Override
    public void accumulatePopulationStatistics(float[] x, int n) {
        for (int i = 0; i < n; i++) for (int j = 0; j < in; j++) populationSum[j] += x[i * in + j];
        populationSamples += n;
    }

    @Override
    public void endPopulationStatistics() {
        populationEnded = true;
    }
}
