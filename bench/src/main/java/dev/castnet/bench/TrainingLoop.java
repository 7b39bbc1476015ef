package dev.castnet.bench;

import com.sun.management.ThreadMXBean;
import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import java.lang.management.ManagementFactory;

/**
 * What the epoch benchmarks ({@link FashionEpoch}, {@link SeqEpoch}, {@link DigitsEpoch}) measure the same way: an
 * epoch reshuffled from one seed, batches gathered into one reused array, each training step's bytes counted on the
 * training thread; then the test accuracy through {@code forward} and the time of a one-sample {@code predict}. Each
 * benchmark prints the figures in its own format (the scripts beside the PyTorch baselines read them).
 */
final class TrainingLoop {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final TrainableNetwork net;
    private final float[] x;
    private final int[] labels;
    private final int samples, features, batch;
    private final float[] xb;
    private final int[] yb;
    private final int[] order;
    private final Rng rng = new Rng(7);

    private long steps, bytesInSteps, bytesInEpoch;
    private double lossSum, seconds, cpuSeconds;

    /** Trains {@code net} on the first {@code samples} rows of {@code x} ({@code features} values each). */
    TrainingLoop(TrainableNetwork net, float[] x, int[] labels, int samples, int features, int batch) {
        this.net = net;
        this.x = x;
        this.labels = labels;
        this.samples = samples;
        this.features = features;
        this.batch = batch;
        this.xb = new float[batch * features];
        this.yb = new int[batch];
        this.order = new int[samples];
        for (int i = 0; i < samples; i++) order[i] = i;
    }

    /** Runs one epoch; its figures are then read from this object. */
    void epoch() {
        for (int i = samples - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long tid = Thread.currentThread().getId();
        steps = 0;
        bytesInSteps = 0;
        lossSum = 0;
        long bytes0 = THREADS.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        for (int start = 0; start < samples; start += batch) {
            int m = Math.min(batch, samples - start);
            for (int b = 0; b < m; b++) {
                int row = order[start + b];
                System.arraycopy(x, row * features, xb, b * features, features);
                yb[b] = labels[row];
            }
            long a0 = THREADS.getThreadAllocatedBytes(tid);
            lossSum += net.trainStep(xb, yb, m) * m;
            bytesInSteps += THREADS.getThreadAllocatedBytes(tid) - a0;
            steps++;
        }
        seconds = (System.nanoTime() - t0) / 1e9;
        cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        bytesInEpoch = THREADS.getThreadAllocatedBytes(tid) - bytes0;
    }

    /** {@return the last epoch's wall-clock seconds} */
    double seconds() {
        return seconds;
    }

    /** {@return the training thread's CPU seconds in the last epoch} */
    double cpuSeconds() {
        return cpuSeconds;
    }

    /** {@return the last epoch's mean training loss} */
    double loss() {
        return lossSum / samples;
    }

    /** {@return the bytes the last epoch's training steps allocated, per step} */
    double bytesPerStep() {
        return (double) bytesInSteps / steps;
    }

    /** {@return the bytes the training thread allocated in the whole last epoch, the loop's own included} */
    long bytesInEpoch() {
        return bytesInEpoch;
    }

    /** {@return the fraction of {@code size} test samples whose arg-max output is their label}, in batches. */
    double accuracy(float[] testX, int[] testLabels, int size) {
        int classes = net.outputSize();
        float[] out = new float[batch * classes];
        int correct = 0;
        for (int start = 0; start < size; start += batch) {
            int m = Math.min(batch, size - start);
            System.arraycopy(testX, start * features, xb, 0, m * features);
            net.forward(xb, m, out);
            for (int b = 0; b < m; b++) {
                int arg = 0;
                for (int j = 1; j < classes; j++) if (out[b * classes + j] > out[b * classes + arg]) arg = j;
                if (arg == testLabels[start + b]) correct++;
            }
        }
        return (double) correct / size;
    }

    /** One-sample {@code predict} over the test samples, after {@code warmUp} calls: its time and allocation. */
    record Predict(double micros, long bytes, int calls, int sink) {}

    Predict predict(float[] testX, int size, int warmUp, int calls) {
        long tid = Thread.currentThread().getId();
        int sink = 0;
        for (int i = 0; i < warmUp; i++) sink += net.predict(testX, (i % size) * features);
        long p0 = System.nanoTime();
        long a0 = THREADS.getThreadAllocatedBytes(tid);
        for (int i = 0; i < calls; i++) sink += net.predict(testX, (i % size) * features);
        long allocated = THREADS.getThreadAllocatedBytes(tid) - a0;
        return new Predict((System.nanoTime() - p0) / 1e3 / calls, allocated, calls, sink & 1);
    }
}
