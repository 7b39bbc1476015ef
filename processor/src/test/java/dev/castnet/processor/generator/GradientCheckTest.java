package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Precision;
import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Central finite differences against the generated backward pass, in double precision and training mode, for
 * every layer kind (dense, conv2d, pooling, recurrent), every loss and their combinations with batchnorm and
 * dropout. The learning rate is 0, so a
 * training step only evaluates the loss; dropout masks are made identical by reseeding the network's generator
 * before every evaluation.
 */
class GradientCheckTest {
    private static final int BATCH = 5;
    private static final double H = 1e-6;

    /** name → body lines (input, layers, loss); every case uses sgd with the learning rate set to 0. */
    private static final Map<String, String[]> CASES = new LinkedHashMap<>();

    static {
        CASES.put("SigmoidSoftmax", new String[] {"input 4", "dense 5", "sigmoid", "dense 3", "softmax",
            "loss cross_entropy"});
        CASES.put("TanhSigmoidBce", new String[] {"input 3", "dense 4", "tanh", "dense 2", "sigmoid",
            "loss binary_cross_entropy"});
        CASES.put("ReluMse", new String[] {"input 3", "dense 6", "relu", "dense 2", "loss mse"});
        CASES.put("LeakyEluMse", new String[] {"input 3", "dense 5", "leaky_relu alpha=0.1", "dense 4",
            "elu alpha=0.7", "dense 2", "identity", "loss mse"});
        CASES.put("NoBias", new String[] {"input 4", "dense 5 bias=false", "tanh", "dense 3 bias=false",
            "softmax", "loss cross_entropy"});
        CASES.put("ActivationAfterInput", new String[] {"input 4", "tanh", "dense 5", "tanh", "sigmoid", "dense 3",
            "softmax", "loss cross_entropy"});
        CASES.put("BatchNormRelu", new String[] {"input 4", "dense 6", "batchnorm", "relu", "dense 3", "softmax",
            "loss cross_entropy"});
        CASES.put("BatchNormPlain", new String[] {"input 4", "dense 5", "batchnorm momentum=0.2 eps=1e-3",
            "dense 2", "loss mse"});
        CASES.put("BatchNormFirst", new String[] {"input 4", "batchnorm", "dense 5", "elu", "batchnorm", "tanh",
            "dense 2", "sigmoid", "loss binary_cross_entropy"});
        CASES.put("DropoutInverted", new String[] {"input 4", "dense 6", "relu", "dropout 0.3", "dense 3",
            "softmax", "loss cross_entropy"});
        CASES.put("DropoutScaleAtTest", new String[] {"input 4", "dense 6", "tanh", "dropout 0.4 mode=scale_at_test",
            "dense 2", "loss mse"});
        CASES.put("BatchNormDropoutActivation", new String[] {"input 5", "dense 6", "batchnorm", "dropout 0.25",
            "elu", "dense 4", "batchnorm", "leaky_relu", "dense 3", "softmax", "loss cross_entropy"});
        // convolutional layers: odd sizes, a stride that leaves a remainder, rectangular kernels, padding, a conv
        // after a conv (col2im), pooling of both kinds, global pooling, batchnorm per channel, dropout on images
        CASES.put("ConvSameMaxPool", new String[] {"input 5x6x2", "conv2d 3 kernel=3 padding=same", "tanh",
            "maxpool 2", "dense 3", "softmax", "loss cross_entropy"});
        CASES.put("ConvStrideRemainderRect", new String[] {"input 7x8x2", "conv2d 2 kernel=3x2 stride=2 padding=1",
            "elu", "avgpool 2 stride=1", "flatten", "dense 2", "loss mse"});
        CASES.put("ConvAfterConv", new String[] {"input 6x7x1", "conv2d 2 kernel=3 padding=same", "tanh",
            "conv2d 3 kernel=2 stride=2 bias=false", "sigmoid", "dense 2", "loss mse"});
        CASES.put("ConvBatchNormGlobalPool", new String[] {"input 6x5x3", "conv2d 4 kernel=2", "batchnorm",
            "sigmoid", "dropout 0.2", "globalavgpool", "dense 3", "softmax", "loss cross_entropy"});
        CASES.put("PoolAfterInput", new String[] {"input 4x4x2", "maxpool 2", "tanh", "conv2d 2 kernel=1",
            "dense 2", "sigmoid", "loss binary_cross_entropy"});
        // recurrent layers: last and sequence outputs, h0, stacked, batchnorm and dropout on sequences, and
        // backpropagation through 100 steps
        CASES.put("RnnTanhLast", new String[] {"input 5x3", "rnn 4", "dense 3", "softmax", "loss cross_entropy"});
        CASES.put("RnnSigmoidH0Sequence", new String[] {"input 4x2", "rnn 3 activation=sigmoid h0=0.3 return=sequence",
            "dense 2", "loss mse"});
        CASES.put("LstmStacked", new String[] {"input 4x3", "lstm 4 return=sequence", "lstm 3", "dense 2",
            "softmax", "loss cross_entropy"});
        CASES.put("GruSequenceGru", new String[] {"input 5x2", "batchnorm", "gru 3 return=sequence", "tanh",
            "dropout 0.3", "gru 2", "dense 2", "loss mse"});
        CASES.put("Rnn100Steps", new String[] {"input 100x1", "rnn 3 init=uniform(-0.5, 0.5) "
            + "recurrent_init=orthogonal(gain=0.9)", "dense 1", "loss mse"});
        CASES.put("Lstm100Steps", new String[] {"input 100x2", "lstm 2", "dense 1", "loss mse"});
        CASES.put("DropoutAfterInput", new String[] {"input 4", "dropout 0.2", "dense 3", "sigmoid",
            "loss binary_cross_entropy"});
    }

