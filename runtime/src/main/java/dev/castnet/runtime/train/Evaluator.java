package dev.castnet.runtime.train;

import dev.castnet.runtime.InferenceNetwork;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.preprocess.Preprocessor;

/**
 * Loss and accuracy of any network that can run inference — a float network, or an int8 one loaded from a
 * compressed checkpoint — on a data set, behind the preprocessing it was trained with: the same figures, computed
 * the same way, as {@link Trainer#evaluate}.
 */
public final class Evaluator {
    private final BatchBuffers buffers;

    public Evaluator(InferenceNetwork net, Preprocessor pre, int features) {
        if (pre.inputSize() != features) {
            throw new IllegalArgumentException("the data has " + features + " features but the preprocessing ("
                    + pre.kind() + ") was fitted on " + pre.inputSize());
        }
        if (pre.outputSize() != net.inputSize()) {
            throw new IllegalArgumentException("network " + net.networkName() + " takes " + net.inputSize()
                    + " inputs but the data has " + pre.outputSize() + " features");
        }
        buffers = new BatchBuffers(net, pre, features, net.maxBatch(), false);
    }

    public Evaluation evaluate(Dataset data) {
        if (data.features() != buffers.features) {
            throw new IllegalArgumentException(data.name() + " has " + data.features() + " features, expected "
                    + buffers.features);
        }
        return evaluate(buffers, data, buffers.targetsFor(data));
    }

    /** Loss and accuracy (or MSE, MAE and R² for real-valued targets) over {@code data}, batch by batch. */
    static Evaluation evaluate(BatchBuffers buffers, Dataset data, float[] targets) {
        double loss = 0, correct = 0;
        RegressionMetrics metrics = data.hasLabels() ? null : new RegressionMetrics(buffers.out);
        for (int start = 0; start < data.size(); start += buffers.capacity) {
            int m = Math.min(buffers.capacity, data.size() - start);
            buffers.load(data, targets, null, start, m, null, null);
            buffers.forward(m);
            loss += buffers.lossSum(m, data.hasLabels());
            correct += buffers.correct(m, data.hasLabels());
            if (metrics != null) buffers.addRegression(metrics, m);
        }
        int n = data.size();
        if (metrics != null) {
            // real-valued targets: MSE, MAE and R² instead of accuracy
            return new Evaluation(n, n == 0 ? Double.NaN : loss / n, Double.NaN, metrics.mse(), metrics.mae(),
                    metrics.r2());
        }
        return new Evaluation(n, n == 0 ? Double.NaN : loss / n, n == 0 ? Double.NaN : correct / n);
    }

    /**
     * Int8 calibration: raises {@code ranges} to the largest values the float network {@code net}'s quantization
     * points see on the samples {@code rows} of {@code data} (preprocessed as in training).
     */
    public static void observeRanges(dev.castnet.runtime.TrainableNetwork net, Preprocessor pre, Dataset data,
            int[] rows, double[] ranges) {
        BatchBuffers b = new BatchBuffers(net, pre, data.features(), net.maxBatch(), false);
        for (int start = 0; start < rows.length; start += b.capacity) {
            int m = Math.min(b.capacity, rows.length - start);
            b.load(data, null, rows, start, m, null, null);
            b.observeRanges(m, ranges);
        }
    }

    /**
     * The preprocessed inputs of samples {@code rows} of {@code data}, in the network's precision ({@code float[]}
     * or {@code double[]}, {@code [rows.length][inputSize]}), for timing {@code predict}.
     */
    public static Object inputs(InferenceNetwork net, Preprocessor pre, Dataset data, int[] rows) {
        BatchBuffers b = new BatchBuffers(net, pre, data.features(), net.maxBatch(), false);
        int in = net.inputSize();
        float[] f = net.doublePrecision() ? null : new float[rows.length * in];
        double[] d = net.doublePrecision() ? new double[rows.length * in] : null;
        for (int start = 0; start < rows.length; start += b.capacity) {
            int m = Math.min(b.capacity, rows.length - start);
            b.load(data, null, rows, start, m, null, null);
            Object x = b.inputs();
            if (d != null) System.arraycopy((double[]) x, 0, d, start * in, m * in);
            else System.arraycopy((float[]) x, 0, f, start * in, m * in);
        }
        return d != null ? d : f;
    }
}
