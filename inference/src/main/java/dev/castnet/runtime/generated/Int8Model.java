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
 */
public final class Int8Model {
    private Int8Model() {}

    /**
     * Verifies a checkpoint is an int8 model of this network with exactly the tensors {@code names}; throws
     * {@link CheckpointException} saying what does not fit and how to load it instead.
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

    /** The values of tensor {@code name}, checked to be of the type and shape given. */
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

    /** A scale tensor's value, checked to be positive and finite. */
    public static double scale(Checkpoint c, String name) {
        double s = tensor(c, name, false, 1)[0];
        if (!(s > 0)) throw new CheckpointException("scale '" + name + "' must be > 0, got " + s);
        return s;
    }

    /** The calibrated ranges must be one finite value >= 0 per point. */
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
     */
    public static void foldBatchNorm(double[] w, double[] bias, int rows, int cols, double[] gamma, double[] beta,
            double[] mean, double[] var, double eps) {
        for (int j = 0; j < cols; j++) {
            double a = gamma[j] / Math.sqrt(var[j] + eps);
            for (int i = 0; i < rows; i++) w[i * cols + j] *= a;
            bias[j] = (bias[j] - mean[j]) * a + beta[j];
        }
    }

    /** Puts {@code prefix.weight} (int8 per output channel, shape {@code shape}) and {@code prefix.weight_scale}. */
    public static void putWeight(Map<String, Tensor> out, String name, double[] w, int rows, int cols, int... shape) {
        double[] scale = new double[cols];
        double[] q = Int8Kernels.quantizeColumns(w, rows, cols, scale);
        out.put(name, new Tensor(shape, q, Tensor.Type.INT8));
        out.put(name + "_scale", new Tensor(new int[] {cols}, scale));
    }

    /** Puts a real tensor. */
    public static void putReal(Map<String, Tensor> out, String name, double[] values, int... shape) {
        out.put(name, new Tensor(shape, values.clone()));
    }

    /** Puts a scale from a calibrated range: {@code range / 127}. */
    public static void putScale(Map<String, Tensor> out, String name, double range) {
        out.put(name, new Tensor(new int[] {1}, new double[] {Int8Kernels.scale(range)}));
    }

    /** {@code dst[j] = inputScale · weightScale[j]}: what turns an int32 sum of channel j back into a value. */
    public static void scales(double inputScale, double[] weightScale, float[] dst) {
        for (int j = 0; j < dst.length; j++) dst[j] = (float) (inputScale * weightScale[j]);
    }

    public static void scales(double inputScale, double[] weightScale, double[] dst) {
        for (int j = 0; j < dst.length; j++) dst[j] = inputScale * weightScale[j];
    }

    public static void copy(double[] src, float[] dst, int offset) {
        for (int j = 0; j < src.length; j++) dst[offset + j] = (float) src[j];
    }

    public static void copy(double[] src, double[] dst, int offset) {
        System.arraycopy(src, 0, dst, offset, src.length);
    }
}
