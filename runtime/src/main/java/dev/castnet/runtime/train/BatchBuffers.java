package dev.castnet.runtime.train;

import dev.castnet.runtime.InferenceNetwork;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.augment.Augmenter;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.preprocess.Preprocessor;

/**
 * The mini-batch pipeline, allocated once: gather rows → augment → preprocess (in place) → convert to the
 * network's precision; then loss and accuracy from the network's outputs, computed here so every loss
 * the runtime reports is on the same footing.
 */
final class BatchBuffers {
    enum Loss { CROSS_ENTROPY, BINARY_CROSS_ENTROPY, MSE }

    /** PyTorch's BCELoss clamps log to >= −100; the same bound keeps a 0 probability from giving an infinite loss. */
    private static final double LOG_FLOOR = -100;

    /** The network; training calls need a {@link TrainableNetwork}, evaluation any {@link InferenceNetwork}. */
    final InferenceNetwork net;
    final Preprocessor pre;
    final Loss loss;
    final int features;
    final int in;
    final int out;
    final int capacity;
    private final boolean dbl;
    private float[] x;
    private float[] spare;
    private final double[] xd;
    final int[] labels;
    private final float[] targets;
    private final double[] targetsD;
    private final float[] outF;
    private final double[] outD;

    BatchBuffers(InferenceNetwork net, Preprocessor pre, int features, int capacity, boolean augment) {
        this.net = net;
        this.pre = pre;
        this.features = features;
        this.in = net.inputSize();
        this.out = net.outputSize();
        this.capacity = capacity;
        this.loss = switch (net.lossName()) {
            case "cross_entropy" -> Loss.CROSS_ENTROPY;
            case "binary_cross_entropy" -> Loss.BINARY_CROSS_ENTROPY;
            case "mse" -> Loss.MSE;
            default -> throw new IllegalArgumentException("network " + net.networkName() + " has unknown loss '"
                    + net.lossName() + "'; expected cross_entropy, binary_cross_entropy or mse");
        };
        dbl = net.doublePrecision();
        int width = Math.max(features, in);
        x = new float[capacity * width];
        spare = augment ? new float[capacity * width] : null;
        xd = dbl ? new double[capacity * in] : null;
        labels = new int[capacity];
        targets = new float[capacity * out];
        targetsD = dbl ? new double[capacity * out] : null;
        outF = dbl ? null : new float[capacity * out];
        outD = dbl ? new double[capacity * out] : null;
    }

    /**
     * Loads rows {@code order[start .. start + n)} of {@code data} (with targets {@code dataTargets} when the loss
     * needs them), augmenting with {@code aug} and {@code rng} when given, then preprocessing.
     */
    void load(Dataset data, float[] dataTargets, int[] order, int start, int n, Augmenter aug, Rng rng) {
        float[] src = data.x();
        for (int i = 0; i < n; i++) {
            int row = order == null ? start + i : order[start + i];
            System.arraycopy(src, row * features, x, i * features, features);
            if (data.hasLabels()) labels[i] = data.labels()[row];
            if (dataTargets != null) System.arraycopy(dataTargets, row * out, targets, i * out, out);
        }
        if (aug != null) {
            aug.applyBatch(x, n, spare, rng);
            float[] t = x;
            x = spare;
            spare = t;
        }
        pre.apply(x, n, x);
        if (dbl) {
            for (int i = 0; i < n * in; i++) xd[i] = x[i];
            if (dataTargets != null) for (int i = 0; i < n * out; i++) targetsD[i] = targets[i];
        }
    }

    private TrainableNetwork trainable() {
        return (TrainableNetwork) net;
    }

    double trainStep(int n) {
        TrainableNetwork t = trainable();
        if (loss == Loss.CROSS_ENTROPY) return dbl ? t.trainStep(xd, labels, n) : t.trainStep(x, labels, n);
        return dbl ? t.trainStep(xd, targetsD, n) : t.trainStep(x, targets, n);
    }

    /** Int8 calibration: the network's ranges on the loaded batch (see {@link TrainableNetwork#observeRanges}). */
    void observeRanges(int n, double[] ranges) {
        if (dbl) trainable().observeRanges(xd, n, ranges);
        else trainable().observeRanges(x, n, ranges);
    }

    /** The loaded, preprocessed batch in the network's precision: {@code float[]} or {@code double[]}. */
    Object inputs() {
        return dbl ? xd : x;
    }

    void forward(int n) {
        if (dbl) net.forward(xd, n, outD);
        else net.forward(x, n, outF);
    }

    /** The training-mode outputs of the last {@link #trainStep}, for the epoch's training accuracy. */
    void lastOutputs(int n) {
        if (dbl) trainable().lastOutputs(outD, n);
        else trainable().lastOutputs(outF, n);
    }

