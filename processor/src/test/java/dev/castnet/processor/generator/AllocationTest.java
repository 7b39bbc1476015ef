package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castnet.dsl.model.Precision;
import dev.castnet.runtime.Int8Network;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * After warm-up, training steps, forward passes, predictions and whole-dataset batchnorm statistics allocate
 * nothing (SPEC §4), for every layer kind, in float and double; so do training steps with pruning masks applied,
 * and the int8 class's forward passes and predictions (SPEC §6).
 */
class AllocationTest {
    private static final String[] DENSE = {
        "input 12", "dense 16", "batchnorm", "relu", "dropout 0.2", "dense 10", "tanh", "dropout 0.1 mode=scale_at_test",
        "dense 8", "batchnorm stats=population", "elu", "dense 6", "leaky_relu", "dense 4"
    };
    private static final String[] RECURRENT = {
        "input 6x4", "lstm 5 return=sequence", "dropout 0.1", "gru 4 return=sequence", "batchnorm", "rnn 3",
        "dense 4"
    };

    /** name → (body, tail); every network is generated in float and double. */
    private static final Map<String, String[][]> CASES = new LinkedHashMap<>();

    static {
        String[] tailLabels = {"softmax", "loss cross_entropy", "optimizer adam lr=0.01", "clip norm 1.0",
            "regularize l2 1e-4"};
        CASES.put("Labels", new String[][] {DENSE, tailLabels});
        CASES.put("Bce", new String[][] {DENSE, {"sigmoid", "loss binary_cross_entropy", "optimizer adadelta",
            "clip value 0.5", "regularize l1 1e-4"}});
        CASES.put("Mse", new String[][] {DENSE, {"identity", "loss mse", "optimizer nesterov lr=0.01"}});
        CASES.put("Conv", new String[][] {{"input 8x8x2", "conv2d 4 kernel=3 padding=same", "batchnorm stats=population",
            "relu", "maxpool 2", "conv2d 6 kernel=3 stride=2 padding=1", "batchnorm", "tanh", "dropout 0.2",
            "avgpool 2", "flatten", "dense 5", "dense 4"}, tailLabels});
        CASES.put("GlobalPool", new String[][] {{"input 6x6x3", "conv2d 3 kernel=2x3", "elu", "globalavgpool",
            "dense 4"}, {"loss mse", "optimizer rmsprop"}});
        CASES.put("Recurrent", new String[][] {RECURRENT, {"loss mse", "optimizer adamw", "clip norm 2.0"}});
    }

    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        List<GeneratedSource> sources = new ArrayList<>();
        for (Precision p : Precision.values()) {
            for (Map.Entry<String, String[][]> c : CASES.entrySet()) {
                List<String> lines = new ArrayList<>(List.of(c.getValue()[0]));
                lines.addAll(List.of(c.getValue()[1]));
                sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body(c.getKey() + suffix(p), p,
                        lines.toArray(String[]::new))), GenerationOptions.spec()));
            }
        }
        loader = InMemoryCompiler.compile(sources);
    }

    private static String suffix(Precision p) {
        return p == Precision.DOUBLE ? "Double" : "Float";
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    @TestFactory
    List<DynamicTest> steadyStateAllocatesNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Precision p : Precision.values()) {
            for (String c : CASES.keySet()) {
                String name = c + suffix(p);
                tests.add(DynamicTest.dynamicTest(name, () -> check(name, p == Precision.DOUBLE)));
            }
        }
        return tests;
    }

    private static void check(String name, boolean dbl) {
        TrainableNetwork net = InMemoryCompiler.instantiate(loader, "t." + name, 32, 1);
        int in = net.inputSize();
        int out = net.outputSize();
        Rng rng = new Rng(3);
        double[] x = new double[32 * in];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
        int[] labels = new int[32];
        for (int i = 0; i < labels.length; i++) labels[i] = rng.nextInt(out);
        double[] targets = new double[32 * out];
        for (int i = 0; i < targets.length; i++) targets[i] = rng.nextDouble();
        boolean useLabels = net.lossName().equals("cross_entropy");
        int batchNorms = net.batchNormLayers();
        for (String t : net.masks().names()) {
            double[] m = new double[net.masks().read(t).length];
            for (int i = 0; i < m.length; i++) m[i] = i % 3 == 0 ? 0 : 1;
            net.masks().write(t, m);
        }
        net.applyMasks();
        Int8Network int8 = Int8Models.quantized(loader, "t." + name, net, dbl ? x : Golden.floats(x), 32, 32);
        Runnable work;
        if (dbl) {
            double[] o = new double[32 * out];
            work = () -> {
                for (int i = 0; i < 200; i++) {
                    if (useLabels) net.trainStep(x, labels, 32);
                    else net.trainStep(x, targets, 17);
                    net.forward(x, 32, o);
                    net.predict(x, in * (i % 32));
                    population(net, batchNorms, x, null);
                    int8.forward(x, 32, o);
                    int8.predict(x, in * (i % 32));
                }
            };
        } else {
            float[] xf = Golden.floats(x);
            float[] tf = Golden.floats(targets);
            float[] o = new float[32 * out];
            work = () -> {
                for (int i = 0; i < 200; i++) {
                    if (useLabels) net.trainStep(xf, labels, 32);
                    else net.trainStep(xf, tf, 17);
                    net.forward(xf, 32, o);
                    net.predict(xf, in * (i % 32));
                    population(net, batchNorms, null, xf);
                    int8.forward(xf, 32, o);
                    int8.predict(xf, in * (i % 32));
                }
            };
        }
        assertSteadyStateAllocationFree(name, work);
    }

    private static void population(TrainableNetwork net, int layers, double[] x, float[] xf) {
        for (int l = 0; l < layers; l++) {
            if (!net.batchNormPopulation(l)) continue;
            net.beginPopulationStatistics(l);
            if (x != null) net.accumulatePopulationStatistics(x, 32);
            else net.accumulatePopulationStatistics(xf, 32);
            net.endPopulationStatistics();
        }
    }

    /**
     * The reading itself can cost a few hundred bytes now and then (the JVM's own bookkeeping on this thread), so
     * both the empty reading and the work are measured three times and the least is compared: an allocation in
     * a step would show in every repetition, 200 times over.
     */
    private static void assertSteadyStateAllocationFree(String name, Runnable work) {
        // long enough for C2 to compile the kernels: with --add-modules jdk.incubator.vector, vector code
        // allocates its boxes until it is compiled
        for (int warm = 0; warm < 30; warm++) work.run();
        long calibration = Long.MAX_VALUE;
        long measured = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            calibration = Math.min(calibration, -allocated() + allocated());
            long before = allocated();
            work.run();
            measured = Math.min(measured, allocated() - before);
        }
        assertEquals(calibration, measured, name + ": bytes allocated by 200 steps after warm-up");
    }
}
