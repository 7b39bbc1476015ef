package dev.castnet.processor.generator;

import java.util.LinkedHashMap;

/**
 * How to generate a network class.
 *
 * @param interfaceName qualified name of the annotated interface the class implements ({@code null} for .nn specs)
 * @param layerViews interface method name → the name of a layer in the model ({@code dense0}, {@code conv2d1},
 *     {@code lstm0}); each is generated as a method returning a live view of that layer's block: a
 *     {@code dev.castnet.runtime.DenseLayer}, {@code ConvLayer} or {@code RecurrentLayer}
 * @param generatorName the value of {@code @Generated}
 */
public record GenerationOptions(String interfaceName, LinkedHashMap<String, String> layerViews, String generatorName) {
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
