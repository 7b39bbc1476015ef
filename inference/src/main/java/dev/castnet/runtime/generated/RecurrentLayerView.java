package dev.castnet.runtime.generated;

import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.RecurrentLayer;

/**
 * {@link RecurrentLayer} over a generated network's tensor tables and the live output buffer of the layer's
 * block.
 */
public final class RecurrentLayerView implements RecurrentLayer {
    private final String name;
    private final String cell;
    private final int gates;
    private final int steps;
    private final int features;
    private final int units;
    private final int[] outputShape;
    private final Parameters parameters;
    private final Parameters gradients;
    private final BlockOutput output;

    /**
     * A view of a float network's recurrent block.
     *
     * @param name the layer's tensor prefix, e.g. {@code lstm0}
     * @param cell {@code "rnn"}, {@code "lstm"} or {@code "gru"}
     * @param steps the steps T of the input sequence
     * @param features the features F of each step
     * @param units the hidden units H
     * @param outputShape the block's output, {@code {T, H}} or {@code {H}}
     * @param parameters the network's tensors
     * @param gradients the network's gradients
     * @param activations the block's output buffer, {@code [maxBatch]} times {@code outputShape}
     */
    public RecurrentLayerView(String name, String cell, int steps, int features, int units, int[] outputShape,
            Parameters parameters, Parameters gradients, float[] activations) {
        this(name, cell, steps, features, units, outputShape, parameters, gradients,
                new BlockOutput(activations, null, BlockOutput.size(outputShape)));
    }

    /**
     * As the float constructor, for a network in double precision.
     *
     * @param name the layer's tensor prefix, e.g. {@code lstm0}
     * @param cell {@code "rnn"}, {@code "lstm"} or {@code "gru"}
     * @param steps the steps T of the input sequence
     * @param features the features F of each step
     * @param units the hidden units H
     * @param outputShape the block's output, {@code {T, H}} or {@code {H}}
     * @param parameters the network's tensors
     * @param gradients the network's gradients
     * @param activations the block's output buffer, {@code [maxBatch]} times {@code outputShape}
     */
    public RecurrentLayerView(String name, String cell, int steps, int features, int units, int[] outputShape,
            Parameters parameters, Parameters gradients, double[] activations) {
        this(name, cell, steps, features, units, outputShape, parameters, gradients,
                new BlockOutput(null, activations, BlockOutput.size(outputShape)));
    }

    private RecurrentLayerView(String name, String cell, int steps, int features, int units, int[] outputShape,
            Parameters parameters, Parameters gradients, BlockOutput output) {
        this.name = name;
        this.cell = cell;
        this.gates = switch (cell) {
            case "rnn" -> 1;
            case "lstm" -> 4;
            case "gru" -> 3;
            default -> throw new IllegalArgumentException("cell is rnn, lstm or gru, got " + cell);
        };
        this.steps = steps;
        this.features = features;
        this.units = units;
        this.outputShape = outputShape.clone();
        this.parameters = parameters;
        this.gradients = gradients;
        this.output = output;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String cell() {
        return cell;
    }

    @Override
    public int gates() {
        return gates;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public int units() {
        return units;
    }

    @Override
    public boolean returnsSequence() {
        return outputShape.length == 2;
    }

    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }

    @Override
    public double[] weights() {
        return parameters.read(name + ".weight");
    }

    @Override
    public double[] recurrentWeights() {
        return parameters.read(name + ".recurrent_weight");
    }

    @Override
    public double[] biases() {
        return parameters.read(name + ".bias");
    }

    @Override
    public double[] recurrentBiases() {
        return parameters.read(name + ".recurrent_bias");
    }

    @Override
    public double[] weightGradients() {
        return gradients.read(name + ".weight");
    }

    @Override
    public double[] recurrentWeightGradients() {
        return gradients.read(name + ".recurrent_weight");
    }

    @Override
    public double[] biasGradients() {
        return gradients.read(name + ".bias");
    }

    @Override
    public double[] recurrentBiasGradients() {
        return gradients.read(name + ".recurrent_bias");
    }

    @Override
    public double[] activations(int batch) {
        return output.read(batch);
    }
}
