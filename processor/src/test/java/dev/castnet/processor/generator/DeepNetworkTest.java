package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.runtime.TrainableNetwork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thousand layers still make a class the JVM loads: every method whose length grows with the depth is split
 * into parts below the JVM's 64 KB limit (issue: {@code repeat 1000 { dense 8; relu }} failed in javac with
 * "code too large").
 */
class DeepNetworkTest {

    @Test
    void aThousandLayersCompileTrainAndPredict() {
        NetworkModel deep = TestSpecs.models("Deep.nn", String.join("\n",
                "package t;",
                "network Deep {",
                "    input 8",
                "    repeat 1000 { dense 8; relu }",
                "    dense 2",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer adam",
                "    clip norm 1.0",
                "}")).get(0);
        NetworkModel population = TestSpecs.models("DeepPopulation.nn", String.join("\n",
                "package t;",
                "network DeepPopulation {",
                "    input 4",
                "    repeat 200 { dense 4; batchnorm stats=population; tanh }",
                "    dense 1",
                "    loss mse",
                "    optimizer sgd",
                "}")).get(0);
        List<GeneratedSource> sources = new ArrayList<>();
        sources.addAll(CodeGenerator.generate(deep, GenerationOptions.spec()));
        sources.addAll(CodeGenerator.generate(population, GenerationOptions.spec()));
        assertTrue(sources.get(0).source().contains("forwardTrainingPart2("), "split into parts");
        ClassLoader loader = InMemoryCompiler.compile(sources);

        TrainableNetwork net = InMemoryCompiler.instantiate(loader, "t.Deep", 4, 1);
        float[] x = new float[4 * 8];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i);
        double loss = net.trainStep(x, new int[] {0, 1, 1, 0}, 4);
        assertTrue(Double.isFinite(loss), "loss " + loss);
        assertEquals(2 * 1001, net.parameters().names().size(), "every layer's tensors are registered");
        assertEquals(2 * 2 * 1001, net.optimizerState().names().size(), "and Adam's m and v of each");
        assertTrue(net.predict(x, 0) >= 0);

        TrainableNetwork p = InMemoryCompiler.instantiate(loader, "t.DeepPopulation", 4, 1);
        float[] y = new float[4 * 4];
        for (int i = 0; i < y.length; i++) y[i] = (float) Math.cos(i);
        p.trainStep(y, new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 4);
        p.beginPopulationStatistics(199);
        p.accumulatePopulationStatistics(y, 4);
        p.endPopulationStatistics();
        double[] var = p.parameters().read("batchnorm199.running_var");
        assertTrue(Double.isFinite(var[0]) && var[0] >= 0, "population variance " + var[0]);
    }
}
