package dev.castnet.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.ConvLayer;
import dev.castnet.runtime.DenseLayer;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.ImageShape;
import dev.castnet.runtime.train.Progress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The conv sample: the annotated {@link FashionConvNet} trained through the runtime API, and its methods as live
 * views of the blocks. Fashion-MNIST itself is not part of the build, so the run here learns a task of the same
 * shape that only a conv net's position-independent features solve well: the orientation of a short stroke
 * (horizontal, vertical or one of the two diagonals) drawn anywhere in a noisy 28x28 image.
 */
class FashionConvAppTest {

    /** {@code n} noisy 28x28x1 images of a 7-pixel stroke at a random place; the label is its orientation 0..3. */
    static Dataset strokes(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] directions = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};
        float[] x = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % 4;
            int row = 3 + random.nextInt(15);
            int col = 9 + random.nextInt(10);
            for (int p = 0; p < 784; p++) x[i * 784 + p] = (float) (0.1 * random.nextDouble());
            for (int k = 0; k < 7; k++) {
                int r = row + k * directions[label][0];
                int c = col + k * directions[label][1];
                x[i * 784 + r * 28 + c] = 1;
            }
            labels[i] = label;
        }
        return Dataset.classification("strokes", x, 784, labels, 10, new ImageShape(28, 28, 1));
    }

    @Test
    void convInterfaceLearnsStrokeOrientationThroughTheTrainer() {
        // 4 classes (chance 0.25); 72 steps of 16 images reach about 0.96 on new images
        FashionConvApp.Run run = FashionConvApp.train(strokes(320, 5L), FashionConvApp.options(4).batch(16)
                .progress(Progress.Mode.NONE).log(new PrintStream(OutputStream.nullOutputStream())));
        assertTrue(run.result().validation().accuracy() >= 0.9,
                "validation accuracy " + run.result().validation().accuracy());
        double heldOut = run.trainer().evaluate(strokes(200, 6L)).accuracy();
        assertTrue(heldOut >= 0.9, "held-out accuracy " + heldOut);
    }

    @Test
    void methodsAreLiveViewsOfTheBlocks() {
        FashionConvNetNet net = new FashionConvNetNet(8, 1L);
        FashionConvNet layers = net;
        TrainableNetwork trainable = net;
        Dataset data = strokes(8, 2L);
        int[] labels = data.labels();
        trainable.trainStep(data.x(), labels, 8);

        ConvLayer conv1 = layers.conv1();
        assertEquals("conv2d0", conv1.name());
        assertArrayEquals(new int[] {28, 28, 1}, conv1.inputShape());
        assertArrayEquals(new int[] {14, 14, 16}, conv1.outputShape(), "after max pooling");
        assertEquals(16, conv1.filters());
        assertEquals(3, conv1.kernelHeight());
        assertEquals(3, conv1.kernelWidth());
        assertArrayEquals(net.parameters().read("conv2d0.weight"), conv1.weights());
        assertEquals(3 * 3 * 1 * 16, conv1.weights().length);
        assertArrayEquals(net.parameters().read("conv2d0.bias"), conv1.biases());
        assertArrayEquals(net.gradients().read("conv2d0.weight"), conv1.weightGradients());
        double[] pooled = conv1.activations(8);
        assertEquals(8 * 14 * 14 * 16, pooled.length);
        for (double v : pooled) assertTrue(v >= 0, "relu then max pooling is never negative, got " + v);

        ConvLayer conv2 = layers.conv2();
        assertEquals("conv2d1", conv2.name());
        assertArrayEquals(new int[] {14, 14, 16}, conv2.inputShape());
        assertArrayEquals(new int[] {7, 7, 32}, conv2.outputShape());
        assertEquals(3 * 3 * 16 * 32, conv2.weights().length);

        DenseLayer hidden = layers.hidden();
        assertEquals("dense0", hidden.name());
        assertEquals(7 * 7 * 32, hidden.inputs());
        assertEquals(128, hidden.units());
        assertEquals("dense1", layers.output().name());

        double[] before = conv1.weights();
        trainable.trainStep(data.x(), labels, 8);
        assertFalse(Arrays.equals(before, conv1.weights()), "the view reads the network's current weights");
    }
}
