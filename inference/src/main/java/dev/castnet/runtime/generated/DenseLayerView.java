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
    private final float[] floatActivations;
    private final double[] doubleActivations;

    public DenseLayerView(String name, int inputs, int units, Parameters parameters, Parameters gradients,
            float[] activations) {
        this(name, inputs, units, parameters, gradients, activations, null);
    }

    public DenseLayerView(String name, int inputs, int units, Parameters parameters, Parameters gradients,
            double[] activations) {
        this(name, inputs, units, parameters, gradients, null, activations);
    }

    private DenseLayerView(String name, int inputs, int units, Parameters parameters, Parameters gradients,
            float[] floats, double[] doubles) {
        this.name = name;
        this.inputs = inputs;
        this.units = units;
        this.parameters = parameters;
        this.gradients = gradients;
        this.floatActivations = floats;
        this.doubleActivations = doubles;
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
        int capacity = (floatActivations != null ? floatActivations.length : doubleActivations.length) / units;
        if (batch < 1 || batch > capacity) {
            throw new IllegalArgumentException("batch must be between 1 and " + capacity + ", got " + batch);
        }
        double[] out = new double[batch * units];
        for (int i = 0; i < out.length; i++) {
            out[i] = floatActivations != null ? floatActivations[i] : doubleActivations[i];
        }
        return out;
    }
}
