package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.Int8Network;
import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.checkpoint.CheckpointException;
import dev.castnet.runtime.checkpoint.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The int8 class against the float network it was quantized from (SPEC §6).
 *
 * <p>The error bound, per layer with weights, for one sample: let v be the exact (real) input of the layer and
 * E_i a bound on how far the int8 network's input x'_i is from v_i. Quantizing x' with scale s gives
 * x̂'_i = s·q_i with |x̂'_i − x'_i| ≤ s/2 while |x'_i| ≤ 127·s (beyond that it saturates, adding |x'_i| − 127·s),
 * so |x̂'_i − v_i| ≤ D_i = E_i + s/2 + max(0, |v_i| + E_i − 127·s). The weight, folded with batchnorm, is
 * ŵ_ij = s_j·r_ij with |ŵ_ij − w_ij| ≤ s_j/2 (per output channel). The int32 sum is exact, so
 * <pre>
 *   |ŷ_j − y_j| = |Σ_i x̂'_i ŵ_ij − v_i w_ij| ≤ Σ_i D_i·|ŵ_ij| + (s_j/2)·Σ_i |v_i|
 * </pre>
 * plus the rounding of the real arithmetic around it (float: a few ulps of |y|). An activation with Lipschitz
 * constant L carries the bound times L (relu, tanh 1, sigmoid 1/4); softmax moves each output by at most half the
 * largest input change (its Jacobian's rows sum to 2·p_k·(1 − p_k) ≤ 1/2 in absolute value). The test computes
 * this bound sample by sample from the int8 model's own scales and checks every output of the int8 class is
 * within it of the float network's exact output.
 */
class Int8Test {
    private static final String[] MLP = {"input 12", "dense 16", "batchnorm", "relu", "dense 10", "tanh", "dense 8",
        "sigmoid", "dense 5", "softmax", "loss cross_entropy", "optimizer adam lr=0.01"};
    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        List<GeneratedSource> sources = new ArrayList<>();
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("Mlp", null, MLP)), GenerationOptions.spec()));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("Affine", null, "input 12", "dense 6",
                "batchnorm", "loss mse", "optimizer adam lr=0.01")), GenerationOptions.spec()));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("Two", null, "input 12", "dense 16",
                "batchnorm", "relu", "dense 4", "tanh", "loss mse", "optimizer adam lr=0.01")), GenerationOptions.spec()));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("Other", null, "input 12", "dense 5",
                "softmax", "loss cross_entropy", "optimizer sgd")), GenerationOptions.spec()));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("Conv", null, "input 8x8x2",
                "conv2d 4 kernel=3 padding=same", "batchnorm", "relu", "maxpool 2", "conv2d 6 kernel=3", "tanh",
                "flatten", "dense 4", "softmax", "loss cross_entropy", "optimizer adam")), GenerationOptions.spec()));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("Rec", null, "input 5x3",
                "lstm 6 return=sequence", "gru 5", "dense 4", "softmax", "loss cross_entropy", "optimizer adam")),
                GenerationOptions.spec()));
        loader = InMemoryCompiler.compile(sources);
    }

    /** Random data, a few training steps, and batchnorm statistics far from their initial 0 and 1. */
    private static TrainableNetwork trained(String name, float[] x, int n) {
        TrainableNetwork net = InMemoryCompiler.instantiate(loader, "t." + name, 64, 5);
        Rng rng = new Rng(9);
        int[] y = new int[64];
        for (int i = 0; i < y.length; i++) y[i] = rng.nextInt(net.outputSize());
        float[] targets = new float[64 * net.outputSize()];
        for (int i = 0; i < targets.length; i++) targets[i] = (float) rng.nextGaussian();
        float[] batch = java.util.Arrays.copyOf(x, 64 * net.inputSize());
        for (int s = 0; s < 30; s++) {
            if (net.lossName().equals("mse")) net.trainStep(batch, targets, 64);
            else net.trainStep(batch, y, 64);
        }
        Parameters p = net.parameters();
        for (String t : p.names()) {
            if (t.endsWith("running_mean") || t.endsWith("running_var")) {
                double[] v = p.read(t);
                for (int i = 0; i < v.length; i++) v[i] = t.endsWith("mean") ? rng.nextGaussian() : 0.5 + rng.nextDouble();
                p.write(t, v);
            }
        }
        return net;
    }

    private static float[] data(int n, int features, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * features];
        for (int i = 0; i < x.length; i++) x[i] = (float) (1.5 * rng.nextGaussian());
        return x;
    }

    /** A layer with weights in the bound's propagation: its name, sizes, the batchnorm folded in, the activation. */
    private record Step(String name, int in, int out, String bn, String activation) {}

    /** Largest error and largest bound over the samples after checking every output is within its bound. */
    private static double[] checkBound(String network, int features, List<Step> steps, boolean softmax) {
        int n = 64;
        float[] x = data(n, features, 1);
        TrainableNetwork net = trained(network, x, n);
        Int8Network int8 = Int8Models.instantiate(loader, "t." + network, 64);
        // calibrated on the first 48 samples only: the last 16 may saturate, which the bound covers too
        Checkpoint c = Int8Models.checkpoint(net, int8, Int8Models.ranges(net, x, 48));
        int8.load(c);
        int k = net.outputSize();
        float[] out = new float[n * k];
        int8.forward(x, n, out);
        Parameters p = net.parameters();
        Map<String, Tensor> q = c.parameters();
        double largestBound = 0;
        double largestError = 0;
        for (int b = 0; b < n; b++) {
            double[] v = new double[features];
            for (int i = 0; i < features; i++) v[i] = x[b * features + i];
            double[] e = new double[features];
            for (Step step : steps) {
                double[][] layer = dense(p, q, step.name(), v, e, step.in(), step.out(), step.bn());
                v = layer[0];
                e = layer[1];
                for (int j = 0; j < v.length; j++) {
                    switch (step.activation()) {
                        case "relu" -> v[j] = Math.max(0, v[j]);
                        case "tanh" -> v[j] = Math.tanh(v[j]);
                        case "sigmoid" -> {
                            v[j] = 1 / (1 + Math.exp(-v[j]));
                            e[j] /= 4;
                        }
                        default -> { } // identity
                    }
                }
            }
            if (softmax) {
                double max = Double.NEGATIVE_INFINITY;
                double worst = 0;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, v[j]);
                    worst = Math.max(worst, e[j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) sum += Math.exp(v[j] - max);
                for (int j = 0; j < k; j++) {
                    v[j] = Math.exp(v[j] - max) / sum;
                    e[j] = worst / 2 + 1e-6;
                }
            }
            for (int j = 0; j < k; j++) {
                double error = Math.abs(out[b * k + j] - v[j]);
                assertTrue(error <= e[j], network + " sample " + b + " output " + j + ": int8 " + out[b * k + j]
                        + ", exact " + v[j] + ", error " + error + " above the bound " + e[j]);
                if (b < 48) largestBound = Math.max(largestBound, e[j]);
                largestError = Math.max(largestError, error);
            }
        }
        assertTrue(largestError > 0, network + ": the int8 outputs differ from the float ones: quantization happened");
        return new double[] {largestError, largestBound};
    }

    @Test
    void aLayerWithBatchnormFoldedIsWithinItsBound() {
        double[] r = checkBound("Affine", 12, List.of(new Step("dense0", 12, 6, "batchnorm0", "identity")), false);
        // a single layer: the bound is tight to within a small factor, and small
        assertTrue(r[1] < 20 * r[0], "bound " + r[1] + " vs largest error " + r[0]);
        assertTrue(r[1] < 0.2, "bound " + r[1]);
    }

    @Test
    void twoLayersAreWithinTheirPropagatedBound() {
        double[] r = checkBound("Two", 12, List.of(new Step("dense0", 12, 16, "batchnorm0", "relu"),
                new Step("dense1", 16, 4, null, "tanh")), false);
        // two worst cases compound: a looser bound, still within a small factor of the error seen
        assertTrue(r[1] < 25 * r[0], "bound " + r[1] + ", largest error " + r[0]);
    }

    @Test
    void deepMlpOutputsAreWithinTheirPropagatedBound() {
        // the worst case compounds (each layer can amplify the error by its row sums of |W|), so over four layers
        // the bound holds without saying much; the error itself stays small
        double[] r = checkBound("Mlp", 12, List.of(new Step("dense0", 12, 16, "batchnorm0", "relu"),
                new Step("dense1", 16, 10, null, "tanh"), new Step("dense2", 10, 8, null, "sigmoid"),
                new Step("dense3", 8, 5, null, "identity")), true);
        assertTrue(r[0] < 0.05, "largest probability error " + r[0]);
    }

    /**
     * The exact output of a layer with weights (batchnorm {@code bn} after it, when given) and the bound on the
     * int8 network's error there, from the exact input {@code v} and the bound {@code e} on its input's error.
     */
    private static double[][] dense(Parameters p, Map<String, Tensor> q, String name, double[] v, double[] e, int in,
            int out, String bn) {
        double[] w = p.read(name + ".weight");
        double[] b = p.read(name + ".bias");
        double[] y = new double[out];
        for (int j = 0; j < out; j++) {
            double s = b[j];
            for (int i = 0; i < in; i++) s += v[i] * w[i * out + j];
            y[j] = s;
        }
        double[] a = new double[out];
        java.util.Arrays.fill(a, 1);
        if (bn != null) {
            double[] gamma = p.read(bn + ".gamma");
            double[] beta = p.read(bn + ".beta");
            double[] mean = p.read(bn + ".running_mean");
            double[] var = p.read(bn + ".running_var");
            for (int j = 0; j < out; j++) {
                a[j] = gamma[j] / Math.sqrt(var[j] + 1e-5);
                y[j] = (y[j] - mean[j]) * a[j] + beta[j];
            }
        }
        double s = q.get(name + ".input_scale").values()[0];
        double[] r = q.get(name + ".weight").values();
        double[] sw = q.get(name + ".weight_scale").values();
        double[] d = new double[in];
        double sumAbs = 0;
        for (int i = 0; i < in; i++) {
            d[i] = e[i] + s / 2 + Math.max(0, Math.abs(v[i]) + e[i] - 127 * s);
            sumAbs += Math.abs(v[i]);
        }
        double[] bound = new double[out];
        for (int j = 0; j < out; j++) {
            double t = sw[j] / 2 * sumAbs;
            for (int i = 0; i < in; i++) t += d[i] * Math.abs(sw[j] * r[i * out + j]);
            bound[j] = t + 1e-5 * (1 + Math.abs(y[j])); // float arithmetic around the exact int32 sum
        }
        return new double[][] {y, bound};
    }

    @Test
    void convAndRecurrentNetworksAgreeWithTheirFloatNetworks() {
        for (String name : List.of("Conv", "Rec")) {
            TrainableNetwork probe = InMemoryCompiler.instantiate(loader, "t." + name, 64, 5);
            int n = 64;
            float[] x = data(n, probe.inputSize(), 2);
            TrainableNetwork net = trained(name, x, n);
            Int8Network int8 = Int8Models.quantized(loader, "t." + name, net, x, n, 64);
            int k = net.outputSize();
            float[] exact = new float[n * k];
            float[] approx = new float[n * k];
            net.forward(x, n, exact);
            int8.forward(x, n, approx);
            double worst = 0;
            int agree = 0;
            for (int b = 0; b < n; b++) {
                for (int j = 0; j < k; j++) worst = Math.max(worst, Math.abs(exact[b * k + j] - approx[b * k + j]));
                if (net.predict(x, b * net.inputSize()) == int8.predict(x, b * net.inputSize())) agree++;
            }
            assertTrue(worst < 0.03, name + ": largest probability difference " + worst);
            assertTrue(worst > 0, name + ": quantized");
            assertTrue(agree >= n * 9 / 10, name + ": " + agree + " of " + n + " predictions agree");
        }
    }

    @Test
    void theInt8ModelIsInt8AndFoldsBatchnorm() {
        float[] x = data(64, 12, 3);
        TrainableNetwork net = trained("Mlp", x, 64);
        Int8Network int8 = Int8Models.instantiate(loader, "t.Mlp", 8);
        Checkpoint c = Int8Models.checkpoint(net, int8, Int8Models.ranges(net, x, 64));
        assertTrue(c.quantized());
        assertEquals(Tensor.Type.INT8, c.parameters().get("dense0.weight").type());
        assertTrue(c.parameters().keySet().stream().noneMatch(t -> t.startsWith("batchnorm0")), "batchnorm0 folded");
        assertEquals(List.of("dense0.input", "dense1.input", "dense2.input", "dense3.input"), int8.quantizationPoints());
        assertEquals(net.quantizationPoints(), int8.quantizationPoints());
        for (double v : c.parameters().get("dense1.weight").values()) assertTrue(Math.abs(v) <= 127 && v == Math.rint(v));
    }

    @Test
    void wrongCheckpointsAreRefusedWithAClearError() {
        float[] x = data(64, 12, 4);
        TrainableNetwork net = trained("Mlp", x, 64);
        Int8Network int8 = Int8Models.instantiate(loader, "t.Mlp", 8);
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> int8.predict(x, 0));
        assertTrue(early.getMessage().contains("MlpInt8 has no model yet"), early.getMessage());

        CheckpointException floatModel = assertThrows(CheckpointException.class,
                () -> int8.load(Checkpoint.capture(net)));
        assertTrue(floatModel.getMessage().contains("holds a float model of network 'Mlp'"), floatModel.getMessage());

        Checkpoint quantized = Int8Models.checkpoint(net, int8, Int8Models.ranges(net, x, 64));
        CheckpointException intoFloat = assertThrows(CheckpointException.class, () -> net.load(quantized));
        assertTrue(intoFloat.getMessage().contains("holds an int8 model of network 'Mlp'")
                && intoFloat.getMessage().contains("MlpInt8"), intoFloat.getMessage());

        TrainableNetwork other = InMemoryCompiler.instantiate(loader, "t.Other", 8, 1);
        Int8Network otherInt8 = Int8Models.instantiate(loader, "t.Other", 8);
        CheckpointException otherNet = assertThrows(CheckpointException.class, () -> otherInt8.load(quantized));
        assertTrue(otherNet.getMessage().contains("does not fit network 'Other'"), otherNet.getMessage());
        assertTrue(other.quantizationPoints().size() == 1);

        IllegalArgumentException ranges = assertThrows(IllegalArgumentException.class,
                () -> int8.quantize(net.parameters(), new double[] {1, 2}));
        assertTrue(ranges.getMessage().contains("quantization needs 4 ranges"), ranges.getMessage());
    }
}
