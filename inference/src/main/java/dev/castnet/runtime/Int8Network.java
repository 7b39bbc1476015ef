package dev.castnet.runtime;

import dev.castnet.runtime.checkpoint.Tensor;
import java.util.List;
import java.util.Map;

/**
 * What a generated inference-only int8 class ({@code FooInt8} beside {@code Foo}) implements (SPEC §6): the same
 * {@code forward} and {@code predict} as the float class, on weights quantized to int8 per output channel and
 * activations quantized per tensor with calibrated scales, multiplied in int8 and summed in int32; batchnorm after
 * a layer with weights is folded into that layer. Values between such layers (activations, pooling, softmax)
 * stay real. It {@link #load loads} a compressed checkpoint written by {@code castnet compress --quantize int8}.
 */
public interface Int8Network extends InferenceNetwork {

    /**
     * The int8 model of a trained float network of the same spec: batchnorm folded into the layer before it,
     * every weight quantized per output channel ({@code w ≈ scale_j · q}, {@code |q| ≤ 127}), and each point of
     * {@link #quantizationPoints()} given the scale {@code ranges[k] / 127}. This instance is not changed (load the
     * result with {@link #load}).
     *
     * @param floatParameters the float network's {@link TrainableNetwork#parameters()}
     * @param ranges what its {@link TrainableNetwork#observeRanges observeRanges} measured on calibration samples: one
     *     largest absolute value per {@link #quantizationPoints() point}, finite and at least 0
     * @return the tensors a compressed checkpoint stores, by name, in the order {@link #load} expects them
     * @throws IllegalArgumentException when {@code ranges} has the wrong length or a value that is negative, NaN or
     *     infinite
     */
    Map<String, Tensor> quantize(Parameters floatParameters, double[] ranges);

    /**
     * {@return the calibration points, in order}, as {@link TrainableNetwork#quantizationPoints()} names them for the
     * same spec.
     */
    List<String> quantizationPoints();

    /**
     * {@return whether a checkpoint is loaded}: before one is, {@code forward} and {@code predict} throw
     * {@link IllegalStateException}.
     */
    boolean loaded();
}
