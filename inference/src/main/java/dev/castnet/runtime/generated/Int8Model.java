package dev.castnet.runtime.generated;

import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.checkpoint.CheckpointException;
import dev.castnet.runtime.checkpoint.Tensor;
import dev.castnet.runtime.kernel.Int8Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What generated int8 classes call to build their model from a float network's tensors and to load it from a
 * compressed checkpoint. A layer {@code L} with weights becomes {@code L.weight} (int8, the float weight's shape),
 * {@code L.weight_scale} (one per output channel), {@code L.bias} (real, zeros when the layer had none and nothing
 * was folded into it) and {@code L.input_scale}; a recurrent layer also {@code L.recurrent_weight},
 * {@code L.recurrent_weight_scale}, {@code L.recurrent_bias} and {@code L.hidden_scale}.
 *
 * <p>Public only so that generated classes in other packages can call it; not meant to be used directly.
 */
public final class Int8Model {
    private Int8Model() {}

    /**
     * Verifies a checkpoint is an int8 model of this network with exactly the tensors {@code names}, in that order.
     *
     * @param c the checkpoint being loaded
     * @param network the network's name in the spec
     * @param fingerprint the spec's fingerprint, which the checkpoint's must equal
     * @param doublePrecision whether the int8 class keeps its real values in double precision
     * @param className the int8 class's simple name, for the messages
     * @param names the names of every tensor the int8 model has, in the order {@code quantize} writes them
     * @throws CheckpointException when the checkpoint is of another network, holds a float model, is of the other
     *     precision or has other tensors; the message says what does not fit and how to load it instead
     */
    public static void verify(Checkpoint c, String network, String fingerprint, boolean doublePrecision,
            String className, List<String> names) {
        if (!c.fingerprint().equals(fingerprint) || !c.networkName().equals(network)) {
            throw new CheckpointException("checkpoint of network '" + c.networkName() + "' (fingerprint "
                    + c.fingerprint() + ") does not fit network '" + network + "' (fingerprint " + fingerprint
                    + "): it was written for another spec; load it with the network that wrote it");
        }
        if (!c.quantized()) {
            throw new CheckpointException("checkpoint holds a float model of network '" + network + "', not an int8"
                    + " one; load it into " + network + ", or make an int8 model with castnet compress --quantize"
                    + " int8");
        }
        if (c.doublePrecision() != doublePrecision) {
            throw new CheckpointException("checkpoint holds " + (c.doublePrecision() ? "double" : "float")
                    + " values but " + className + " is generated in " + (doublePrecision ? "double" : "float")
                    + " precision");
        }
        if (!new ArrayList<>(c.parameters().keySet()).equals(names)) {
            List<String> missing = new ArrayList<>(names);
            missing.removeAll(c.parameters().keySet());
            List<String> extra = new ArrayList<>(c.parameters().keySet());
            extra.removeAll(names);
            throw new CheckpointException("int8 tensors differ: " + className + " has " + names + ", the checkpoint "
                    + c.parameters().keySet() + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; unexpected " + extra));
        }
    }

    /**
     * A tensor of the checkpoint, checked to be of the type and shape given.
     *
     * @param c the checkpoint being loaded
     * @param name the tensor's name, e.g. {@code dense0.weight}
     * @param int8 whether the tensor must hold int8 values (else real ones, which must be finite)
     * @param shape the dimensions it must have
     * @return the tensor's values, row-major
     * @throws CheckpointException when the tensor is missing, of the other type or shape, or a real value is NaN or
     *     infinite
     */
    public static double[] tensor(Checkpoint c, String name, boolean int8, int... shape) {
        Tensor t = c.parameters().get(name);
        if (t == null) throw new CheckpointException("checkpoint lacks tensor '" + name + "'");
        if ((t.type() == Tensor.Type.INT8) != int8) {
            throw new CheckpointException("tensor '" + name + "' holds " + (int8 ? "real" : "int8") + " values, "
                    + (int8 ? "int8" : "real") + " ones were expected");
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new CheckpointException("tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + " in the checkpoint but " + Arrays.toString(shape) + " in the network");
        }
        if (!int8) {
            for (double v : t.values()) {
                if (!Double.isFinite(v)) throw new CheckpointException("tensor '" + name + "' holds " + v);
            }
        }
        return t.values();
    }

    /**
     * A scale tensor's value, checked to be positive and finite.
     *
     * @param c the checkpoint being loaded
     * @param name the scale's name, e.g. {@code dense0.input_scale}
     * @return the scale, greater than 0
     * @throws CheckpointException when the tensor is missing, not a single real value, or not greater than 0
     */
    public static double scale(Checkpoint c, String name) {
        double s = tensor(c, name, false, 1)[0];
        if (!(s > 0)) throw new CheckpointException("scale '" + name + "' must be > 0, got " + s);
        return s;
    }

    /**
     * Checks the calibrated ranges {@code quantize} was given: one finite value {@code >= 0} per point.
     *
     * @param ranges the largest absolute value seen at each point
     * @param points the calibration points, as {@code quantizationPoints()} names them
     * @throws IllegalArgumentException when the count differs or a range is negative, NaN or infinite
     */
    public static void checkRanges(double[] ranges, List<String> points) {
        if (ranges.length != points.size()) {
            throw new IllegalArgumentException("quantization needs " + points.size() + " ranges " + points + ", got "
                    + ranges.length);
        }
        for (int k = 0; k < ranges.length; k++) {
            if (!(ranges[k] >= 0) || Double.isInfinite(ranges[k])) {
                throw new IllegalArgumentException("the range of " + points.get(k) + " must be finite and >= 0, got "
                        + ranges[k]);
            }
        }
    }

    /**
     * Folds batchnorm (inference statistics) into the layer before it, per output channel j:
     * {@code a = γ_j / sqrt(var_j + eps)}, {@code w[·][j] ·= a}, {@code b_j = (b_j − mean_j)·a + β_j}; exact in
     * real arithmetic, since {@code γ·(x·w + b − mean)/sqrt(var + eps) + β} is affine in the layer's output.
     *
     * @param w the layer's weight {@code [rows][cols]}, row-major (column j is output channel j), scaled in place
     * @param bias the layer's bias, one per output channel (zeros when it has none), overwritten with the folded bias
     * @param rows the layer's inputs per output channel
     * @param cols the output channels, which are the batchnorm's features
     * @param gamma the batchnorm's scale γ, one per channel
     * @param beta the batchnorm's shift β, one per channel
     * @param mean the batchnorm's running mean, one per channel
     * @param var the batchnorm's running variance, one per channel
     * @param eps the batchnorm's {@code eps}, added to the variance
     */
    public static void foldBatchNorm(double[] w, double[] bias, int rows, int cols, double[] gamma, double[] beta,
            double[] mean, double[] var, double eps) {
        for (int j = 0; j < cols; j++) {
            double a = gamma[j] / Math.sqrt(var[j] + eps);
            for (int i = 0; i < rows; i++) w[i * cols + j] *= a;
            bias[j] = (bias[j] - mean[j]) * a + beta[j];
        }
    }

    /**
     * Quantizes a weight per output channel and puts it as tensor {@code name} (int8) with its scales as
     * {@code name + "_scale"} (one per channel, see {@link Int8Kernels#quantizeColumns}).
     *
     * @param out the int8 model's tensors, added to
     * @param name the weight's name, e.g. {@code dense0.weight}
     * @param w the real weight {@code [rows][cols]}, row-major, column j being output channel j; not changed
     * @param rows the inputs per output channel
     * @param cols the output channels
     * @param shape the dimensions the tensor is stored with (the float weight's; their product is {@code rows·cols})
     * @throws IllegalArgumentException when {@code w} does not hold {@code rows·cols} values
     */
    public static void putWeight(Map<String, Tensor> out, String name, double[] w, int rows, int cols, int... shape) {
        double[] scale = new double[cols];
        double[] q = Int8Kernels.quantizeColumns(w, rows, cols, scale);
        out.put(name, new Tensor(shape, q, Tensor.Type.INT8));
        out.put(name + "_scale", new Tensor(new int[] {cols}, scale));
    }

    /**
     * Puts a real tensor, copied.
     *
     * @param out the int8 model's tensors, added to
     * @param name the tensor's name, e.g. {@code dense0.bias}
     * @param values its values, row-major
     * @param shape its dimensions
     */
    public static void putReal(Map<String, Tensor> out, String name, double[] values, int... shape) {
        out.put(name, new Tensor(shape, values.clone()));
    }

    /**
     * Puts an activation scale from a calibrated range: {@code range / 127}, or 1 when the range is 0.
     *
     * @param out the int8 model's tensors, added to
     * @param name the scale's name, e.g. {@code dense0.input_scale}
     * @param range the largest absolute value calibration saw at the point, finite and at least 0
     * @throws IllegalArgumentException when {@code range} is negative, NaN or infinite
     */
    public static void putScale(Map<String, Tensor> out, String name, double range) {
        out.put(name, new Tensor(new int[] {1}, new double[] {Int8Kernels.scale(range)}));
    }

    /**
     * {@code dst[j] = inputScale · weightScale[j]}: what turns an int32 sum of channel j back into a value.
     *
     * @param inputScale the scale the layer's input is quantized with
     * @param weightScale the weight's scale of each output channel, at least as many as {@code dst}
     * @param dst receives the products, rounded to float
     */
    public static void scales(double inputScale, double[] weightScale, float[] dst) {
        for (int j = 0; j < dst.length; j++) dst[j] = (float) (inputScale * weightScale[j]);
    }

    /**
     * {@link #scales(double, double[], float[])} for an int8 class in double precision.
     *
     * @param inputScale the scale the layer's input is quantized with
     * @param weightScale the weight's scale of each output channel, at least as many as {@code dst}
     * @param dst receives the products
     */
    public static void scales(double inputScale, double[] weightScale, double[] dst) {
        for (int j = 0; j < dst.length; j++) dst[j] = inputScale * weightScale[j];
    }

    /**
     * Copies a checkpoint's real values into a field of a float int8 class, rounding each to float.
     *
     * @param src the values
     * @param dst the field's array
     * @param offset where the values start in {@code dst}
     */
    public static void copy(double[] src, float[] dst, int offset) {
        for (int j = 0; j < src.length; j++) dst[offset + j] = (float) src[j];
    }

    /**
     * Copies a checkpoint's real values into a field of a double-precision int8 class.
     *
     * @param src the values
     * @param dst the field's array
     * @param offset where the values start in {@code dst}
     */
    public static void copy(double[] src, double[] dst, int offset) {
        System.arraycopy(src, 0, dst, offset, src.length);
    }
}
