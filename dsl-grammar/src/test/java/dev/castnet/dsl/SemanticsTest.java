package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.BatchNormStats;
import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.DistributionKind;
import dev.castnet.dsl.model.DropoutMode;
import dev.castnet.dsl.model.FlipMode;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.InitKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.Optimizer;
import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.dsl.model.Precision;
import dev.castnet.dsl.model.PreprocessKind;
import dev.castnet.dsl.model.PruneScope;
import dev.castnet.dsl.model.ScheduleKind;
import dev.castnet.dsl.model.Search;
import dev.castnet.dsl.model.SearchMethod;
import dev.castnet.dsl.model.Shape;
import dev.castnet.dsl.model.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the validator fills in: defaults, aliases, shapes, variants. */
class SemanticsTest {

    private static Network net(String body) {
        SpecResult r = SpecLoader.parse("s.nn", "network N {\n" + body + "\n}\n");
        assertEquals(List.of(), r.errors(), () -> r.diagnostics().toString());
        return r.networks().get(0).variants().get(0);
    }

    private static final String TAIL = "\nloss mse\noptimizer sgd";

    @Test
    void imageInputIsKeptAndFlattenedForDense() {
        Network n = net("input 28x28x1\ndense 10" + TAIL);
        assertEquals(Shape.image(28, 28, 1), n.input());
        assertTrue(n.input().isImage());
        Layer.Dense d = (Layer.Dense) n.layers().get(0);
        assertEquals(Shape.image(28, 28, 1), d.in());
        assertEquals(784, d.inputs());
        assertEquals(Shape.vector(10), d.out());
        assertEquals(7850, d.parameterCount());
    }

    @Test
    void imageShapeMayUseCapitalX() {
        assertEquals(Shape.image(8, 8, 3), net("input 8X8X3\ndense 1" + TAIL).input());
    }

    @Test
    void activationsBeforeDenseKeepTheImageShape() {
        Network n = net("input 2x3x2\nbatchnorm\ndropout 0.1\ndense 4" + TAIL);
        assertEquals(Shape.image(2, 3, 2), n.layers().get(0).out());
        Layer.BatchNorm bn = (Layer.BatchNorm) n.layers().get(0);
        assertEquals(12, bn.out().size());
        assertEquals(2, bn.features(), "per channel on an image");
        assertEquals(6, bn.positions());
        assertEquals(Shape.image(2, 3, 2), n.layers().get(2).in());
    }

    @ParameterizedTest
    @CsvSource({
        "relu, HE_UNIFORM, ",
        "leaky_relu, HE_UNIFORM, ",
        "elu, HE_UNIFORM, ",
        "tanh, XAVIER_UNIFORM, 1.0",
        "sigmoid, XAVIER_UNIFORM, 4.0",
        "logistic, XAVIER_UNIFORM, 4.0",
        "identity, XAVIER_UNIFORM, 1.0",
    })
    void defaultInitFollowsTheNextActivation(String activation, InitKind kind, Double gain) {
        Network n = net("input 3\ndense 2\nbatchnorm\n" + activation + TAIL);
        Init expected = gain == null ? Init.of(kind) : Init.of(kind, gain);
        assertEquals(expected, ((Layer.Dense) n.layers().get(0)).init());
    }

    @Test
    void xavierGainDefaultsToFourOnlyBeforeSigmoid() {
        Network n = net("input 3\ndense 2 init=xavier_normal\nsigmoid\ndense 2 init=xavier_uniform\ntanh\n"
                + "dense 1 init=xavier_uniform(gain=2)\nsigmoid" + TAIL);
        assertEquals(Init.of(InitKind.XAVIER_NORMAL, 4), ((Layer.Dense) n.layers().get(0)).init());
        assertEquals(Init.of(InitKind.XAVIER_UNIFORM, 1), ((Layer.Dense) n.layers().get(2)).init());
        assertEquals(Init.of(InitKind.XAVIER_UNIFORM, 2), ((Layer.Dense) n.layers().get(4)).init());
        assertEquals(ActivationKind.SIGMOID, ((Layer.Activation) n.layers().get(1)).kind());
    }

