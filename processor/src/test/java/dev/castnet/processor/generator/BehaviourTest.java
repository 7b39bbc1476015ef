package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.Precision;
import dev.castnet.runtime.DenseLayer;
import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the generated classes do, checked against the textbook's claims and SPEC §2–4. */
class BehaviourTest {
    private static ClassLoader loader;

    private static final String[] INITS = {
        "zeros", "constant(0.5)", "gaussian(mean=0.5, std=2)", "uniform(-0.3, 0.1)", "xavier_uniform(gain=2)",
        "xavier_normal", "he_uniform", "he_normal", "lecun_normal"
    };

    @BeforeAll
    static void compile() {
        List<GeneratedSource> sources = new ArrayList<>();
        LinkedHashMap<String, String> views = new LinkedHashMap<>();
        views.put("first", "dense0");
        GenerationOptions withView = new GenerationOptions(null, views, "test");
        for (String mode : List.of("inverted", "scale_at_test")) {
            String name = mode.equals("inverted") ? "DropoutInverted" : "DropoutScaleAtTest";
            Network n = TestSpecs.body(name, Precision.DOUBLE, "input 200", "dense 200 init=zeros",
                    "dropout 0.3 mode=" + mode, "dense 2", "softmax", "loss cross_entropy", "optimizer sgd lr=0.1");
            sources.addAll(CodeGenerator.generate(TestSpecs.model(n), withView));
        }
        List<String> inits = new ArrayList<>(List.of("input 400"));
        for (String init : INITS) inits.add("dense 400 init=" + init);
        inits.add("dense 300");
        inits.add("sigmoid");
        inits.add("dense 200");
        inits.add("tanh");
        inits.addAll(List.of("dense 2", "loss mse", "optimizer sgd lr=0.1"));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("Inits", null,
                inits.toArray(String[]::new))), GenerationOptions.spec()));
        for (String init : List.of("zeros", "constant(0.1)")) {
            String name = init.equals("zeros") ? "SymmetricZeros" : "SymmetricConstant";
            sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body(name, Precision.DOUBLE, "input 4",
                    "dense 6 init=" + init, "tanh", "dense 5 init=" + init, "sigmoid", "dense 3 init=" + init,
                    "softmax", "loss cross_entropy", "optimizer momentum lr=0.5")), GenerationOptions.spec()));
        }
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("Population", Precision.DOUBLE,
                "input 3", "dense 4", "batchnorm stats=population", "relu", "dense 4", "batchnorm", "dense 2",
                "softmax", "loss cross_entropy", "optimizer adam lr=0.01", "clip value 0.5", "regularize l1 1e-3")),
                withView));
        LinkedHashMap<String, String> everyLayer = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) everyLayer.put("layer" + i, "dense" + i);
        for (String init : List.of("xavier_normal", "gaussian(mean=0, std=0.01)")) {
            List<String> deep = new ArrayList<>(List.of("input 256"));
            for (int i = 0; i < 8; i++) deep.add("dense 256 init=" + init);
            deep.addAll(List.of("loss mse", "optimizer sgd lr=0.1"));
            String name = init.startsWith("xavier") ? "DeepXavier" : "DeepSmallGaussian";
            sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body(name, Precision.DOUBLE,
                    deep.toArray(String[]::new))), new GenerationOptions(null, everyLayer, "test")));
        }
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("Resume", null, "input 6", "dense 8",
                "batchnorm", "relu", "dropout 0.3", "dense 3", "softmax", "loss cross_entropy",
                "optimizer adam lr=0.01")), GenerationOptions.spec()));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("BatchNormOnly", Precision.DOUBLE,
                "input 3", "dense 6", "batchnorm", "dense 2", "loss mse", "optimizer sgd lr=0.1")), withView));
        sources.addAll(CodeGenerator.generate(TestSpecs.models("Mlp.nn", String.join("\n",
                "package t;",
                "network Mlp {",
                "    param hidden = 8",
                "    param depth = 2",
                "    input 5",
                "    repeat depth { dense hidden; relu }",
                "    dense 3",
                "    softmax",
                "    loss cross_entropy",
                "    optimizer sgd lr=0.1",
                "    search grid { hidden choice(4, 8); depth choice(1, 2) }",
                "}")).get(0), GenerationOptions.spec()));
        loader = InMemoryCompiler.compile(sources);
    }

    private static TrainableNetwork create(String name, int maxBatch, long seed) {
        return InMemoryCompiler.instantiate(loader, "t." + name, maxBatch, seed);
    }

    private static DenseLayer view(TrainableNetwork net, String method) {
        try {
            return (DenseLayer) net.getClass().getMethod(method).invoke(net);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** dense0 := identity, so the first block's output is the dropout of the input. */
    private static void identityFirstLayer(TrainableNetwork net) {
        double[] w = new double[200 * 200];
        for (int i = 0; i < 200; i++) w[i * 200 + i] = 1;
        net.parameters().write("dense0.weight", w);
    }

    @Test
    void invertedDropoutScalesKeptUnitsInTrainingAndIsTheIdentityAtInference() {
        TrainableNetwork net = create("DropoutInverted", 10, 3);
        identityFirstLayer(net);
        net.setLearningRate(0);
        double[] x = new double[10 * 200];
        java.util.Arrays.fill(x, 1);
        int[] labels = new int[10];
        net.trainStep(x, labels, 10);
        double[] a = view(net, "first").activations(10);
        int kept = 0;
        for (double v : a) {
            if (v != 0) {
                kept++;
                assertEquals(1 / 0.7, v, 1e-12, "kept units are scaled by 1/(1-p)");
            }
        }
        // 2000 draws: the keep rate's standard deviation is about 0.01
        assertEquals(0.7, kept / 2000.0, 0.05);

        net.setDropout(0, 0.5);
        assertEquals(0.5, net.dropout(0));
        net.trainStep(x, labels, 10);
        kept = 0;
        for (double v : view(net, "first").activations(10)) {
            if (v != 0) {
                kept++;
                assertEquals(2, v, 1e-12);
            }
        }
        assertEquals(0.5, kept / 2000.0, 0.05, "setDropout takes effect without new code");

        net.forward(x, 10, new double[20]);
        for (double v : view(net, "first").activations(10)) assertEquals(1, v, 0, "identity at inference");
    }

    @Test
    void scaleAtTestDropoutKeepsUnitsUnscaledAndScalesAtInference() {
        TrainableNetwork net = create("DropoutScaleAtTest", 10, 3);
        identityFirstLayer(net);
        net.setLearningRate(0);
        double[] x = new double[10 * 200];
        java.util.Arrays.fill(x, 1);
        net.trainStep(x, new int[10], 10);
        int kept = 0;
        for (double v : view(net, "first").activations(10)) {
            if (v != 0) {
                kept++;
                assertEquals(1, v, 0, "no scaling in training");
            }
        }
        assertEquals(0.7, kept / 2000.0, 0.05);
        net.forward(x, 10, new double[20]);
        for (double v : view(net, "first").activations(10)) assertEquals(0.7, v, 1e-12, "x (1-p) at inference");
    }

    @Test
    void dropoutMasksAreReproducibleFromTheSeed() {
        double[] x = new double[4 * 200];
        java.util.Arrays.fill(x, 1);
        double[][] runs = new double[3][];
        long[] seeds = {8, 8, 9};
        for (int r = 0; r < 3; r++) {
            TrainableNetwork net = create("DropoutInverted", 4, seeds[r]);
            identityFirstLayer(net);
            net.trainStep(x, new int[4], 4);
            runs[r] = view(net, "first").activations(4);
        }
        assertArrayEquals(runs[0], runs[1]);
        assertFalse(java.util.Arrays.equals(runs[0], runs[2]));
    }

    @Test
    void initializersHaveTheirMeanAndVariance() {
        TrainableNetwork net = create("Inits", 1, 12345);
        Parameters p = net.parameters();
        int n = 400;
        double[][] expected = { // mean, variance
            {0, 0}, {0.5, 0}, {0.5, 4}, {-0.1, 0.4 * 0.4 / 12}, {0, 4 * 2.0 / (n + n)}, {0, 2.0 / (n + n)},
            {0, 2.0 / n}, {0, 2.0 / n}, {0, 1.0 / n},
            // dense 300 before sigmoid: Xavier with gain 4; dense 200 before tanh: gain 1
            {0, 16 * 2.0 / (n + 300)}, {0, 2.0 / (300 + 200)}
        };
        for (int layer = 0; layer < expected.length; layer++) {
            double[] w = p.read("dense" + layer + ".weight");
            double mean = 0;
            for (double v : w) mean += v;
            mean /= w.length;
            double var = 0;
            for (double v : w) var += (v - mean) * (v - mean);
            var /= w.length;
            String what = "dense" + layer + " (" + (layer < INITS.length ? INITS[layer] : "default") + ")";
            double sd = Math.sqrt(expected[layer][1]);
            // the sample mean's standard error is sd / sqrt(N); the sample variance's is about var·sqrt(2/N)
            assertEquals(expected[layer][0], mean, 5 * sd / Math.sqrt(w.length) + 1e-7, what + " mean");
            assertEquals(expected[layer][1], var, 5 * expected[layer][1] * Math.sqrt(2.0 / w.length) + 1e-9,
                    what + " variance");
            for (double b : p.read("dense" + layer + ".bias")) assertEquals(0, b, 0, what + " bias starts at 0");
        }
    }

    @Test
    void aBatchGivesWhatItsSamplesGiveOneByOne() {
        // 150 rows span several row blocks of the fused dense + activation kernels
        TrainableNetwork net = create("Inits", 150, 5);
        Rng rng = new Rng(1);
        float[] x = new float[150 * 400];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        float[] all = new float[150 * 2];
        net.forward(x, 150, all);
        float[] one = new float[2];
        for (int b = 0; b < 150; b++) {
            net.forward(java.util.Arrays.copyOfRange(x, b * 400, (b + 1) * 400), 1, one);
            for (int j = 0; j < 2; j++) {
                assertEquals(one[j], all[b * 2 + j], 1e-5 * Math.max(1, Math.abs(one[j])), "sample " + b);
            }
        }
    }

    @Test
    void batchNormOutputHasMeanZeroAndVarianceOnePerFeatureInTraining() {
        TrainableNetwork net = create("BatchNormOnly", 50, 2);
        Rng rng = new Rng(4);
        double[] x = new double[50 * 3];
        for (int i = 0; i < x.length; i++) x[i] = 5 + 3 * rng.nextGaussian();
        net.trainStep(x, new double[100], 50);
        double[] y = view(net, "first").activations(50);
        for (int j = 0; j < 6; j++) {
            double mean = 0;
            for (int b = 0; b < 50; b++) mean += y[b * 6 + j] / 50;
            double var = 0;
            for (int b = 0; b < 50; b++) var += Math.pow(y[b * 6 + j] - mean, 2) / 50;
            assertEquals(0, mean, 1e-12, "feature " + j);
            assertEquals(1, var, 1e-3, "feature " + j + " (eps = 1e-5 keeps it just below 1)");
        }
    }

    @Test
    void xavierKeepsActivationVarianceSteadyAcrossDepth() {
        double[] xavier = layerVariances("DeepXavier");
        double[] small = layerVariances("DeepSmallGaussian");
        for (int i = 0; i < 8; i++) {
            assertTrue(xavier[i] > 0.6 && xavier[i] < 1.6, "Xavier layer " + i + " variance " + xavier[i]);
        }
        // N(0, 0.01²) multiplies the variance by 256·1e-4 per layer: it vanishes with depth
        assertTrue(small[7] < 1e-10, "small Gaussian layer 7 variance " + small[7]);
    }

    private static double[] layerVariances(String name) {
        TrainableNetwork net = create(name, 64, 21);
        Rng rng = new Rng(8);
        double[] x = new double[64 * 256];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
        net.forward(x, 64, new double[64 * 256]);
        double[] variances = new double[8];
        for (int i = 0; i < 8; i++) {
            double[] a = view(net, "layer" + i).activations(64);
            double mean = 0;
            for (double v : a) mean += v / a.length;
            for (double v : a) variances[i] += (v - mean) * (v - mean) / a.length;
        }
        return variances;
    }

    @Test
    void resetRedrawsTheSameParametersForTheSameSeed() {
        TrainableNetwork a = create("SymmetricConstant", 4, 1);
        TrainableNetwork net = create("Inits", 1, 77);
        double[] before = net.parameters().read("dense6.weight");
        net.reset(78);
        assertFalse(java.util.Arrays.equals(before, net.parameters().read("dense6.weight")));
        net.reset(77);
        assertArrayEquals(before, net.parameters().read("dense6.weight"));
        assertEquals(0, a.optimizerStep());
    }

    @Test
    void constantInitializationKeepsHiddenUnitsEqual() {
        for (String name : List.of("SymmetricZeros", "SymmetricConstant")) {
            TrainableNetwork net = create(name, 8, 1);
            Rng data = new Rng(2);
            double[] x = new double[8 * 4];
            int[] labels = new int[8];
            for (int step = 0; step < 25; step++) {
                for (int i = 0; i < x.length; i++) x[i] = data.nextGaussian();
                for (int b = 0; b < 8; b++) labels[b] = data.nextInt(3);
                net.trainStep(x, labels, 8);
            }
            Parameters p = net.parameters();
            for (String layer : List.of("dense0", "dense1")) {
                int[] shape = p.shape(layer + ".weight");
                double[] w = p.read(layer + ".weight");
                double[] b = p.read(layer + ".bias");
                for (int k = 0; k < shape[0]; k++) {
                    for (int j = 1; j < shape[1]; j++) {
                        assertEquals(w[k * shape[1]], w[k * shape[1] + j], 1e-12,
                                name + ": every unit of " + layer + " has the same incoming weights");
                    }
                }
                for (int j = 1; j < b.length; j++) assertEquals(b[0], b[j], 1e-12, name + " " + layer + " bias");
            }
            // the output layer did learn (its units see different labels), so the test is not vacuous
            double[] out = p.read("dense2.bias");
            assertNotEquals(out[0], out[1]);
        }
    }

    @Test
    void populationStatisticsAreTheExactMeanAndUnbiasedVarianceOfTheLayerInput() {
        TrainableNetwork net = create("Population", 16, 4);
        assertEquals(2, net.batchNormLayers());
        assertTrue(net.batchNormPopulation(0));
        assertFalse(net.batchNormPopulation(1));
        Rng data = new Rng(6);
        int samples = 37;
        double[] all = new double[samples * 3];
        for (int i = 0; i < all.length; i++) all[i] = 2 + 3 * data.nextGaussian();
        for (int step = 0; step < 5; step++) {
            double[] x = new double[16 * 3];
            int[] labels = new int[16];
            for (int i = 0; i < x.length; i++) x[i] = data.nextGaussian();
            for (int b = 0; b < 16; b++) labels[b] = data.nextInt(2);
            net.trainStep(x, labels, 16);
        }
        net.beginPopulationStatistics(0);
        for (int start = 0; start < samples; start += 16) {
            int batch = Math.min(16, samples - start);
            double[] chunk = java.util.Arrays.copyOfRange(all, start * 3, (start + batch) * 3);
            net.accumulatePopulationStatistics(chunk, batch);
        }
        net.endPopulationStatistics();
        // batchnorm0's input is dense0's output: recompute it directly
        double[] w = net.parameters().read("dense0.weight");
        double[] bias = net.parameters().read("dense0.bias");
        double[] mean = new double[4];
        double[] values = new double[samples * 4];
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < 4; j++) {
                double v = bias[j];
                for (int k = 0; k < 3; k++) v += all[s * 3 + k] * w[k * 4 + j];
                values[s * 4 + j] = v;
                mean[j] += v / samples;
            }
        }
        double[] var = new double[4];
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < 4; j++) var[j] += Math.pow(values[s * 4 + j] - mean[j], 2) / (samples - 1);
        }
        assertArrayEquals(mean, net.parameters().read("batchnorm0.running_mean"), 1e-12);
        assertArrayEquals(var, net.parameters().read("batchnorm0.running_var"), 1e-12);
        assertThrows(IllegalStateException.class, () -> net.accumulatePopulationStatistics(all, 1));
        assertThrows(IllegalArgumentException.class, () -> net.beginPopulationStatistics(2));
    }

    @Test
    void exchangedStateResumesTrainingExactly() {
        TrainableNetwork a = create("Resume", 8, 31);
        Rng data = new Rng(12);
        float[][] xs = new float[10][8 * 6];
        int[][] labels = new int[10][8];
        for (int s = 0; s < 10; s++) {
            for (int i = 0; i < xs[s].length; i++) xs[s][i] = (float) data.nextGaussian();
            for (int b = 0; b < 8; b++) labels[s][b] = data.nextInt(3);
        }
        for (int s = 0; s < 5; s++) a.trainStep(xs[s], labels[s], 8);
        // what a checkpoint holds: parameters, optimizer state and step, the generator's state
        TrainableNetwork b = create("Resume", 8, 999);
        assertEquals(12, a.optimizerState().names().size(), "m and v of six trainable tensors");
        for (String t : a.parameters().names()) b.parameters().write(t, a.parameters().read(t));
        for (String t : a.optimizerState().names()) b.optimizerState().write(t, a.optimizerState().read(t));
        b.setOptimizerStep(a.optimizerStep());
        b.random().restore(a.random().state());
        for (int s = 5; s < 10; s++) {
            assertEquals(a.trainStep(xs[s], labels[s], 8), b.trainStep(xs[s], labels[s], 8), 0, "step " + s);
        }
        for (String t : a.parameters().names()) assertArrayEquals(a.parameters().read(t), b.parameters().read(t), t);
    }

    @Test
    void hyperparametersAreLiveAndUnknownNamesAreRefused() {
        TrainableNetwork net = create("Population", 4, 1);
        assertEquals(0.01, net.learningRate());
        net.setLearningRate(0.5);
        assertEquals(0.5, net.hyperparameter("lr"));
        for (String h : List.of("beta1", "beta2", "eps", "l1", "l2", "clip")) {
            net.setHyperparameter(h, 0.25);
            assertEquals(0.25, net.hyperparameter(h), h);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.setHyperparameter("rho", 0.9));
        assertTrue(e.getMessage().contains("rho") && e.getMessage().contains("beta1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.setHyperparameter("lr", -1));
        assertThrows(IllegalArgumentException.class, () -> net.setHyperparameter("beta2", 1));
        IllegalArgumentException shortX = assertThrows(IllegalArgumentException.class,
                () -> net.trainStep(new double[11], new int[4], 4));
        assertEquals("x holds 11 values, the batch needs 12", shortX.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.trainStep(new double[12], new int[3], 4));
        assertThrows(IllegalArgumentException.class, () -> net.forward(new double[12], 4, new double[7]));
        assertThrows(IllegalArgumentException.class, () -> net.predict(new double[12], 10));
        assertThrows(IllegalArgumentException.class, () -> net.setDropout(0, 0.5), "no dropout layers");
        assertEquals(0, net.dropoutLayers());
        assertThrows(IllegalArgumentException.class, () -> net.trainStep(new double[12], new int[] {0, 1, 2, 0}, 4),
                "label 2 of a two-class network");
        assertThrows(IllegalArgumentException.class, () -> net.trainStep(new double[15], new int[5], 5),
                "batch above maxBatch");
        assertThrows(UnsupportedOperationException.class, () -> net.trainStep(new float[12], new int[4], 4),
                "float arrays for a double network");
        assertEquals(List.of("dense0.weight.m", "dense0.weight.v"), net.optimizerState().names().subList(0, 2));
    }

    @Test
    void layerViewShowsTheLiveLayer() {
        TrainableNetwork net = create("Population", 4, 1);
        DenseLayer first = view(net, "first");
        assertEquals("dense0", first.name());
        assertEquals(3, first.inputs());
        assertEquals(4, first.units());
        assertArrayEquals(net.parameters().read("dense0.weight"), first.weights());
        net.trainStep(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new int[] {0, 1, 0, 1}, 4);
        assertArrayEquals(net.gradients().read("dense0.weight"), first.weightGradients());
        double[] a = first.activations(4);
        assertEquals(16, a.length);
        for (double v : a) assertTrue(v >= 0, "dense → batchnorm → relu block output");
    }

    @Test
    void annotatedInterfaceIsImplementedWithLiveLayerViews() throws ReflectiveOperationException {
        GeneratedSource iface = new GeneratedSource("t.Fashion", String.join("\n",
                "package t;",
                "public interface Fashion {",
                "    dev.castnet.runtime.DenseLayer hidden();",
                "    dev.castnet.runtime.DenseLayer output();",
                "}"));
        Network n = TestSpecs.body("FashionNet", null, "input 6", "dense 5", "batchnorm", "relu", "dropout 0.5",
                "dense 3", "softmax", "loss cross_entropy", "optimizer sgd lr=0.1");
        LinkedHashMap<String, String> views = new LinkedHashMap<>();
        views.put("hidden", "dense0");
        views.put("output", "dense1");
        List<GeneratedSource> sources = new ArrayList<>(List.of(iface));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(n), new GenerationOptions("t.Fashion", views, "x.Y")));
        assertTrue(sources.get(1).source().contains("@Generated(\"x.Y\")"));
        ClassLoader cl = InMemoryCompiler.compile(sources);
        TrainableNetwork net = InMemoryCompiler.instantiate(cl, "t.FashionNet", 4, 1);
        Class<?> type = cl.loadClass("t.Fashion");
        assertTrue(type.isInstance(net));
        DenseLayer output = (DenseLayer) type.getMethod("output").invoke(net);
        assertEquals("dense1", output.name());
        assertEquals(5, output.inputs());
        net.trainStep(new float[24], new int[] {0, 1, 2, 0}, 4);
        double[] probabilities = output.activations(4);
        assertEquals(1, probabilities[0] + probabilities[1] + probabilities[2], 1e-6, "block ends with softmax");
    }

    @Test
    void structuralVariantsGetOneClassEachAndAFactory() throws ReflectiveOperationException {
        NetworkModel model = TestSpecs.models("Mlp.nn", String.join("\n", "package t;", "network Mlp {",
                "param hidden = 8", "param depth = 2", "input 5", "repeat depth { dense hidden; relu }", "dense 3",
                "softmax", "loss cross_entropy", "optimizer sgd lr=0.1",
                "search grid { hidden choice(4, 8); depth choice(1, 2) }", "}")).get(0);
        List<GeneratedSource> sources = CodeGenerator.generate(model, GenerationOptions.spec());
        assertEquals(9, sources.size(), "four variants, their int8 classes and the factory");
        assertEquals("t.MlpHidden4Depth1Int8", sources.get(3).qualifiedName());
        assertEquals("t.MlpVariants", sources.get(8).qualifiedName());
        Class<?> factory = loader.loadClass("t.MlpVariants");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> variants = (List<Map<String, String>>) factory.getMethod("variants").invoke(null);
        assertEquals(4, variants.size());
        for (Map<String, String> bindings : variants) {
            TrainableNetwork net = (TrainableNetwork) factory.getMethod("create", Map.class, int.class, long.class)
                    .invoke(null, bindings, 2, 1L);
            int depth = Integer.parseInt(bindings.get("depth"));
            int hidden = Integer.parseInt(bindings.get("hidden"));
            assertEquals(depth + 1, net.parameters().names().size() / 2, bindings.toString());
            assertArrayEquals(new int[] {5, hidden}, net.parameters().shape("dense0.weight"));
        }
        var e = assertThrows(java.lang.reflect.InvocationTargetException.class, () -> factory
                .getMethod("create", Map.class, int.class, long.class).invoke(null, Map.of("hidden", "3"), 2, 1L));
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }
}
