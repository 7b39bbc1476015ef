package dev.castnet.runtime.generated;

/**
 * The live output buffer of a layer block, float or double as the network's precision, read as {@code double[]}
 * copies for the layer views.
 */
final class BlockOutput {
    private final float[] floats;
    private final double[] doubles;
    private final int perSample;

    BlockOutput(float[] floats, double[] doubles, int perSample) {
        if ((floats == null) == (doubles == null)) throw new IllegalArgumentException("give one output buffer");
        if (perSample < 1) throw new IllegalArgumentException("a sample has at least one value, got " + perSample);
        this.floats = floats;
        this.doubles = doubles;
        this.perSample = perSample;
    }

    /** The first {@code batch} samples, copied. */
    double[] read(int batch) {
        int capacity = (floats != null ? floats.length : doubles.length) / perSample;
        if (batch < 1 || batch > capacity) {
            throw new IllegalArgumentException("batch must be between 1 and " + capacity + ", got " + batch);
        }
        double[] out = new double[batch * perSample];
        if (doubles != null) {
            System.arraycopy(doubles, 0, out, 0, out.length);
        } else {
            for (int i = 0; i < out.length; i++) out[i] = floats[i];
        }
        return out;
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