    @Test
    void initializerArgumentsByPositionOrName() {
        Network n = net("input 3\ndense 2 init=gaussian\ndense 2 init=gaussian(1, 0.5)\n"
                + "dense 2 init=gaussian(std=0.2, mean=-1)\ndense 2 init=uniform(b=0.3, a=-0.3)\n"
                + "dense 2 init=constant(value=0.5)\ndense 2 init=zeros()" + TAIL);
        assertEquals(Init.of(InitKind.GAUSSIAN, 0, 0.01), ((Layer.Dense) n.layers().get(0)).init());
        assertEquals(Init.of(InitKind.GAUSSIAN, 1, 0.5), ((Layer.Dense) n.layers().get(1)).init());
        assertEquals(Init.of(InitKind.GAUSSIAN, -1, 0.2), ((Layer.Dense) n.layers().get(2)).init());
        assertEquals(Init.of(InitKind.UNIFORM, -0.3, 0.3), ((Layer.Dense) n.layers().get(3)).init());
        assertEquals(Init.of(InitKind.CONSTANT, 0.5), ((Layer.Dense) n.layers().get(4)).init());
        assertEquals(Init.of(InitKind.ZEROS), ((Layer.Dense) n.layers().get(5)).init());
    }

    @Test
    void layerDefaultsAndIndicesPerKind() {
        Network n = net("input 3\ndense 4\nbatchnorm\nleaky_relu\ndropout 0.2\ndense 4\nbatchnorm stats=population\n"
                + "elu\ndropout 0.3 mode=scale_at_test\ndense 1" + TAIL);
        Layer.BatchNorm b0 = (Layer.BatchNorm) n.layers().get(1);
        assertEquals(0.1, b0.momentum());
        assertEquals(1e-5, b0.eps());
        assertEquals(BatchNormStats.RUNNING, b0.stats());
        assertEquals(0.01, ((Layer.Activation) n.layers().get(2)).alpha());
        assertEquals(DropoutMode.INVERTED, ((Layer.Dropout) n.layers().get(3)).mode());
        assertEquals("batchnorm1", ((Layer.BatchNorm) n.layers().get(5)).name());
        assertEquals(BatchNormStats.POPULATION, ((Layer.BatchNorm) n.layers().get(5)).stats());
        assertEquals(1.0, ((Layer.Activation) n.layers().get(6)).alpha());
        assertEquals("dropout1", ((Layer.Dropout) n.layers().get(7)).name());
        assertEquals(DropoutMode.SCALE_AT_TEST, ((Layer.Dropout) n.layers().get(7)).mode());
        assertEquals("dense2", ((Layer.Dense) n.layers().get(8)).name());
    }

    @ParameterizedTest
    @CsvSource({
        "sgd,      0.01,  0,   0,   0,     0,     0",
        "momentum, 0.01,  0.9, 0,   0,     0,     0",
        "nesterov, 0.01,  0.9, 0,   0,     0,     0",
        "adagrad,  0.01,  0,   0,   0,     1e-10, 0",
        "adadelta, 1.0,   0.9, 0,   0,     1e-6,  0",
        "rmsprop,  0.001, 0.9, 0,   0,     1e-8,  0",
        "adam,     0.001, 0,   0.9, 0.999, 1e-8,  0",
        "adamw,    0.001, 0,   0.9, 0.999, 1e-8,  0.01",
    })
    void optimizerDefaultsFollowTheSpecTable(String name, double lr, double rho, double beta1, double beta2,
            double eps, double wd) {
        Optimizer o = net("input 2\ndense 1\nloss mse\noptimizer " + name).optimizer();
        assertEquals(OptimizerKind.valueOf(name.toUpperCase()), o.kind());
        assertArrayEquals(new double[] {lr, rho, beta1, beta2, eps, wd},
                new double[] {o.lr(), o.rho(), o.beta1(), o.beta2(), o.eps(), o.wd()});
    }

    @Test
    void trainDefaultsAndEveryNumberForm() {
        Network n = net("input 2\ndense 1" + TAIL);
        assertEquals(10, n.train().epochs());
        assertEquals(32, n.train().batch());
        assertEquals(0.1, n.train().validation());
        assertEquals(42, n.train().seed());
        assertTrue(n.train().shuffle());
        assertEquals(PreprocessKind.NONE, n.train().preprocess().kind());
        assertNull(n.train().augment());
        assertNull(n.train().earlyStop());
        assertEquals(ScheduleKind.NONE, n.schedule().kind());
        assertEquals(Precision.FLOAT, n.precision());
        Network m = net("input 2; dense 1; loss mse; optimizer sgd lr=.5\n"
                + "train { epochs 1e2; batch 0256; validation 1E-1; seed -7; early_stop }");
        assertEquals(0.5, m.optimizer().lr());
        assertEquals(100, m.train().epochs());
        assertEquals(256, m.train().batch());
        assertEquals(0.1, m.train().validation());
        assertEquals(-7, m.train().seed());
        assertEquals("val_loss", m.train().earlyStop().monitor());
        assertEquals(5, m.train().earlyStop().patience());
    }

