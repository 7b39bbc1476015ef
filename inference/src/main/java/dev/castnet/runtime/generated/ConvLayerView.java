package dev.castnet.runtime.generated;

import dev.castnet.runtime.ConvLayer;
import dev.castnet.runtime.Parameters;

/** {@link ConvLayer} over a generated network's tensor tables and the live output buffer of the layer's block. */
public final class ConvLayerView implements ConvLayer {
    private final String name;
    private final int[] inputShape;
    private final int[] outputShape;
    private final int kernelHeight;
    private final int kernelWidth;
    private final Parameters parameters;
    private final Parameters gradients;
    private final BlockOutput output;

    /**
     * A view of a float network's conv block.
     *
     * @param name the layer's tensor prefix, e.g. {@code conv2d0}
     * @param inputShape the image the layer reads, {@code {H, W, C}}
     * @param outputShape the block's output, {@code {H', W', F}} or {@code {F}} after global pooling
     * @param kernelHeight the kernel's height
     * @param kernelWidth the kernel's width
     * @param parameters the network's tensors
     * @param gradients the network's gradients
     * @param activations the block's output buffer, {@code [maxBatch]} times {@code outputShape}
     */
    public ConvLayerView(String name, int[] inputShape, int[] outputShape, int kernelHeight, int kernelWidth,
            Parameters parameters, Parameters gradients, float[] activations) {
        this(name, inputShape, outputShape, kernelHeight, kernelWidth, parameters, gradients,
                new BlockOutput(activations, null, BlockOutput.size(outputShape)));
    }

    /**
     * As the float constructor, for a network in double precision.
     *
     * @param name the layer's tensor prefix, e.g. {@code conv2d0}
     * @param inputShape the image the layer reads, {@code {H, W, C}}
     * @param outputShape the block's output, {@code {H', W', F}} or {@code {F}} after global pooling
     * @param kernelHeight the kernel's height
     * @param kernelWidth the kernel's width
     * @param parameters the network's tensors
     * @param gradients the network's gradients
     * @param activations the block's output buffer, {@code [maxBatch]} times {@code outputShape}
     */
    public ConvLayerView(String name, int[] inputShape, int[] outputShape, int kernelHeight, int kernelWidth,
            Parameters parameters, Parameters gradients, double[] activations) {
        this(name, inputShape, outputShape, kernelHeight, kernelWidth, parameters, gradients,
                new BlockOutput(null, activations, BlockOutput.size(outputShape)));
    }

    private ConvLayerView(String name, int[] inputShape, int[] outputShape, int kernelHeight, int kernelWidth,
            Parameters parameters, Parameters gradients, BlockOutput output) {
        this.name = name;
        this.inputShape = inputShape.clone();
        this.outputShape = outputShape.clone();
        this.kernelHeight = kernelHeight;
        this.kernelWidth = kernelWidth;
        this.parameters = parameters;
        this.gradients = gradients;
        this.output = output;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }

    /** The weight's last dimension: {@code [KH][KW][C][F]}. */
    @Override
    public int filters() {
        int[] shape = parameters.shape(name + ".weight");
        return shape[shape.length - 1];
    }

    @Override
    public int kernelHeight() {
        return kernelHeight;
    }

    @Override
    public int kernelWidth() {
        return kernelWidth;
    }

    @Override
    public double[] weights() {
        return parameters.read(name + ".weight");
    }

    @Override
    public double[] biases() {
        return hasBias() ? parameters.read(name + ".bias") : new double[0];
    }

    @Override
    public double[] weightGradients() {
        return gradients.read(name + ".weight");
    }

    @Override
    public double[] biasGradients() {
        return hasBias() ? gradients.read(name + ".bias") : new double[0];
    }

    private boolean hasBias() {
        return parameters.names().contains(name + ".bias");
    }

    @Override
    public double[] activations(int batch) {
        return output.read(batch);
    }
}
