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

    /**
     * An evaluator of one network, with buffers for its {@link InferenceNetwork#maxBatch() maxBatch} samples.
     *
     * @param net the network, its model loaded
     * @param pre the preprocessing it was trained behind, fitted
     * @param features the number of features of the raw data it will evaluate
     * @throws IllegalArgumentException when the preprocessing was fitted on another number of features or its output
     *     is not the network's input
     */
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

    /**
     * Loss and accuracy (or MSE, MAE and R² for real-valued targets) over a data set in inference mode, batch by
     * batch.
     *
     * @param data the raw data, with as many features as the constructor was told
     * @return the evaluation; loss and accuracy are NaN for an empty data set
     * @throws IllegalArgumentException when the data has another number of features
     */
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
     *
     * @param net the float network, its trained model loaded
     * @param pre the preprocessing it was trained behind, fitted
     * @param data the raw data the samples are taken from
     * @param rows the indices of the calibration samples in {@code data}
     * @param ranges one value per {@link dev.castnet.runtime.TrainableNetwork#quantizationPoints() quantization
     *     point}, raised in place
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
     *
     * @param net the network the inputs are for
     * @param pre the preprocessing it was trained behind, fitted
     * @param data the raw data
     * @param rows the indices of the samples in {@code data}
     * @return a new {@code float[]} or {@code double[]} of the preprocessed samples, row-major
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