    @Test
    void pruneReadsSparsityRampAndScope() {
        assertNull(net("input 2\ndense 1" + TAIL).train().prune());
        TrainConfig.Prune atOnce = net("input 2; dense 1; loss mse; optimizer sgd\ntrain { prune 0.8 }").train().prune();
        assertEquals(0.8, atOnce.sparsity());
        assertFalse(atOnce.ramped());
        assertEquals(PruneScope.LAYER, atOnce.scope());
        assertEquals("prune 0.8 scope=layer", atOnce.print());
        TrainConfig.Prune ramp = net("input 2; dense 1; loss mse; optimizer sgd\n"
                + "train { prune 0.5 from=1 to=4 scope=global; epochs 6 }").train().prune();
        assertEquals(1, ramp.from());
        assertEquals(4, ramp.to());
        assertEquals(PruneScope.GLOBAL, ramp.scope());
        assertEquals("prune 0.5 from=1 to=4 scope=global", ramp.print());
        // only from: the ramp ends with the last epoch; only to: it starts with the first
        TrainConfig.Prune from = net("input 2; dense 1; loss mse; optimizer sgd\ntrain { epochs 7; prune 0.5 from=2 }")
                .train().prune();
        assertEquals(7, from.to());
        TrainConfig.Prune to = net("input 2; dense 1; loss mse; optimizer sgd\ntrain { prune 0 to=3 }").train().prune();
        assertEquals(0, to.from());
        assertEquals(0.0, to.sparsity());
    }

    @Test
    void everythingExampleResolvesItsSearchAndTraining() {
        SpecResult r = SpecLoader.parse("everything.nn", Specs.example("everything.nn"));
        assertEquals(List.of(), r.diagnostics());
        assertEquals(3, r.networks().size());
        NetworkModel images = r.network("Images");
        assertEquals("dev.castnet.samples.all", images.packageName());
        assertEquals(6, images.variants().size()); // width 16, 32, 48 x act leaky_relu, elu
        Network first = images.variants().get(0);
        assertEquals("ImagesWidth32ActLeakyRelu", first.className());
        assertEquals(Precision.DOUBLE, first.precision());
        assertEquals(2, first.layers().stream().filter(l -> l instanceof Layer.Dropout).count());
        assertEquals(0.2, ((Layer.Activation) first.layers().get(2)).alpha());
        assertEquals(0.5, first.clipValue());
        assertEquals(1e-5, first.l1());
        assertEquals(1e-4, first.l2());
        assertEquals(ScheduleKind.STEP, first.schedule().kind());
        assertEquals(10, first.schedule().every());
        assertEquals(FlipMode.BOTH, first.train().augment().flip());
        assertEquals(0.8, first.train().augment().zoomLo());
        assertEquals(1.2, first.train().augment().zoomHi());
        assertEquals(PreprocessKind.MINMAX, first.train().preprocess().kind());
        assertEquals(-1, first.train().preprocess().lo());
        Search s = first.search();
        assertEquals(SearchMethod.GRID, s.method());
        assertEquals(0, s.trials());
        assertEquals(2, s.parallel());
        assertEquals(10, s.dimensions().size());
        Search.Dimension width = s.dimensions().get(0);
        assertTrue(width.structural());
        assertEquals(DistributionKind.RANGE, width.kind());
        Search.Dimension drop = s.dimensions().get(2);
        assertEquals("dropout", drop.name());
        assertEquals(1, drop.index());
        assertEquals(List.of("0.1", "0.3"), drop.values());
        assertTrue(images.variants().stream().anyMatch(v -> v.className().equals("ImagesWidth48ActElu")));

        Network small = r.network("Small").variants().get(0);
        assertEquals(PreprocessKind.PCA_WHITEN, small.train().preprocess().kind());
        assertEquals(2, small.train().preprocess().components());
        assertEquals(ScheduleKind.EXPONENTIAL, small.schedule().kind());
        assertEquals(0.95, small.schedule().gamma());
        Network cosine = r.network("Cosine").variants().get(0);
        assertEquals(ScheduleKind.COSINE, cosine.schedule().kind());
        assertEquals(1.0, cosine.clipNorm());
        assertEquals(4, cosine.search().trials());
        assertEquals(SearchMethod.RANDOM, cosine.search().method());
        assertEquals(0, cosine.train().preprocess().lo());
        assertEquals(1, cosine.train().preprocess().hi());
    }

