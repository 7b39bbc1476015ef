package dev.castnet.processor.generator;

import dev.castnet.runtime.Int8Network;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.checkpoint.Checkpoint;

/** Quantizing a generated float network into its generated int8 class, as {@code castnet compress} does. */
final class Int8Models {
    private Int8Models() {}

    static Int8Network instantiate(ClassLoader loader, String qualifiedFloatName, int maxBatch) {
        try {
            return (Int8Network) loader.loadClass(qualifiedFloatName + "Int8").getConstructor(int.class)
                    .newInstance(maxBatch);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ranges over {@code n} samples of {@code x} ({@code float[]} or {@code double[]}), in batches of maxBatch. */
    static double[] ranges(TrainableNetwork net, Object x, int n) {
        double[] ranges = new double[net.quantizationPoints().size()];
        int in = net.inputSize();
        for (int start = 0; start < n; start += net.maxBatch()) {
            int m = Math.min(net.maxBatch(), n - start);
            if (x instanceof double[] d) {
                net.observeRanges(java.util.Arrays.copyOfRange(d, start * in, (start + m) * in), m, ranges);
            } else {
                net.observeRanges(java.util.Arrays.copyOfRange((float[]) x, start * in, (start + m) * in), m, ranges);
            }
        }
        return ranges;
    }

    /** The compressed checkpoint of the int8 model of {@code net}, read back from its bytes. */
    static Checkpoint checkpoint(TrainableNetwork net, Int8Network int8, double[] ranges) {
        Checkpoint c = new Checkpoint(net.networkName(), net.specFingerprint(), net.doublePrecision());
        c.setCompressed(true);
        c.compression().put(Checkpoint.QUANTIZATION, "int8");
        c.parameters().putAll(int8.quantize(net.parameters(), ranges));
        c.setPreprocessing("none", java.util.Map.of("features", new double[] {net.inputSize()}));
        return Checkpoint.fromBytes(c.toBytes(), "int8 test checkpoint");
    }

    /** An int8 instance loaded with the model of {@code net}, calibrated on {@code n} samples of {@code x}. */
    static Int8Network quantized(ClassLoader loader, String qualifiedFloatName, TrainableNetwork net, Object x, int n,
            int maxBatch) {
        Int8Network int8 = instantiate(loader, qualifiedFloatName, maxBatch);
        int8.load(checkpoint(net, int8, ranges(net, x, n)));
        return int8;
    }
}
