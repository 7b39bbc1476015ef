package dev.castnet.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.Cost;
import dev.castnet.dsl.model.Network;
import org.junit.jupiter.api.Test;

class ShapeReportTest {

    @Test
    void shapeReportListsEveryLayerWithShapesAndTheCost() {
        SpecResult r = SpecLoader.parse("mlp.nn", Specs.example("mlp.nn"));
        String report = ShapeReport.describe(r, 32, (n, batch) -> new Cost(ShapeReport.parameterCount(n), 0, 0, 0));
        assertTrue(report.contains("network MlpHidden256Depth2ActRelu (act=relu, depth=2, hidden=256)"), report);
        assertTrue(report.contains("dense0          784 -> 256                   200960  dense 256 init=he_uniform"), report);
        Network first = r.networks().get(0).variants().get(0);
        assertTrue(report.contains("parameters: " + ShapeReport.parameterCount(first)), report);
        assertEquals(12, report.split("\n\n").length, "one section per variant");
    }
}
