package dev.castnet.dsl.model;

/**
 * What a network costs in memory, as the code generator's plan allocates it (so {@code castnet check}, the
 * generated constants and the generated constructor agree). Element size is 4 bytes (float) or 8 (double).
 *
 * <ul>
 *   <li>{@code parameterCount}: trainable scalars (weights, biases, γ, β).</li>
 *   <li>{@code parameterBytes}: every stored tensor of {@code parameters()} (running statistics included) plus the
 *       trainable tensors' gradients.</li>
 *   <li>{@code activationBytes}: every buffer a training step works in, for the batch size asked for: layer
 *       outputs, their gradients and per-layer caches, plus fixed scratch space.</li>
 *   <li>{@code optimizerStateBytes}: the optimizer's state arrays.</li>
 * </ul>
 */
public record Cost(long parameterCount, long parameterBytes, long activationBytes, long optimizerStateBytes) {
    public long totalBytes() {
        return parameterBytes + activationBytes + optimizerStateBytes;
    }
}
