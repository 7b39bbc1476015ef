package dev.castnet.runtime.generated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.ConvLayer;
import dev.castnet.runtime.DenseLayer;
import dev.castnet.runtime.RecurrentLayer;
import dev.castnet.runtime.TensorTable;
import org.junit.jupiter.api.Test;

/**
 * The layer views read the tensors of their layer by name from the network's tables, and the block's output from
 * its live buffer, as the generated classes wire them.
 */
class LayerViewsTest {

    private static float[] ramp(int n, float from) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = from + i;
        return a;
    }

    private static double[] asDoubles(float[] a, int from, int length) {
        double[] d = new double[length];
        for (int i = 0; i < length; i++) d[i] = a[from + i];
        return d;
    }

    @Test
    void convViewReadsItsTensorsAndTheBlockOutput() {
        // conv2d1 over 5x5x2 with a 3x2 kernel and 4 filters; the block pools to 2x2x4
        float[] params = ramp(3 * 2 * 2 * 4 + 4, 1);
        float[] grads = ramp(params.length, 100);
        TensorTable p = new TensorTable()
                .add("conv2d1.weight", new int[] {3, 2, 2, 4}, params, 0)
                .add("conv2d1.bias", new int[] {4}, params, 48);
        TensorTable g = new TensorTable()
                .add("conv2d1.weight", new int[] {3, 2, 2, 4}, grads, 0)
                .add("conv2d1.bias", new int[] {4}, grads, 48);
        float[] out = ramp(3 * 16, 0.5f); // maxBatch 3
        ConvLayer view = new ConvLayerView("conv2d1", new int[] {5, 5, 2}, new int[] {2, 2, 4}, 3, 2, p, g, out);

        assertEquals("conv2d1", view.name());
        assertEquals(4, view.filters());
        assertEquals(3, view.kernelHeight());
        assertEquals(2, view.kernelWidth());
        assertArrayEquals(new int[] {5, 5, 2}, view.inputShape());
        assertArrayEquals(new int[] {2, 2, 4}, view.outputShape());
        assertArrayEquals(asDoubles(params, 0, 48), view.weights());
        assertArrayEquals(asDoubles(params, 48, 4), view.biases());
        assertArrayEquals(asDoubles(grads, 0, 48), view.weightGradients());
        assertArrayEquals(asDoubles(grads, 48, 4), view.biasGradients());
        assertArrayEquals(asDoubles(out, 0, 32), view.activations(2));

        params[0] = -7; // live: the next read sees the network's current values
        out[1] = -8;
        assertEquals(-7, view.weights()[0]);
        assertEquals(-8, view.activations(1)[1]);
        view.outputShape()[0] = 99; // copies, not the view's own arrays
        assertArrayEquals(new int[] {2, 2, 4}, view.outputShape());

        assertThrows(IllegalArgumentException.class, () -> view.activations(4));
        assertThrows(IllegalArgumentException.class, () -> view.activations(0));
    }

    @Test
    void convViewWithoutBiasAfterGlobalPoolingInDouble() {
        double[] params = {1, 2, 3, 4, 5, 6};
        TensorTable p = new TensorTable().add("conv2d0.weight", new int[] {1, 1, 2, 3}, params, 0);
        TensorTable g = new TensorTable().add("conv2d0.weight", new int[] {1, 1, 2, 3}, new double[6], 0);
        double[] out = {0.25, 0.5, 0.75, 1, 1.25, 1.5};
        ConvLayer view = new ConvLayerView("conv2d0", new int[] {4, 4, 2}, new int[] {3}, 1, 1, p, g, out);

        assertEquals(3, view.filters());
        assertArrayEquals(new double[0], view.biases());
        assertArrayEquals(new double[0], view.biasGradients());
        assertArrayEquals(params, view.weights());
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1, 1.25, 1.5}, view.activations(2));
        assertThrows(IllegalArgumentException.class, () -> view.activations(3));
    }

    @Test
    void recurrentViewReadsTheFourTensorsOfAnLstm() {
        int f = 3;
        int h = 2;
        int gh = 4 * h;
        float[] params = ramp(f * gh + h * gh + 2 * gh, 1);
        float[] grads = ramp(params.length, -50);
        TensorTable p = new TensorTable();
        TensorTable g = new TensorTable();
        int at = 0;
        String[] names = {"weight", "recurrent_weight", "bias", "recurrent_bias"};
        int[][] shapes = {{f, gh}, {h, gh}, {gh}, {gh}};
        int[] offsets = new int[4];
        for (int i = 0; i < 4; i++) {
            p.add("lstm0." + names[i], shapes[i], params, at);
            g.add("lstm0." + names[i], shapes[i], grads, at);
            offsets[i] = at;
            at += BlockOutput.size(shapes[i]);
        }
        float[] out = ramp(2 * 5 * h, 0); // maxBatch 2, a sequence of 5 steps
        RecurrentLayer view = new RecurrentLayerView("lstm0", "lstm", 5, f, h, new int[] {5, h}, p, g, out);

        assertEquals("lstm0", view.name());
        assertEquals("lstm", view.cell());
        assertEquals(4, view.gates());
        assertEquals(5, view.steps());
        assertEquals(f, view.features());
        assertEquals(h, view.units());
        assertTrue(view.returnsSequence());
        assertArrayEquals(new int[] {5, h}, view.outputShape());
        assertArrayEquals(asDoubles(params, offsets[0], f * gh), view.weights());
        assertArrayEquals(asDoubles(params, offsets[1], h * gh), view.recurrentWeights());
        assertArrayEquals(asDoubles(params, offsets[2], gh), view.biases());
        assertArrayEquals(asDoubles(params, offsets[3], gh), view.recurrentBiases());
        assertArrayEquals(asDoubles(grads, offsets[0], f * gh), view.weightGradients());
        assertArrayEquals(asDoubles(grads, offsets[1], h * gh), view.recurrentWeightGradients());
        assertArrayEquals(asDoubles(grads, offsets[2], gh), view.biasGradients());
        assertArrayEquals(asDoubles(grads, offsets[3], gh), view.recurrentBiasGradients());
        assertArrayEquals(asDoubles(out, 0, 20), view.activations(2));
        assertThrows(IllegalArgumentException.class, () -> view.activations(3));
    }

    @Test
    void recurrentViewGatesPerCellAndTheLastStepOnly() {
        double[] out = new double[4 * 6];
        TensorTable none = new TensorTable();
        RecurrentLayer rnn = new RecurrentLayerView("rnn0", "rnn", 7, 3, 6, new int[] {6}, none, none, out);
        RecurrentLayer gru = new RecurrentLayerView("gru2", "gru", 7, 3, 6, new int[] {6}, none, none, out);
        assertEquals(1, rnn.gates());
        assertEquals(3, gru.gates());
        assertFalse(gru.returnsSequence());
        assertEquals(4 * 6, rnn.activations(4).length);
        assertThrows(IllegalArgumentException.class,
                () -> new RecurrentLayerView("x0", "transformer", 7, 3, 6, new int[] {6}, none, none, out));
    }

    @Test
    void denseViewKeepsItsBehaviour() {
        float[] params = ramp(3 * 2 + 2, 1);
        TensorTable p = new TensorTable().add("dense0.weight", new int[] {3, 2}, params, 0)
                .add("dense0.bias", new int[] {2}, params, 6);
        float[] out = ramp(8, 0);
        DenseLayer view = new DenseLayerView("dense0", 3, 2, p, p, out);
        assertArrayEquals(asDoubles(params, 6, 2), view.biases());
        assertArrayEquals(asDoubles(out, 0, 6), view.activations(3));
        assertThrows(IllegalArgumentException.class, () -> view.activations(5));
    }
}
