package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.OptimizerKind;
import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.checkpoint.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pruning masks in the generated update (SPEC §6): once applied, a pruned weight is exactly 0 after every step of
 * every optimizer (momentum, Adam's moments and AdamW's decay included), with clipping and L1/L2 in the step; the
 * masks cover dense, conv2d and recurrent weights, survive a checkpoint round trip and go on working after it.
 */
class PruningTest {
    private static ClassLoader loader;

    private static String[] mlp(OptimizerKind k) {
        return new String[] {"input 6", "dense 8", "batchnorm", "relu", "dense 5", "tanh", "dense 3", "softmax",
            "loss cross_entropy", "optimizer " + k.word() + " lr=0.05", "clip norm 1.0", "regularize l2 1e-3",
            "regularize l1 1e-4"};
    }

    @BeforeAll
    static void compile() {
        List<GeneratedSource> sources = new ArrayList<>();
        for (OptimizerKind k : OptimizerKind.values()) {
            sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body(name(k), null, mlp(k))),
                    GenerationOptions.spec()));
        }
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("ConvPruned", null, "input 6x6x2",
                "conv2d 3 kernel=3", "relu", "flatten", "dense 3", "softmax", "loss cross_entropy",
                "optimizer momentum lr=0.05", "clip value 0.5")), GenerationOptions.spec()));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("LstmPruned", null, "input 4x3",
                "lstm 4 return=sequence", "gru 3", "dense 3", "softmax", "loss cross_entropy", "optimizer adam lr=0.05")),
                GenerationOptions.spec()));
        loader = InMemoryCompiler.compile(sources);
    }

    private static String name(OptimizerKind k) {
        String w = k.word();
        return "Pruned" + Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static TrainableNetwork net(String name) {
        return InMemoryCompiler.instantiate(loader, "t." + name, 16, 7);
    }

    /** Trains {@code steps} steps on fixed random data. */
    private static void train(TrainableNetwork net, int steps) {
        Rng rng = new Rng(11);
        float[] x = new float[16 * net.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
        int[] y = new int[16];
        for (int i = 0; i < y.length; i++) y[i] = rng.nextInt(net.outputSize());
        for (int s = 0; s < steps; s++) net.trainStep(x, y, 16);
    }

    /** Prunes every third weight of every prunable tensor (by position, whatever its magnitude). */
    private static void prune(TrainableNetwork net) {
        Parameters masks = net.masks();
        for (String t : masks.names()) {
            double[] m = masks.read(t);
            for (int i = 0; i < m.length; i++) m[i] = i % 3 == 1 ? 0 : 1;
            masks.write(t, m);
        }
        net.applyMasks();
    }

    private static void assertPrunedAreZero(TrainableNetwork net, String when) {
        Parameters masks = net.masks();
        for (String t : masks.names()) {
            double[] m = masks.read(t);
            double[] w = net.parameters().read(t);
            double[] g = net.gradients().read(t);
            for (int i = 0; i < m.length; i++) {
                if (m[i] != 0) continue;
                assertEquals(0.0, w[i], t + "[" + i + "] " + when);
                assertEquals(0.0, g[i], "gradient of " + t + "[" + i + "] " + when);
                for (String s : net.optimizerState().names()) {
                    if (s.startsWith(t + ".")) {
                        assertEquals(0.0, net.optimizerState().read(s)[i], s + "[" + i + "] " + when);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void prunedWeightsStayExactlyZeroThroughEveryOptimizer(OptimizerKind k) {
        TrainableNetwork net = net(name(k));
        assertFalse(net.masked());
        assertEquals(List.of("dense0.weight", "dense1.weight", "dense2.weight"), net.masks().names());
        train(net, 5); // optimizer state is non-zero before pruning
        prune(net);
        assertTrue(net.masked());
        assertPrunedAreZero(net, "right after applyMasks");
        double[] kept = net.parameters().read("dense0.weight");
        train(net, 40);
        assertPrunedAreZero(net, "after 40 " + k.word() + " steps");
        double[] after = net.parameters().read("dense0.weight");
        int moved = 0;
        for (int i = 0; i < kept.length; i++) if (i % 3 != 1 && after[i] != kept[i]) moved++;
        assertTrue(moved > kept.length / 2, k.word() + " still trains the kept weights (" + moved + " moved)");
        // biases, γ and β are never pruned
        assertFalse(net.masks().names().contains("dense0.bias"));
    }

    @Test
    void convAndRecurrentWeightsArePrunable() {
        TrainableNetwork conv = net("ConvPruned");
        assertEquals(List.of("conv2d0.weight", "dense0.weight"), conv.masks().names());
        assertArrayEquals(new int[] {3, 3, 2, 3}, conv.masks().shape("conv2d0.weight"));
        prune(conv);
        train(conv, 30);
        assertPrunedAreZero(conv, "after 30 momentum steps");

        TrainableNetwork rnn = net("LstmPruned");
        assertEquals(List.of("lstm0.weight", "lstm0.recurrent_weight", "gru0.weight", "gru0.recurrent_weight",
                "dense0.weight"), rnn.masks().names());
        prune(rnn);
        train(rnn, 30);
        assertPrunedAreZero(rnn, "after 30 adam steps");
    }

    @Test
    void masksSurviveACheckpointAndKeepWorkingAfterIt() {
        TrainableNetwork net = net("PrunedAdamw");
        train(net, 3);
        prune(net);
        train(net, 3);
        Checkpoint c = Checkpoint.fromBytes(Checkpoint.capture(net).toBytes(), "pruned");
        assertEquals(net.masks().names(), new ArrayList<>(c.masks().keySet()));
        TrainableNetwork resumed = net("PrunedAdamw");
        assertFalse(resumed.masked());
        c.restoreInto(resumed);
        assertTrue(resumed.masked());
        for (String t : net.masks().names()) assertArrayEquals(net.masks().read(t), resumed.masks().read(t), t);
        train(net, 10);
        train(resumed, 10);
        assertPrunedAreZero(resumed, "10 steps after the round trip");
        for (String t : net.parameters().names()) {
            assertArrayEquals(net.parameters().read(t), resumed.parameters().read(t), t + " as if never interrupted");
        }
    }

    @Test
    void resetRemovesTheMasks() {
        TrainableNetwork net = net("PrunedSgd");
        prune(net);
        net.reset(3);
        assertFalse(net.masked());
        for (String t : net.masks().names()) {
            for (double m : net.masks().read(t)) assertEquals(1.0, m, t);
        }
        train(net, 5);
        double[] w = net.parameters().read("dense0.weight");
        assertNotEquals(0.0, w[1], "an unmasked weight trains again");
    }

    @Test
    void applyMasksTurnsAnyNonZeroMaskIntoOne() {
        TrainableNetwork net = net("PrunedRmsprop");
        double[] m = new double[net.masks().read("dense2.weight").length];
        java.util.Arrays.fill(m, 0.5);
        m[0] = 0;
        net.masks().write("dense2.weight", m);
        net.applyMasks();
        double[] read = net.masks().read("dense2.weight");
        assertEquals(0.0, read[0]);
        assertEquals(1.0, read[1], String.format(Locale.ROOT, "mask %s", read[1]));
    }
}
