package dev.castnet.dsl.model;

import java.util.Locale;

/**
 * Which weights compete in magnitude pruning: each tensor on its own (every weight tensor reaches the sparsity,
 * as TensorFlow Model Optimization's {@code prune_low_magnitude} and {@code torch.nn.utils.prune.l1_unstructured}),
 * or all weight tensors together ({@code torch.nn.utils.prune.global_unstructured}).
 */
public enum PruneScope {
    LAYER, GLOBAL;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
