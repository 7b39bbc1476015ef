package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Precision;
import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.dsl.model.Layer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every parity case of {@code tools/golden}: the generated class, loaded with the reference initial parameters,
 * reproduces PyTorch's losses, step-0 gradients and output, every parameter after every step and the final
 * inference output — in double within 1e-9 relative, and the same spec in float within 1e-4 relative. Cases with
 * dropout carry the seed of castnet's generator (their masks are its draws); cases with {@code stats=population}
 * carry the whole-data-set statistics, computed before the inference output is checked.
 */
class GoldenParityTest {
    private static final double DOUBLE_TOL = 1e-9;
    private static final double FLOAT_TOL = 1e-4;

    private static ClassLoader loader;
    private static final List<String> NAMES = Golden.names();

    @BeforeAll
    static void compileAll() {
        List<GeneratedSource> sources = new ArrayList<>();
        for (String name : NAMES) {
            sources.addAll(CodeGenerator.generate(TestSpecs.model(network(name, Precision.DOUBLE)),
                    GenerationOptions.spec()));
            sources.addAll(CodeGenerator.generate(TestSpecs.model(network(name, Precision.FLOAT)),
                    GenerationOptions.spec()));
        }
        loader = InMemoryCompiler.compile(sources);
    }

    static Network network(String name, Precision precision) {
        JsonObject g = Golden.load(name);
        return TestSpecs.parse(name + ".nn", g.get("spec").getAsString(),
                precision == Precision.DOUBLE ? name + "Double" : name + "Float", precision);
    }

