package dev.castnet.runtime.generated;

import dev.castnet.runtime.DenseLayer;
import dev.castnet.runtime.Parameters;

/** {@link DenseLayer} over a generated network's tensor tables and the live output buffer of the layer's block. */
public final class DenseLayerView implements DenseLayer {
    private final String name;
    private final int inputs;
    private final int units;
    private final Parameters parameters;
    private final Parameters gradients;
    private final BlockOutput output;

    /**
     * A view of a float network's dense block.
     *
     * @param name the layer's tensor prefix, e.g. {@code dense0}
     * @param inputs the layer's inputs
     * @param units the layer's units
     * @param parameters the network's tensors
     * @param gradients the network's gradients
     * @param activations the block's output buffer, {@code [maxBatch][units]}
     */
    public DenseLayerView(String name, int inputs, int units, Parameters parameters, Parameters gradients,
            float[] activations) {
        this(name, inputs, units, parameters, gradients, new BlockOutput(activations, null, units));
    }

    /**
     * As the float constructor, for a network in double precision.
     *
     * @param name the layer's tensor prefix, e.g. {@code dense0}
     * @param inputs the layer's inputs
     * @param units the layer's units
     * @param parameters the network's tensors
     * @param gradients the network's gradients
     * @param activations the block's output buffer, {@code [maxBatch][units]}
     */
    public DenseLayerView(String name, int inputs, int units, Parameters parameters, Parameters gradients,
            double[] activations) {
        this(name, inputs, units, parameters, gradients, new BlockOutput(null, activations, units));
    }

    private DenseLayerView(String name, int inputs, int units, Parameters parameters, Parameters gradients,
            BlockOutput output) {
        this.name = name;
        this.inputs = inputs;
        this.units = units;
        this.parameters = parameters;
        this.gradients = gradients;
        this.output = output;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int units() {
        return units;
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