    private static ClassLoader loader;
    private static final Map<String, Network> NETWORKS = new LinkedHashMap<>();

    @BeforeAll
    static void compile() {
        List<GeneratedSource> sources = new ArrayList<>();
        for (Map.Entry<String, String[]> c : CASES.entrySet()) {
            List<String> lines = new ArrayList<>(List.of(c.getValue()));
            lines.add("optimizer sgd lr=0.1");
            Network n = TestSpecs.body("Check" + c.getKey(), Precision.DOUBLE, lines.toArray(String[]::new));
            NETWORKS.put(c.getKey(), n);
            sources.addAll(CodeGenerator.generate(TestSpecs.model(n), GenerationOptions.spec()));
            Network f = TestSpecs.body("Check" + c.getKey() + "Float", Precision.FLOAT, lines.toArray(String[]::new));
            sources.addAll(CodeGenerator.generate(TestSpecs.model(f), GenerationOptions.spec()));
        }
        loader = InMemoryCompiler.compile(sources);
    }

    @TestFactory
    List<DynamicTest> finiteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : CASES.keySet()) tests.add(DynamicTest.dynamicTest(name, () -> check(name)));
        return tests;
    }

    private static void check(String name) {
        Network spec = NETWORKS.get(name);
        TrainableNetwork net = InMemoryCompiler.instantiate(loader, "t." + spec.className(), BATCH, 11);
        net.setLearningRate(0);
        Rng data = new Rng(5);
        double[] x = new double[BATCH * net.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = data.nextGaussian();
        int[] labels = new int[BATCH];
        double[] targets = new double[BATCH * net.outputSize()];
        for (int b = 0; b < BATCH; b++) labels[b] = data.nextInt(net.outputSize());
        for (int i = 0; i < targets.length; i++) {
            targets[i] = spec.loss() == LossKind.BINARY_CROSS_ENTROPY ? data.nextDouble() : data.nextGaussian();
        }
        // non-trivial γ and β so their gradients and the batchnorm backward are exercised in general position
        Parameters p = net.parameters();
        for (String t : p.names()) {
            if (t.endsWith(".gamma") || t.endsWith(".beta")) {
                double[] v = p.read(t);
                for (int i = 0; i < v.length; i++) v[i] = (t.endsWith(".gamma") ? 1 : 0) + 0.3 * data.nextGaussian();
                p.write(t, v);
            }
        }
        boolean usesLabels = spec.loss() == LossKind.CROSS_ENTROPY;
        double loss = evaluate(net, x, labels, targets, usesLabels);
        assertTrue(Double.isFinite(loss) && loss > 0, name + ": loss " + loss);
        Parameters grads = net.gradients();
        Map<String, double[]> analytic = new LinkedHashMap<>();
        for (String t : grads.names()) analytic.put(t, grads.read(t));
        double largest = 0;
        for (Map.Entry<String, double[]> e : analytic.entrySet()) {
            String t = e.getKey();
            double[] w = p.read(t);
            for (int i = 0; i < w.length; i++) {
                double saved = w[i];
                w[i] = saved + H;
                p.write(t, w);
                double up = evaluate(net, x, labels, targets, usesLabels);
                w[i] = saved - H;
                p.write(t, w);
                double down = evaluate(net, x, labels, targets, usesLabels);
                w[i] = saved;
                p.write(t, w);
                double numeric = (up - down) / (2 * H);
                double a = e.getValue()[i];
                largest = Math.max(largest, Math.abs(a));
                double allowed = 1e-6 * Math.max(1, Math.abs(numeric));
                int at = i;
                assertTrue(Math.abs(numeric - a) <= allowed, () -> name + ": d loss / d " + t + "[" + at
                        + "]: finite difference " + numeric + ", backward " + a);
            }
        }
        assertTrue(largest > 1e-3, name + ": every gradient is (nearly) zero, the check would prove nothing");
    }

    @TestFactory
    List<DynamicTest> floatAgreesWithDouble() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : CASES.keySet()) tests.add(DynamicTest.dynamicTest(name, () -> compare(name)));
        return tests;
    }

    /** The float class computes what the double class computes, to float accuracy, from the same parameters. */
    private static void compare(String name) {
        Network spec = NETWORKS.get(name);
        TrainableNetwork d = InMemoryCompiler.instantiate(loader, "t." + spec.className(), BATCH, 3);
        TrainableNetwork f = InMemoryCompiler.instantiate(loader, "t." + spec.className() + "Float", BATCH, 3);
        for (String t : d.parameters().names()) f.parameters().write(t, d.parameters().read(t));
        Rng data = new Rng(7);
        double[] x = new double[BATCH * d.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = data.nextGaussian();
        float[] xf = Golden.floats(x);
        for (int step = 0; step < 3; step++) {
            double ld;
            double lf;
            if (spec.loss() == LossKind.CROSS_ENTROPY) {
                int[] labels = new int[BATCH];
                for (int b = 0; b < BATCH; b++) labels[b] = data.nextInt(d.outputSize());
                ld = d.trainStep(x, labels, BATCH);
                lf = f.trainStep(xf, labels, BATCH);
            } else {
                double[] targets = new double[BATCH * d.outputSize()];
                for (int i = 0; i < targets.length; i++) targets[i] = data.nextDouble();
                ld = d.trainStep(x, targets, BATCH);
                lf = f.trainStep(xf, Golden.floats(targets), BATCH);
            }
            int at = step;
            assertTrue(Math.abs(ld - lf) <= 1e-4 * Math.max(1, Math.abs(ld)),
                    () -> name + " step " + at + ": loss " + ld + " (double) vs " + lf + " (float)");
            for (String t : d.gradients().names()) {
                double[] gd = d.gradients().read(t);
                double[] gf = f.gradients().read(t);
                for (int i = 0; i < gd.length; i++) {
                    int k = i;
                    assertTrue(Math.abs(gd[i] - gf[i]) <= 1e-4 * Math.max(1e-2, Math.abs(gd[i])),
                            () -> name + " step " + at + ": gradient of " + t + "[" + k + "] " + gd[k] + " vs " + gf[k]);
                }
            }
        }
    }

    /** One training step at lr = 0 with the same dropout masks every time: the training-mode loss. */
    private static double evaluate(TrainableNetwork net, double[] x, int[] labels, double[] targets,
            boolean usesLabels) {
        net.random().reseed(99);
        return usesLabels ? net.trainStep(x, labels, BATCH) : net.trainStep(x, targets, BATCH);
    }
}
