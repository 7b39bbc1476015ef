package dev.castnet.processor;

import dev.castnet.dsl.SpecLoader;
import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The processor's two ways into castnet-dsl: spec text, and the tree built from an annotated interface. */
final class Frontend {
    private Frontend() {}

    /**
     * Parses and validates a spec file. A spec without a {@code package} statement generates into the package
     * of the element that brought it in, since a class in the unnamed package cannot be used from a named one.
     */
    static SpecResult parseSpec(String file, String text, String fallbackPackage) {
        SpecResult result = SpecLoader.parse(file, text);
        List<NetworkModel> models = new ArrayList<>();
        for (NetworkModel model : result.networks()) {
            models.add(model.packageName().isEmpty()
                    ? rebuild(model, fallbackPackage, n -> withPackage(n, fallbackPackage)) : model);
        }
        return new SpecResult(result.file(), result.diagnostics(), models);
    }

    /** Validates an interface's tree; interface {@code Foo} is generated as {@code FooNet} (SPEC §4). */
    static SpecResult validate(InterfaceReader.Read read) {
        SpecResult result = Validator.validate(AnnotationAstBuilder.build(read.decl(), read.origins().file()));
        List<NetworkModel> models = new ArrayList<>();
        for (NetworkModel model : result.networks()) {
            models.add(rebuild(model, model.packageName(), n -> withClassName(n, n.className() + "Net")));
        }
        return new SpecResult(result.file(), result.diagnostics(), models);
    }

    private static NetworkModel rebuild(NetworkModel m, String packageName, UnaryOperator<Network> change) {
        List<Network> variants = new ArrayList<>();
        for (Network n : m.variants()) variants.add(change.apply(n));
        return new NetworkModel(m.name(), packageName, m.specFile(), variants, m.pos());
    }

    private static Network withPackage(Network n, String packageName) {
        return new Network(n.name(), n.className(), packageName, n.specFile(), n.fingerprint(), n.precision(),
                n.input(), n.layers(), n.loss(), n.optimizer(), n.schedule(), n.clipNorm(), n.clipValue(), n.l1(),
                n.l2(), n.train(), n.search(), n.bindings(), n.pos());
    }

    private static Network withClassName(Network n, String className) {
        return new Network(n.name(), className, n.packageName(), n.specFile(), n.fingerprint(), n.precision(),
                n.input(), n.layers(), n.loss(), n.optimizer(), n.schedule(), n.clipNorm(), n.clipValue(), n.l1(),
                n.l2(), n.train(), n.search(), n.bindings(), n.pos());
    }
}
