package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.InitKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Padding;
import dev.castnet.dsl.model.PoolKind;
import dev.castnet.dsl.model.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes, parameter counts and defaults of the convolutional and recurrent layers (SPEC §2). */
class LayerShapesTest {
    private static final String TAIL = "\ndense 10\nsoftmax\nloss cross_entropy\noptimizer sgd";

    private static Network net(String body) {
        SpecResult r = SpecLoader.parse("s.nn", "network N {\n" + body + "\n}\n");
        assertEquals(List.of(), r.diagnostics().stream().map(Diagnostic::toString).toList());
        return r.networks().get(0).variants().get(0);
    }

    @Test
    void theFashionConvNet() {
        Network n = net("input 28x28x1\nconv2d 32 kernel=3 padding=same\nrelu\nmaxpool 2\n"
                + "conv2d 64 kernel=3 padding=same\nrelu\nmaxpool 2\ndense 128\nrelu" + TAIL);
        Layer.Conv2d c0 = (Layer.Conv2d) n.layers().get(0);
        assertEquals(Shape.image(28, 28, 32), c0.out());
        assertEquals(3 * 3 * 1 * 32 + 32, c0.parameterCount());
        assertEquals(Init.of(InitKind.HE_UNIFORM), c0.init(), "he before relu, as for dense");
        assertEquals(Padding.SAME, c0.padding());
        assertEquals(1, c0.padH());
        Layer.Pool p0 = (Layer.Pool) n.layers().get(2);
        assertEquals(PoolKind.MAX, p0.kind());
        assertEquals("maxpool0", p0.name());
        assertEquals(2, p0.stride());
        assertEquals(Shape.image(14, 14, 32), p0.out());
        Layer.Conv2d c1 = (Layer.Conv2d) n.layers().get(3);
        assertEquals("conv2d1", c1.name());
        assertEquals(3 * 3 * 32 * 64 + 64, c1.parameterCount());
        assertEquals(Shape.image(7, 7, 64), n.layers().get(5).out());
        Layer.Dense d = (Layer.Dense) n.layers().get(6);
        assertEquals(Shape.image(7, 7, 64), d.in());
        assertEquals(3136 * 128 + 128, d.parameterCount());
    }

    @Test
    void strideValidPaddingAndRectangularKernels() {
        Network n = net("input 7x7x2\nconv2d 3 kernel=3 stride=2\nconv2d 4 kernel=1x3 padding=1 bias=false\n"
                + "avgpool 2 stride=1\nglobalavgpool" + TAIL);
        assertEquals(Shape.image(3, 3, 3), n.layers().get(0).out()); // (7 - 3) / 2 + 1
        Layer.Conv2d c = (Layer.Conv2d) n.layers().get(1);
        assertEquals(Shape.image(5, 3, 4), c.out()); // (3 + 2 - 1) + 1, (3 + 2 - 3) + 1
        assertEquals(1 * 3 * 3 * 4, c.parameterCount());
        assertEquals("conv2d 4 kernel=1x3 stride=1 padding=1 init=xavier_uniform(gain=1) bias=false", c.print());
        assertEquals(Shape.image(4, 2, 4), n.layers().get(2).out());
        assertEquals(Shape.vector(4), n.layers().get(3).out());
        assertEquals("globalavgpool0", n.layers().get(3).name());
    }

    @Test
    void recurrentShapesTensorsAndDefaults() {
        Network n = net("input 28x28\nlstm 128 return=sequence\ngru 64\n" + "dense 10\nsoftmax\nloss cross_entropy\n"
                + "optimizer adam");
        Layer.Lstm l = (Layer.Lstm) n.layers().get(0);
        assertEquals(Shape.sequence(28, 128), l.out());
        assertEquals(28 * 512 + 128 * 512 + 2 * 512, l.parameterCount());
        assertEquals(1.0, l.forgetBias());
        assertEquals(Init.of(InitKind.XAVIER_UNIFORM, 1), l.init());
        assertEquals(Init.of(InitKind.ORTHOGONAL, 1), l.recurrentInit());
        Layer.Gru g = (Layer.Gru) n.layers().get(1);
        assertEquals(Shape.vector(64), g.out());
        assertEquals(128 * 192 + 64 * 192 + 2 * 192, g.parameterCount());
        Network r = net("input 12x1\nrnn 1 activation=sigmoid h0=0.3\nloss mse\noptimizer sgd");
        Layer.Rnn rnn = (Layer.Rnn) r.layers().get(0);
        assertEquals(ActivationKind.SIGMOID, rnn.activation());
        assertEquals(0.3, rnn.h0());
        assertEquals(Init.of(InitKind.XAVIER_UNIFORM, 4), rnn.init(), "gain 4 before a sigmoid");
        assertEquals(4, rnn.parameterCount());
        assertEquals("rnn 1 activation=sigmoid h0=0.3 return=last init=xavier_uniform(gain=4) "
                + "recurrent_init=orthogonal(gain=1)", rnn.print());
    }

    @Test
    void batchnormAndDropoutOnImagesAndSequences() {
        Network n = net("input 4x4x3\nbatchnorm\ndropout 0.2\nflatten\nbatchnorm" + TAIL);
        assertEquals(3, ((Layer.BatchNorm) n.layers().get(0)).features());
        assertEquals(6, n.layers().get(0).parameterCount());
        assertEquals(Shape.vector(48), n.layers().get(2).out());
        assertEquals(48, ((Layer.BatchNorm) n.layers().get(3)).features());
        Network s = net("input 5x3\nbatchnorm\nrnn 4" + TAIL);
        assertEquals(3, ((Layer.BatchNorm) s.layers().get(0)).features());
        assertEquals(5, ((Layer.BatchNorm) s.layers().get(0)).positions());
    }

    @Test
    void printedNetworksValidateBackToThemselves() {
        Network n = net("input 9x9x2\nconv2d 3 kernel=3x1 stride=2 padding=1 init=orthogonal(gain=2)\nmaxpool 2\n"
                + "flatten\ndense 4\nsoftmax\nloss cross_entropy\noptimizer sgd");
        SpecResult again = SpecLoader.parse("again.nn", SpecPrinter.print(n));
        assertFalse(again.hasErrors(), again.diagnostics().toString());
        assertEquals(n.layers().stream().map(Layer::print).toList(),
                again.networks().get(0).variants().get(0).layers().stream().map(Layer::print).toList());
        Network r = net("input 6x2\nrnn 3 activation=relu return=sequence h0=-1\nlstm 2 forget_bias=0\n" + TAIL
                .substring(1));
        SpecResult back = SpecLoader.parse("back.nn", SpecPrinter.print(r));
        assertEquals(r.layers().stream().map(Layer::print).toList(),
                back.networks().get(0).variants().get(0).layers().stream().map(Layer::print).toList());
        assertTrue(((Layer.Rnn) r.layers().get(0)).init().kind() == InitKind.HE_UNIFORM, "he for a relu rnn");
    }
}
