package dev.castnet.dsl.model;

/**
 * What a network costs in memory, computed from the model alone so {@code castnet check} and the
 * generated constants agree. Element size is 4 bytes (float) or 8 (double).
 *
 * <ul>
 *   <li>{@code parameterCount}: trainable scalars (weights, biases, γ, β).</li>
 *   <li>{@code parameterBytes}: every stored tensor of {@code parameters()} (running statistics included)
 *       plus the same trainable tensors' gradients.</li>
 *   <li>{@code activationBytes}: for {@code maxBatch} samples, each layer's output and its gradient, plus the
 *       input copy and per-layer caches (batchnorm x̂, dropout masks).</li>
 *   <li>{@code optimizerStateBytes}: per trainable scalar, 0 (sgd), 1 (momentum, nesterov, adagrad,
 *       rmsprop) or 2 (adadelta, adam, adamw) state values.</li>
 * </ul>
 */
public record Cost(long parameterCount, long parameterBytes, long activationBytes, long optimizerStateBytes) {
    public long totalBytes() {
        return parameterBytes + activationBytes + optimizerStateBytes;
    }

    /**
     * The cost of {@code n} for batches of up to {@code maxBatch} samples, counted exactly as the class doc says:
     * dense: weights in·units (+ units biases); batchnorm: γ, β trainable and running mean/var stored
     * (features each); activations per sample: the input copy, then per layer its output and output gradient
     * (2·out), plus x̂ (out) per batchnorm and the mask (out, one element each) per dropout.
     */
    public static Cost of(Network n, int maxBatch) {
        long element = n.precision() == Precision.DOUBLE ? 8 : 4;
        long trainable = 0;
        long statistics = 0;
        long perSample = n.input().size();
        for (Layer l : n.layers()) {
            long out = l.out().size();
            perSample += 2 * out;
            if (l instanceof Layer.Dense d) {
                trainable += (long) d.in().size() * d.units() + (d.bias() ? d.units() : 0);
            } else if (l instanceof Layer.BatchNorm) {
                trainable += 2 * out;
                statistics += 2 * out;
                perSample += out;
            } else if (l instanceof Layer.Dropout) {
                perSample += out;
            }
        }
        long states = switch (n.optimizer().kind()) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV, ADAGRAD, RMSPROP -> 1;
            case ADADELTA, ADAM, ADAMW -> 2;
        };
        return new Cost(trainable, element * (2 * trainable + statistics), element * perSample * maxBatch,
                element * states * trainable);
    }
}
