package dev.castnet.processor.generator;

import dev.castnet.dsl.model.Cost;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The javac-free generator: resolved model → lowered {@link Plan} → Java source. The annotation processor and
 * {@code castnet generate} both call {@link #generate}; output is reproducible byte for byte.
 */
public final class CodeGenerator {
    private CodeGenerator() {}

    /**
     * Two sources per variant of the model — the network class {@code Foo} and its inference-only int8 class
     * {@code FooInt8} (SPEC §6) — plus a factory when the model has several variants.
     */
    public static List<GeneratedSource> generate(NetworkModel model, GenerationOptions options) {
        if (model.variants().isEmpty()) {
            throw new IllegalArgumentException(model.pos() + ": network " + model.name() + " has no variants");
        }
        GenerationOptions opts = options == null ? GenerationOptions.spec() : options;
        List<GeneratedSource> sources = new ArrayList<>();
        for (Network variant : model.variants()) {
            Plan plan = Lowering.lower(variant);
            sources.add(new NetworkWriter(plan, opts).write());
            sources.add(new Int8Writer(plan, opts).write());
        }
        if (model.hasVariants()) sources.add(new VariantsWriter(model, opts).write());
        return List.copyOf(sources);
    }

    /**
     * What the generated class of {@code network} allocates for {@code maxBatch} samples: the figures of
     * {@code castnet check}, computed from the same lowered plan as the class's constants and constructor.
     */
    public static Cost cost(Network network, int maxBatch) {
        return Lowering.lower(network).cost(maxBatch);
    }

    /**
     * Names a generated class uses for methods of its own without parameters ({@code update}, …) or calls by static
     * import ({@code exp}, {@code max}, … of {@code java.lang.Math}, which a method of the same name would shadow):
     * an annotated interface's layer methods must not take them.
     */
    public static java.util.Set<String> reservedMethodNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(NetworkWriter.MATH);
        names.addAll(java.util.List.of("update", "initialize", "clipScale", "registerTensors"));
        return names;
    }

    /** The source of one concrete network. */
    static GeneratedSource generate(Network network, GenerationOptions options) {
        return new NetworkWriter(Lowering.lower(network), options).write();
    }

    /** The source of one concrete network's int8 class. */
    static GeneratedSource generateInt8(Network network, GenerationOptions options) {
        return new Int8Writer(Lowering.lower(network), options).write();
    }

    /** The simple name of the int8 class of {@code network}: {@code FooInt8}. */
    public static String int8ClassName(Network network) {
        return Int8Writer.className(network);
    }
}
