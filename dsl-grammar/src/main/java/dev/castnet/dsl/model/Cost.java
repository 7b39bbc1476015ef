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
}