    void accumulatePopulation(int n) {
        if (dbl) trainable().accumulatePopulationStatistics(xd, n);
        else trainable().accumulatePopulationStatistics(x, n);
    }

    private double output(int i) {
        return dbl ? outD[i] : outF[i];
    }

    /** Sum over the batch of each sample's loss, from the outputs of the last {@link #forward}. */
    double lossSum(int n, boolean hasLabels) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int o = i * out;
            switch (loss) {
                case CROSS_ENTROPY -> sum -= Math.max(Math.log(output(o + labels[i])), LOG_FLOOR);
                case BINARY_CROSS_ENTROPY -> {
                    double s = 0;
                    for (int j = 0; j < out; j++) {
                        double p = output(o + j), t = targets[o + j];
                        s -= t * Math.max(Math.log(p), LOG_FLOOR) + (1 - t) * Math.max(Math.log(1 - p), LOG_FLOOR);
                    }
                    sum += s / out;
                }
                case MSE -> {
                    double s = 0;
                    for (int j = 0; j < out; j++) {
                        double e = output(o + j) - targets[o + j];
                        s += e * e;
                    }
                    sum += s / out;
                }
            }
        }
        return sum;
    }

    /**
     * Correct predictions in the batch: arg-max against the label, a single sigmoid output thresholded at 0.5
     * against a 0/1 label, or (targets only, binary_cross_entropy) the fraction of outputs on the target's side
     * of 0.5. NaN when undefined (mse on real targets).
     */
    double correct(int n, boolean hasLabels) {
        double c = 0;
        for (int i = 0; i < n; i++) {
            int o = i * out;
            if (hasLabels) {
                if (predicted(i) == labels[i]) c++;
            } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
                int agree = 0;
                for (int j = 0; j < out; j++) if ((output(o + j) >= 0.5) == (targets[o + j] >= 0.5)) agree++;
                c += (double) agree / out;
            } else {
                return Double.NaN;
            }
        }
        return c;
    }

    /** Adds the batch's outputs of the last forward (or training step) against its real-valued targets. */
    void addRegression(RegressionMetrics metrics, int n) {
        for (int i = 0; i < n; i++) {
            int o = i * out;
            for (int j = 0; j < out; j++) metrics.add(j, output(o + j), targets[o + j]);
            metrics.endSample();
        }
    }

    /** The predicted class of sample {@code i} of the last forward (arg-max, or threshold 0.5 for one output). */
    int predicted(int i) {
        int o = i * out;
        if (out == 1) return output(o) >= 0.5 ? 1 : 0;
        int best = 0;
        for (int j = 1; j < out; j++) if (output(o + j) > output(o + best)) best = j;
        return best;
    }

    private IllegalArgumentException tooManyClasses(Dataset data) {
        int[] y = data.labels();
        int at = 0;
        for (int i = 1; i < y.length; i++) if (y[i] > y[at]) at = i;
        return new IllegalArgumentException(data.name() + " has " + data.classes() + " classes but network "
                + net.networkName() + " has " + out + " outputs: sample " + (at + 1) + " has label " + y[at]
                + "; labels are class indices 0.." + (out - 1));
    }

    /**
     * The targets the loss needs for {@code data}, {@code [size][outputSize]}, or null for cross_entropy.
     * Labels become one-hot rows, or the 0/1 value itself for a single output.
     */
    float[] targetsFor(Dataset data) {
        if (loss == Loss.CROSS_ENTROPY) {
            if (!data.hasLabels()) {
                throw new IllegalArgumentException("network " + net.networkName() + " uses cross_entropy, which needs"
                        + " class labels, but " + data.name() + " has real-valued targets");
            }
            if (data.classes() > out) throw tooManyClasses(data);
            return null;
        }
        if (!data.hasLabels()) {
            if (data.targetSize() != out) {
                throw new IllegalArgumentException(data.name() + " has " + data.targetSize() + " targets per sample but"
                        + " network " + net.networkName() + " has " + out + " outputs");
            }
            return data.targets();
        }
        float[] t = new float[data.size() * out];
        int[] y = data.labels();
        if (out == 1) {
            if (data.classes() > 2) {
                throw new IllegalArgumentException(data.name() + " has " + data.classes() + " classes; a network with"
                        + " one output can only learn two (labels 0 and 1)");
            }
            for (int i = 0; i < y.length; i++) t[i] = y[i];
        } else {
            if (data.classes() > out) throw tooManyClasses(data);
            for (int i = 0; i < y.length; i++) t[i * out + y[i]] = 1;
        }
        return t;
    }
}
