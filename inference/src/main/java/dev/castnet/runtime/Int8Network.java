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
     * {@link #quantizationPoints()} given the scale {@code ranges[k] / 127}. {@code floatParameters} are the float
     * network's {@link TrainableNetwork#parameters()}, {@code ranges} what its
     * {@link TrainableNetwork#observeRanges observeRanges} measured on calibration samples. Returns the tensors a
     * compressed checkpoint stores; this instance is not changed (load them with {@link #load}).
     */
    Map<String, Tensor> quantize(Parameters floatParameters, double[] ranges);

    /** The calibration points, as {@link TrainableNetwork#quantizationPoints()} names them for the same spec. */
    List<String> quantizationPoints();

    /** True once a checkpoint is loaded: {@code forward} and {@code predict} refuse to run before. */
    boolean loaded();
}
