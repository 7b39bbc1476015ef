package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.castnet.dsl.model.Precision;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** After warm-up, training steps, forward passes and predictions allocate nothing (SPEC §4). */
class AllocationTest {
    private static final String[] BODY = {
        "input 12", "dense 16", "batchnorm", "relu", "dropout 0.2", "dense 10", "tanh", "dropout 0.1 mode=scale_at_test",
        "dense 8", "batchnorm stats=population", "elu", "dense 6", "leaky_relu", "dense 4"
    };
    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        List<GeneratedSource> sources = new ArrayList<>();
        for (Precision p : Precision.values()) {
            String suffix = p == Precision.DOUBLE ? "Double" : "Float";
            sources.addAll(generate("Labels" + suffix, p, "softmax", "loss cross_entropy",
                    "optimizer adam lr=0.01", "clip norm 1.0", "regularize l2 1e-4"));
            sources.addAll(generate("Bce" + suffix, p, "sigmoid", "loss binary_cross_entropy",
                    "optimizer adadelta", "clip value 0.5", "regularize l1 1e-4"));
            sources.addAll(generate("Mse" + suffix, p, "identity", "loss mse", "optimizer nesterov lr=0.01"));
        }
        loader = InMemoryCompiler.compile(sources);
    }

    private static List<GeneratedSource> generate(String name, Precision p, String... tail) {
        List<String> lines = new ArrayList<>(List.of(BODY));
        lines.addAll(List.of(tail));
        return CodeGenerator.generate(TestSpecs.model(TestSpecs.body(name, p, lines.toArray(String[]::new))),
                GenerationOptions.spec());
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    @Test
    void floatNetworksAllocateNothingInSteadyState() {
        for (String name : List.of("LabelsFloat", "BceFloat", "MseFloat")) {
            TrainableNetwork net = InMemoryCompiler.instantiate(loader, "t." + name, 32, 1);
            Rng rng = new Rng(3);
            float[] x = new float[32 * 12];
            for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
            int[] labels = new int[32];
            float[] targets = new float[32 * 4];
            for (int i = 0; i < targets.length; i++) targets[i] = rng.nextFloat();
            float[] out = new float[32 * 4];
            boolean useLabels = name.startsWith("Labels");
            Runnable work = () -> {
                for (int i = 0; i < 200; i++) {
                    if (useLabels) net.trainStep(x, labels, 32);
                    else net.trainStep(x, targets, 17);
                    net.forward(x, 32, out);
                    net.predict(x, 12 * (i % 32));
                }
            };
            assertSteadyStateAllocationFree(name, work);
        }
    }

    @Test
    void doubleNetworksAllocateNothingInSteadyState() {
        for (String name : List.of("LabelsDouble", "BceDouble", "MseDouble")) {
            TrainableNetwork net = InMemoryCompiler.instantiate(loader, "t." + name, 32, 1);
            Rng rng = new Rng(3);
            double[] x = new double[32 * 12];
            for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
            int[] labels = new int[32];
            double[] targets = new double[32 * 4];
            for (int i = 0; i < targets.length; i++) targets[i] = rng.nextDouble();
            double[] out = new double[32 * 4];
            boolean useLabels = name.startsWith("Labels");
            Runnable work = () -> {
                for (int i = 0; i < 200; i++) {
                    if (useLabels) net.trainStep(x, labels, 32);
                    else net.trainStep(x, targets, 17);
                    net.forward(x, 32, out);
                    net.predict(x, 12 * (i % 32));
                    net.beginPopulationStatistics(1);
                    net.accumulatePopulationStatistics(x, 32);
                    net.endPopulationStatistics();
                }
            };
            assertSteadyStateAllocationFree(name, work);
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