    @Test
    void fingerprintChangesWithTheSpecButNotWithLayoutOrComments() {
        String a = "network N {\ninput 2\ndense 1\nloss mse\noptimizer sgd\n}";
        String b = "// comment\nnetwork N { input 2; dense 1 /* same */; loss mse; optimizer sgd }";
        String c = "network N {\ninput 2\ndense 1\nloss mse\noptimizer sgd lr=0.02\n}";
        String fa = SpecLoader.parse("a.nn", a).networks().get(0).variants().get(0).fingerprint();
        assertEquals(fa, SpecLoader.parse("b.nn", b).networks().get(0).variants().get(0).fingerprint());
        assertTrue(!fa.equals(SpecLoader.parse("c.nn", c).networks().get(0).variants().get(0).fingerprint()));
        assertTrue(fa.matches("[0-9a-f]{64}"));
    }

    @Test
    void everySyntaxErrorOfAFileIsReported() {
        SpecResult r = SpecLoader.parse("e.nn", "network A {\ninput 4 #\ndense 3 = 4\n}\nnetwork B {\ninput ]\n}\n");
        assertEquals(List.of("e.nn:2:9: unexpected character '#'",
                        "e.nn:3:9: unexpected '='; expected '}', ';' or end of line",
                        "e.nn:6:7: unexpected ']'; expected '}', ';' or end of line"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkAreAccepted() {
        String unix = Specs.example("fashion.nn");
        SpecResult crlf = SpecLoader.parse("fashion.nn", "\uFEFF" + unix.replace("\n", "\r\n"));
        assertEquals(SpecLoader.parse("fashion.nn", unix).diagnostics(), crlf.diagnostics());
        assertEquals(SpecLoader.parse("fashion.nn", unix).networks().get(0).variants().get(0).fingerprint(),
                crlf.networks().get(0).variants().get(0).fingerprint());
        SpecResult bad = SpecLoader.parse("w.nn", "\uFEFFnetwork N {\r\ninput 4\r\ndense 0\r\nloss mse\r\noptimizer sgd}");
        assertEquals(List.of("w.nn:3:7: dense units must be >= 1, got 0"),
                bad.diagnostics().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void aFileWithoutNetworksIsAWarning() {
        SpecResult r = SpecLoader.parse("empty.nn", "// nothing yet\npackage a.b;\n");
        assertEquals(List.of("empty.nn:1:1: warning: the file declares no network; add one, e.g. `network Mlp { ... }`"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertTrue(!r.hasErrors());
    }

    @Test
    void networksUntouchedBySyntaxErrorsAreStillValidated() {
        String text = String.join("\n",
                "network A {",
                "    input 4",
                "    dense 3 = 4",
                "}",
                "network B {",
                "    input 4",
                "    dense 3",
                "    dropout 1.5",
                "    loss mse",
                "    optimizer sgd",
                "}",
                "network C {",
                "    input 4; dense 1; loss mse; optimizer sgd",
                "}",
                "");
        SpecResult r = SpecLoader.parse("m.nn", text);
        assertEquals(List.of("m.nn:3:13: unexpected '='; expected '}', ';' or end of line",
                        "m.nn:8:13: dropout probability must be in [0, 1), got 1.5"),
                r.diagnostics().stream().map(Diagnostic::toString).toList());
        assertTrue(r.networks().isEmpty(), "nothing is generated from a file with syntax errors");
    }

    @Test
    void loadReportsAMissingFileAsADiagnostic() {
        SpecResult r = SpecLoader.load(java.nio.file.Path.of("/nonexistent/castnet/x.nn"));
        assertTrue(r.hasErrors());
        assertEquals("/nonexistent/castnet/x.nn:1:1", r.diagnostics().get(0).pos().toString());
        assertTrue(r.diagnostics().get(0).message().startsWith("cannot read /nonexistent/castnet/x.nn"));
    }
}
