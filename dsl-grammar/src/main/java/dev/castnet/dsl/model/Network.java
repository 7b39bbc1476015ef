package dev.castnet.dsl.model;

import java.util.List;
import java.util.Map;

/**
 * One concrete, validated network: every structural {@code param} bound ({@code bindings}), layers
 * resolved with inferred shapes. For a network without structural search there is exactly one.
 *
 * <p>{@code className} is the simple name of the generated class: the network's name, or the name plus a
 * variant suffix (for example {@code MlpHidden128Depth2ActRelu}) when structural params are searched.
 * {@code fingerprint} is a hex SHA-256 of the canonical text of the network and its bindings.
 * {@code clipNorm} / {@code clipValue} are 0 when not given; so are {@code l1} and {@code l2}.
 * {@code search} is null when the network has no search block.
 */
public record Network(String name, String className, String packageName, String specFile, String fingerprint,
        Precision precision, Shape input, List<Layer> layers, LossKind loss, Optimizer optimizer, Schedule schedule,
        double clipNorm, double clipValue, double l1, double l2, TrainConfig train, Search search,
        Map<String, String> bindings, SourcePos pos) {
    public Network {
        layers = List.copyOf(layers);
        bindings = Map.copyOf(bindings);
    }

    /** The simple name of the inference-only int8 class generated beside {@link #className()} (SPEC §6). */
    public String int8ClassName() {
        return className + "Int8";
    }

    public Shape output() {
        return layers.isEmpty() ? input : layers.get(layers.size() - 1).out();
    }
}
