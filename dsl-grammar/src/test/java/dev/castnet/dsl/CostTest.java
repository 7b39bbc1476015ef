package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.Cost;
import dev.castnet.dsl.model.Network;
import org.junit.jupiter.api.Test;

class CostTest {

    private static Network network(String text) {
        SpecResult r = SpecLoader.parse("cost.nn", text);
        assertEquals(java.util.List.of(), r.diagnostics());
        return r.networks().get(0).variants().get(0);
    }

    @Test
    void smallFloatAdamNetworkByHand() {
        Network n = network("""
                network Small {
                    input 4
                    dense 5
                    batchnorm
                    relu
                    dropout 0.5
                    dense 3
                    softmax
                    loss cross_entropy
                    optimizer adam
                }
                """);
        Cost c = Cost.of(n, 8);
        // dense0 4*5+5 = 25, batchnorm0 γ,β 2*5 = 10, dense1 5*3+3 = 18
        assertEquals(53, c.parameterCount());
        // (53 values + 53 gradients + running mean/var 2*5) * 4 bytes
        assertEquals(4 * (53 + 53 + 10), c.parameterBytes());
        // per sample: input 4; dense0 5+5; batchnorm 5+5 and x̂ 5; relu 5+5; dropout 5+5 and mask 5;
        // dense1 3+3; softmax 3+3 = 66 elements, times 8 samples, 4 bytes
        assertEquals(66 * 8 * 4, c.activationBytes());
        // adam keeps m and v per trainable scalar
        assertEquals(2 * 53 * 4, c.optimizerStateBytes());
        assertEquals(464 + 2112 + 424, c.totalBytes());
    }

    @Test
    void doublePrecisionSgdWithoutBiasHasNoOptimizerState() {
        Network n = network("""
                network NoBias {
                    precision double
                    input 2x2x1
                    dense 3 bias=false
                    loss mse
                    optimizer sgd
                }
                """);
        Cost c = Cost.of(n, 10);
        assertEquals(12, c.parameterCount()); // the 2x2x1 image is flattened to 4 features
        assertEquals(8 * 24, c.parameterBytes());
        assertEquals(8 * 10 * (4 + 6), c.activationBytes());
        assertEquals(0, c.optimizerStateBytes());
    }

    @Test
    void shapeReportListsEveryLayerWithShapesAndTheCost() {
        SpecResult r = SpecLoader.parse("mlp.nn", Specs.example("mlp.nn"));
        String report = ShapeReport.describe(r, 32);
        assertTrue(report.contains("network MlpHidden256Depth2ActRelu (act=relu, depth=2, hidden=256)"), report);
        assertTrue(report.contains("dense0       dense 256 init=he_uniform"), report);
        assertTrue(report.contains("784 -> 256"), report);
        Network first = r.networks().get(0).variants().get(0);
        assertTrue(report.contains("parameters: " + Cost.of(first, 32).parameterCount()), report);
        assertEquals(12, report.split("\n\n").length, "one section per variant");
    }
}
