package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.ShapeReport;
import dev.castnet.dsl.model.Cost;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Precision;
import dev.castnet.runtime.TrainableNetwork;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One source for the memory figures: the arrays a generated constructor really allocates (counted field by field)
 * equal the class's own constants ({@code PARAMETER_BYTES}, {@code ACTIVATION_BYTES_PER_SAMPLE},
 * {@code WORKSPACE_BYTES}, {@code OPTIMIZER_STATE_BYTES}) and what {@code castnet check} prints
 * ({@link CodeGenerator#cost}), for every layer kind and both precisions.
 */
class MemoryTest {
    private static final Map<String, String[]> CASES = new LinkedHashMap<>();

    static {
        // the digits sample: samples/src/main/nn/digits.nn
        CASES.put("Digits", new String[] {"input 64", "dense 32", "batchnorm", "relu", "dropout 0.2", "dense 10",
            "softmax", "loss cross_entropy", "optimizer adam lr=2e-3"});
        CASES.put("Everything", new String[] {"input 8x8x2", "tanh", "conv2d 4 kernel=3 padding=same",
            "batchnorm stats=population", "relu", "maxpool 2", "conv2d 3 kernel=2x3 stride=2", "avgpool 1",
            "dropout 0.1", "globalavgpool", "dense 5", "sigmoid", "dense 2", "loss mse", "optimizer adadelta"});
        CASES.put("Sequences", new String[] {"input 7x3", "batchnorm", "lstm 4 return=sequence", "gru 3 return=sequence",
            "rnn 2", "dense 3", "softmax", "loss cross_entropy", "optimizer momentum"});
    }

    private static ClassLoader loader;
    private static final Map<String, Network> NETWORKS = new LinkedHashMap<>();

    @BeforeAll
    static void compile() {
        List<GeneratedSource> sources = new ArrayList<>();
        for (Map.Entry<String, String[]> c : CASES.entrySet()) {
            for (Precision p : Precision.values()) {
                String name = c.getKey() + p.word();
                Network n = TestSpecs.body(name, p, c.getValue());
                NETWORKS.put(name, n);
                sources.addAll(CodeGenerator.generate(TestSpecs.model(n), GenerationOptions.spec()));
            }
        }
        loader = InMemoryCompiler.compile(sources);
    }

    @TestFactory
    List<DynamicTest> constantsCheckAndConstructorAgree() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : NETWORKS.keySet()) tests.add(DynamicTest.dynamicTest(name, () -> check(name)));
        return tests;
    }

    private static void check(String name) throws Exception {
        Network n = NETWORKS.get(name);
        for (int maxBatch : new int[] {1, 7, 64}) {
            TrainableNetwork net = InMemoryCompiler.instantiate(loader, "t." + n.className(), maxBatch, 1);
            long allocated = arrayBytes(net);
            long stated = net.parameterBytes() + net.activationBytes() + net.optimizerStateBytes();
            Cost check = CodeGenerator.cost(n, maxBatch);
            String at = name + " for maxBatch " + maxBatch;
            assertEquals(allocated, stated, at + ": the class's constants against its constructor");
            assertEquals(allocated, check.totalBytes(), at + ": castnet check against the constructor");
            assertEquals(net.parameterBytes(), check.parameterBytes(), at);
            assertEquals(net.activationBytes(), check.activationBytes(), at);
            assertEquals(net.optimizerStateBytes(), check.optimizerStateBytes(), at);
            assertEquals(net.parameterCount(), check.parameterCount(), at);
            assertEquals(ShapeReport.parameterCount(n), check.parameterCount(), at + ": the layers' own counts");
        }
    }

    /** Bytes of every primitive array an instance holds in its own fields. */
    private static long arrayBytes(Object net) throws IllegalAccessException {
        long total = 0;
        int arrays = 0;
        for (Field f : net.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !f.getType().isArray()) continue;
            f.setAccessible(true);
            Object a = f.get(net);
            if (a == null && f.getName().equals("mask")) continue; // the pruning mask, allocated when first asked for
            Class<?> e = f.getType().getComponentType();
            int length = java.lang.reflect.Array.getLength(a);
            total += (long) length * (e == double.class || e == long.class ? 8 : e == float.class || e == int.class ? 4
                    : 1);
            arrays++;
        }
        assertTrue(arrays > 5, "arrays found: " + arrays);
        return total;
    }
}
