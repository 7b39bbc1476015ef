package dev.castnet.processor.generator;

import dev.castnet.dsl.model.Precision;
import dev.castnet.runtime.Parameters;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.kernel.DenseKernels;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a conv net and a recurrent net for a few steps and prints a digest of every parameter and of the last
 * outputs; {@link ThreadCountTest} runs it in JVMs with different {@code castnet.threads} and compares.
 */
public final class ThreadCountMain {
    private ThreadCountMain() {}

    public static void main(String[] args) throws Exception {
        List<GeneratedSource> sources = new ArrayList<>();
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("ThreadConv", Precision.FLOAT,
                "input 16x16x3", "conv2d 16 kernel=3 padding=same", "batchnorm", "relu", "maxpool 2",
                "conv2d 32 kernel=3 stride=2 padding=1", "relu", "avgpool 2", "dropout 0.2", "dense 10", "softmax",
                "loss cross_entropy", "optimizer adam lr=0.01", "clip norm 1.0")), GenerationOptions.spec()));
        sources.addAll(CodeGenerator.generate(TestSpecs.model(TestSpecs.body("ThreadRecurrent", Precision.FLOAT,
                "input 12x20", "lstm 64 return=sequence", "gru 48", "dense 10", "softmax", "loss cross_entropy",
                "optimizer rmsprop")), GenerationOptions.spec()));
        ClassLoader loader = InMemoryCompiler.compile(sources);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String name : List.of("t.ThreadConv", "t.ThreadRecurrent")) {
            int batch = 64;
            TrainableNetwork net = InMemoryCompiler.instantiate(loader, name, batch, 7);
            Rng rng = new Rng(11);
            float[] x = new float[batch * net.inputSize()];
            int[] labels = new int[batch];
            for (int step = 0; step < 4; step++) {
                for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
                for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(10);
                net.trainStep(x, labels, batch);
            }
            Parameters p = net.parameters();
            for (String t : p.names()) {
                for (double v : p.read(t)) digest.update(Long.toString(Double.doubleToRawLongBits(v)).getBytes());
            }
            float[] out = new float[batch * 10];
            net.forward(x, batch, out);
            for (float v : out) digest.update(Integer.toString(Float.floatToRawIntBits(v)).getBytes());
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : digest.digest()) hex.append(String.format("%02x", b));
        System.out.println("threads=" + DenseKernels.threads() + " digest=" + hex);
    }
}
