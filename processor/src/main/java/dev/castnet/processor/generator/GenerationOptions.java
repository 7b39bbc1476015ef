package dev.castnet.processor.generator;

import java.util.LinkedHashMap;

/**
 * How to generate a network class.
 *
 * @param interfaceName qualified name of the annotated interface the class implements ({@code null} for .nn specs)
 * @param layerViews interface method name → dense layer index; each is generated as a method returning a live
 *     {@code dev.castnet.runtime.DenseLayer} view of that layer's block
 * @param generatorName the value of {@code @Generated}
 */
public record GenerationOptions(String interfaceName, LinkedHashMap<String, Integer> layerViews, String generatorName) {
    /**
     * The {@code @Generated} value of every castnet class, whether the annotation processor or
     * {@code castnet generate} wrote it: both must emit the same bytes for the same spec.
     */
    public static final String GENERATOR = "dev.castnet.processor.CastnetProcessor";

    public GenerationOptions {
        layerViews = layerViews == null ? new LinkedHashMap<>() : new LinkedHashMap<>(layerViews);
        if (generatorName == null || generatorName.isEmpty()) generatorName = GENERATOR;
    }

    /** Options for a {@code .nn} spec: no interface, no layer views. */
    public static GenerationOptions spec() {
        return new GenerationOptions(null, new LinkedHashMap<>(), GENERATOR);
    }
}
