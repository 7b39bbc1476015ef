package dev.castnet.processor.generator;

import dev.castnet.dsl.SpecLoader;
import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.Precision;
import java.util.List;

/** Resolved networks for tests, read with the real front end ({@link SpecLoader}). */
final class TestSpecs {
    private TestSpecs() {}

    static NetworkModel model(Network n) {
        return new NetworkModel(n.name(), n.packageName(), n.specFile(), List.of(n), n.pos());
    }

    /** Every network model of {@code text}; fails on any diagnostic error. */
    static List<NetworkModel> models(String file, String text) {
        SpecResult r = SpecLoader.parse(file, text);
        if (r.hasErrors()) throw new AssertionError("test spec " + file + " has errors: " + r.errors());
        return r.networks();
    }

    /**
     * The first variant of the first network of {@code text}, renamed to {@code className} (when not null) and
     * with {@code precision} (when not null) so several versions of one spec can be compiled side by side.
     */
    static Network parse(String file, String text, String className, Precision precision) {
        Network n = models(file, text).get(0).variants().get(0);
        return new Network(n.name(), className != null ? className : n.className(), n.packageName(), n.specFile(),
                n.fingerprint(), precision != null ? precision : n.precision(), n.input(), n.layers(), n.loss(),
                n.optimizer(), n.schedule(), n.clipNorm(), n.clipValue(), n.l1(), n.l2(), n.train(), n.search(),
                n.bindings(), n.pos());
    }

    /** {@code text} wrapped as a network in package {@code t}. */
    static Network body(String className, Precision precision, String... lines) {
        StringBuilder b = new StringBuilder("package t;\nnetwork ").append(className).append(" {\n");
        for (String l : lines) b.append("    ").append(l).append('\n');
        b.append("}\n");
        return parse(className + ".nn", b.toString(), className, precision);
    }
}