    @TestFactory
    List<DynamicTest> parity() {
        assertFalse(NAMES.isEmpty(), "no golden cases found in " + Golden.dir());
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : NAMES) {
            tests.add(DynamicTest.dynamicTest(name + " double", () -> check(name, Precision.DOUBLE, DOUBLE_TOL)));
            tests.add(DynamicTest.dynamicTest(name + " float", () -> check(name, Precision.FLOAT, FLOAT_TOL)));
        }
        return tests;
    }

    private static void check(String name, Precision precision, double tol) {
        JsonObject g = Golden.load(name);
        Network spec = network(name, precision);
        int batch = g.get("batch").getAsInt();
        String qualified = (spec.packageName().isEmpty() ? "" : spec.packageName() + ".") + spec.className();
        int samples = Golden.doubles(g.getAsJsonObject("inference").get("output")).length / g.get("output").getAsInt();
        TrainableNetwork net = InMemoryCompiler.instantiate(loader, qualified, Math.max(batch, samples), 1);
        assertEquals(precision == Precision.DOUBLE, net.doublePrecision());

        Parameters params = net.parameters();
        JsonObject shapes = g.getAsJsonObject("shapes");
        assertEquals(Golden.keys(shapes), params.names(), "parameter names");
        for (String t : params.names()) {
            assertArrayEquals(Golden.ints(shapes.get(t)), params.shape(t), "shape of " + t);
        }
        JsonObject initial = g.getAsJsonObject("initial");
        for (String t : params.names()) params.write(t, Golden.doubles(initial.get(t)));
        // dropout masks: the case's own draws from castnet's generator, seeded after the parameters are loaded
        if (g.has("seed")) net.random().reseed(g.get("seed").getAsLong());

        boolean labels = spec.loss() == LossKind.CROSS_ENTROPY;
        Set<String> noiseDriven = biasesBeforeBatchNorm(spec);
        var batches = g.getAsJsonArray("batches");
        var steps = g.getAsJsonArray("steps");
        for (int k = 0; k < batches.size(); k++) {
            JsonObject b = batches.get(k).getAsJsonObject();
            JsonObject s = steps.get(k).getAsJsonObject();
            double[] x = Golden.doubles(b.get("x"));
            double loss;
            if (precision == Precision.DOUBLE) {
                loss = labels ? net.trainStep(x, Golden.ints(b.get("labels")), batch)
                        : net.trainStep(x, Golden.doubles(b.get("targets")), batch);
            } else {
                loss = labels ? net.trainStep(Golden.floats(x), Golden.ints(b.get("labels")), batch)
                        : net.trainStep(Golden.floats(x), Golden.floats(Golden.doubles(b.get("targets"))), batch);
            }
            String at = name + " " + precision + " step " + k + ": ";
            close(s.get("loss").getAsDouble(), loss, tol, at + "loss");
            if (s.has("output")) {
                close(Golden.doubles(s.get("output")), InMemoryCompiler.outputs(net, batch), tol, at + "output");
            }
            if (s.has("grads")) {
                JsonObject grads = s.getAsJsonObject("grads");
                assertEquals(Golden.keys(grads), net.gradients().names(), at + "gradient names");
                for (String t : Golden.keys(grads)) {
                    close(Golden.doubles(grads.get(t)), net.gradients().read(t), tol, at + "gradient of " + t);
                }
            }
            JsonObject after = s.getAsJsonObject("params");
            for (String t : Golden.keys(after)) {
                if (noiseDriven.contains(t)) {
                    // the exact gradient is 0: adaptive optimizers divide its round-off by (sqrt(v) + eps), so each
                    // implementation moves it by up to lr per step in float, each its own way; in double by far less,
                    // but not by nothing: a conv bias's gradient sums the round-off of batch x H x W positions (up to
                    // about 1e-13; over eps = 1e-8 that moves Adam's step by lr x 1e-5), and which way it falls differs
                    // between JDKs (JDK 25 differs from 17 in ConvBatchNormPopulation)
                    double bound = 2 * (k + 1) * spec.optimizer().lr() * (precision == Precision.DOUBLE ? 1e-5 : 1);
                    within(Golden.doubles(after.get(t)), params.read(t), bound, at + t);
                } else {
                    close(Golden.doubles(after.get(t)), params.read(t), tol, at + t);
                }
            }
        }
        assertEquals(steps.size(), net.optimizerStep());
        // what round-off moved (see above) is set to PyTorch's values, so the statistics and the output that
        // depend on it are compared exactly
        JsonObject last = steps.get(steps.size() - 1).getAsJsonObject().getAsJsonObject("params");
        for (String t : noiseDriven) params.write(t, Golden.doubles(last.get(t)));
        if (g.has("population")) population(g.getAsJsonObject("population"), net, batch, precision, tol, name);
        JsonObject inf = g.getAsJsonObject("inference");
        double[] x = Golden.doubles(inf.get("x"));
        double[] expected = Golden.doubles(inf.get("output"));
        int n = expected.length / net.outputSize();
        double[] out = new double[expected.length];
        if (precision == Precision.DOUBLE) {
            net.forward(x, n, out);
        } else {
            float[] f = new float[expected.length];
            net.forward(Golden.floats(x), n, f);
            for (int i = 0; i < f.length; i++) out[i] = f[i];
        }
        close(expected, out, tol, name + " " + precision + " inference output");
    }

    /**
     * {@code stats=population}, as the trainer computes it: layer by layer, the whole training set once in
     * inference mode, in chunks that do not line up with the training batches (the last one partial); the stored
     * statistics must equal PyTorch's exact mean and unbiased variance. Running-statistics layers keep theirs.
     */
    private static void population(JsonObject p, TrainableNetwork net, int batch, Precision precision, double tol,
            String name) {
        double[] x = Golden.doubles(p.get("x"));
        int in = net.inputSize();
        int rows = x.length / in;
        int chunk = Math.max(1, batch - 1);
        JsonObject expected = p.getAsJsonObject("params");
        List<String> computed = new ArrayList<>();
        for (int layer = 0; layer < net.batchNormLayers(); layer++) {
            if (!net.batchNormPopulation(layer)) continue;
            net.beginPopulationStatistics(layer);
            for (int r = 0; r < rows; r += chunk) {
                int n = Math.min(chunk, rows - r);
                double[] part = java.util.Arrays.copyOfRange(x, r * in, (r + n) * in);
                if (precision == Precision.DOUBLE) {
                    net.accumulatePopulationStatistics(part, n);
                } else {
                    net.accumulatePopulationStatistics(Golden.floats(part), n);
                }
            }
            net.endPopulationStatistics();
            computed.add("batchnorm" + layer + ".running_mean");
            computed.add("batchnorm" + layer + ".running_var");
        }
        assertEquals(Golden.keys(expected), computed, name + ": batchnorm layers with population statistics");
        for (String t : computed) {
            close(Golden.doubles(expected.get(t)), net.parameters().read(t), tol,
                    name + " " + precision + " population " + t);
        }
    }

    /**
     * Biases of dense and conv2d layers that feed a batchnorm: batchnorm subtracts the batch mean, so their exact
     * gradient is 0 and what an optimizer does with them is round-off (visible under Adam, whose step is g / (|g| + eps)),
     * which the batchnorm's running mean inherits; nothing downstream depends on them.
     */
    static Set<String> biasesBeforeBatchNorm(Network spec) {
        Set<String> names = new HashSet<>();
        List<Layer> layers = spec.layers();
        for (int i = 0; i + 1 < layers.size(); i++) {
            Layer l = layers.get(i);
            boolean bias = l instanceof Layer.Dense d && d.bias() || l instanceof Layer.Conv2d c && c.bias();
            if (bias && layers.get(i + 1) instanceof Layer.BatchNorm b) {
                names.add(l.name() + ".bias");
                names.add(b.name() + ".running_mean"); // tracks the mean of its input, bias included
            }
        }
        return names;
    }

    static void within(double[] expected, double[] actual, double bound, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertTrue(Math.abs(expected[i] - actual[i]) <= bound, () -> what + "[" + at + "]: expected "
                    + expected[at] + ", got " + actual[at] + " (allowed difference " + bound + ")");
        }
    }

    static void close(double expected, double actual, double tol, String what) {
        double bound = tol * Math.max(Math.abs(expected), 1e-3);
        assertTrue(Math.abs(expected - actual) <= bound,
                () -> what + ": expected " + expected + ", got " + actual + " (difference "
                        + Math.abs(expected - actual) + ", allowed " + bound + ")");
    }

    static void close(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) close(expected[i], actual[i], tol, what + "[" + i + "]");
    }
}
