package dev.castnet.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.TrainableNetwork;
import org.junit.jupiter.api.Test;

/** The classes the processor generated for this module train as a user would train them. */
class GeneratedNetworksTrainTest {

    @Test
    void xorFromSpecFileLearnsAllFourPoints() {
        Xor net = new Xor(4, 1L);
        float[] x = {0, 0, 0, 1, 1, 0, 1, 1};
        int[] labels = {0, 1, 1, 0};
        double first = net.trainStep(x, labels, 4);
        double last = first;
        for (int step = 1; step < 300; step++) last = net.trainStep(x, labels, 4);

        assertTrue(last < first / 10, "loss should fall tenfold, from " + first + " to " + last);
        assertEquals(1.0, accuracy(net, x, labels), "every XOR point classified");
    }

    @Test
    void twoMoonsFromAnnotatedInterfaceGeneralizes() {
        int batch = 32;
        TwoMoonsData.Sample train = TwoMoonsData.draw(512, 0.1, 7L);
        TwoMoonsData.Sample test = TwoMoonsData.draw(1000, 0.1, 8L);
        TwoMoonsNet net = new TwoMoonsNet(batch, 3L);

        float[] xb = new float[batch * 2];
        int[] yb = new int[batch];
        int batches = train.labels().length / batch;
        for (int step = 0; step < 400; step++) {
            int from = (step % batches) * batch;
            System.arraycopy(train.x(), 2 * from, xb, 0, 2 * batch);
            System.arraycopy(train.labels(), from, yb, 0, batch);
            net.trainStep(xb, yb, batch);
        }

        double accuracy = accuracy(net, test.x(), test.labels());
        assertTrue(accuracy > 0.95, "held-out accuracy " + accuracy);
    }

    @Test
    void interfaceMethodsAreLiveLayerViews() {
        TwoMoonsNet net = new TwoMoonsNet(8, 3L);
        TwoMoons layers = net;
        assertEquals("dense0", layers.hidden().name());
        assertEquals(2, layers.hidden().inputs());
        assertEquals(16, layers.hidden().units());
        assertEquals("dense1", layers.output().name());
        assertEquals(16, layers.output().inputs());
        assertEquals(2, layers.output().units());
        assertArrayEquals(net.parameters().read("dense1.weight"), layers.output().weights());
    }

    private static double accuracy(TrainableNetwork net, float[] x, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (net.predict(x, i * net.inputSize()) == labels[i]) correct++;
        }
        return (double) correct / labels.length;
    }
}
