package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.InitKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.dsl.model.Precision;
import dev.castnet.dsl.model.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidSpecsTest {

    static Stream<Path> golden() {
        return Specs.golden().stream();
    }

    static Stream<String> examples() {
        return Specs.EXAMPLES.stream();
    }

    @Test
    void everyParityCaseIsPresent() {
        // tools/golden/make_golden.py's table
        assertEquals(34, Specs.golden().size(), Specs.goldenDir().toString());
    }

    @ParameterizedTest
    @MethodSource("golden")
    void everyGoldenSpecResolvesToOneDoublePrecisionNetwork(Path path) {
        SpecResult r = SpecLoader.load(path);
        assertEquals(List.of(), r.diagnostics(), path.toString());
        assertEquals(1, r.networks().size());
        NetworkModel m = r.networks().get(0);
        assertEquals(path.getFileName().toString().replace(".nn", ""), m.name());
        assertEquals("golden", m.packageName());
        assertEquals(1, m.variants().size());
        Network n = m.variants().get(0);
        assertEquals(m.name(), n.className());
        assertEquals(Precision.DOUBLE, n.precision());
        assertEquals(64, n.fingerprint().length());
        assertTrue(n.layers().stream().anyMatch(l -> l.parameterCount() > 0));
        // each layer's input is the previous layer's output
        Shape shape = n.input();
        for (Layer l : n.layers()) {
            assertEquals(shape, l.in(), l.toString());
            shape = l.out();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidatesWithoutErrors(String name) {
        SpecResult r = SpecLoader.parse(name, Specs.example(name));
        assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
        assertFalse(r.networks().isEmpty());
    }

    private static Network only(String name, String text) {
        SpecResult r = SpecLoader.parse(name, text);
        assertEquals(List.of(), r.errors(), () -> r.diagnostics().toString());
        return r.networks().get(0).variants().get(0);
    }

    @Test
    void tanhSgdIsResolvedWithDefaultsFilledIn() {
        Network n = only("TanhSgd.nn", readGolden("TanhSgd.nn"));
        assertEquals(Shape.vector(4), n.input());
        assertEquals(4, n.layers().size());
        Layer.Dense d0 = (Layer.Dense) n.layers().get(0);
        assertEquals(0, d0.index());
        assertEquals(5, d0.units());
        assertTrue(d0.bias());
        assertEquals(Init.of(InitKind.XAVIER_UNIFORM, 1.0), d0.init()); // before tanh: Xavier, gain 1
        assertEquals(ActivationKind.TANH, ((Layer.Activation) n.layers().get(1)).kind());
        Layer.Dense d1 = (Layer.Dense) n.layers().get(2);
        assertEquals("dense1", d1.name());
        assertEquals(Shape.vector(5), d1.in());
        assertTrue(n.layers().get(3) instanceof Layer.Softmax);
        assertEquals(LossKind.CROSS_ENTROPY, n.loss());
        assertEquals(OptimizerKind.SGD, n.optimizer().kind());
        assertEquals(0.1, n.optimizer().lr());
        assertEquals(0, n.clipNorm());
        assertEquals(0, n.l2());
        assertEquals(10, n.train().epochs());
        assertEquals(32, n.train().batch());
        assertNull(n.search());
    }

    @Test
    void fashionExampleMatchesSpec() {
        SpecResult r = SpecLoader.parse("fashion.nn", Specs.example("fashion.nn"));
        assertEquals(List.of(), r.diagnostics());
        Network n = r.networks().get(0).variants().get(0);
        assertEquals("dev.castnet.samples", n.packageName());
        assertEquals(8, n.layers().size());
        Layer.Dense d0 = (Layer.Dense) n.layers().get(0);
        assertEquals(Init.of(InitKind.HE_UNIFORM), d0.init());
        Layer.BatchNorm bn = (Layer.BatchNorm) n.layers().get(1);
        assertEquals(0.1, bn.momentum());
        assertEquals(1e-5, bn.eps());
        Layer.Dropout dr = (Layer.Dropout) n.layers().get(3);
        assertEquals(0.5, dr.p());
        assertEquals("dropout0", dr.name());
        assertEquals(Init.of(InitKind.XAVIER_UNIFORM, 1.0), ((Layer.Dense) n.layers().get(4)).init());
        assertEquals(OptimizerKind.ADAM, n.optimizer().kind());
        assertEquals(1e-3, n.optimizer().lr());
        assertEquals(0.999, n.optimizer().beta2());
        assertEquals(5.0, n.clipNorm());
        assertEquals(1e-4, n.l2());
        assertEquals(30, n.train().epochs());
        assertEquals(64, n.train().batch());
        assertEquals(5, n.train().earlyStop().patience());
        assertTrue(n.train().earlyStop().restoreBest());
        assertEquals(10.0, n.train().augment().rotateDegrees());
        assertEquals(20, n.search().trials());
        assertEquals(7, n.search().seed());
        assertEquals(3, n.search().dimensions().size());
        assertFalse(n.search().dimensions().get(1).structural());
    }

    @Test
    void mlpExampleGivesOneClassPerStructuralCombination() {
        NetworkModel m = SpecLoader.parse("mlp.nn", Specs.example("mlp.nn")).networks().get(0);
        assertEquals(12, m.variants().size());
        Network first = m.variants().get(0);
        // the declared defaults (256, 2, relu) come first
        assertEquals("MlpHidden256Depth2ActRelu", first.className());
        assertEquals(java.util.Map.of("hidden", "256", "depth", "2", "act", "relu"), first.bindings());
        assertEquals(6, first.layers().size());
        assertEquals(Init.of(InitKind.HE_UNIFORM), ((Layer.Dense) first.layers().get(0)).init());
        assertEquals(256, ((Layer.Dense) first.layers().get(2)).units());
        assertEquals("dense2", ((Layer.Dense) first.layers().get(4)).name());
        Network second = m.variants().get(1);
        assertEquals("MlpHidden128Depth1ActRelu", second.className());
        assertEquals(4, second.layers().size());
        assertEquals(128, ((Layer.Dense) second.layers().get(0)).units());
        long distinct = m.variants().stream().map(Network::fingerprint).distinct().count();
        assertEquals(12, distinct);
        Network tanh = m.variants().stream().filter(v -> v.className().equals("MlpHidden128Depth3ActTanh"))
                .findFirst().orElseThrow();
        assertEquals(8, tanh.layers().size());
        assertEquals(Init.of(InitKind.XAVIER_UNIFORM, 1.0), ((Layer.Dense) tanh.layers().get(0)).init());
    }

    private static String readGolden(String name) {
        try {
            return java.nio.file.Files.readString(Specs.goldenDir().resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
