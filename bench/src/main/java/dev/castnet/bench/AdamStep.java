package dev.castnet.bench;

import dev.castnet.runtime.kernel.DenseKernels;
import dev.castnet.runtime.kernel.UpdateKernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * The optimizer's share of a Fashion MLP step: Adam over its six tensors (235 146 parameters) as the generated
 * {@code FashionMlp.updateAdam} loop does it, on the calling thread, against {@link UpdateKernels#adam} (vectors,
 * split across the kernel team). Both give bitwise the same parameters (checked at the end). Prints the best
 * wall-clock and calling-thread CPU microseconds per step over alternating rounds. Usage: {@code java
 * [--add-modules jdk.incubator.vector] [-Dcastnet.threads=N] -cp bench/target/benchmarks.jar
 * dev.castnet.bench.AdamStep [rounds]}.
 */
public final class AdamStep {
    private AdamStep() {}

    static final int[] SIZES = {784 * 256, 256, 256 * 128, 128, 128 * 10, 10};

    float[] params, grads, m, v;
    final double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    long step;

    AdamStep(int total, long seed) {
        Random rnd = new Random(seed);
        params = new float[total];
        grads = new float[total];
        m = new float[total];
        v = new float[total];
        for (int i = 0; i < total; i++) {
            params[i] = rnd.nextFloat() - 0.5f;
            grads[i] = (rnd.nextFloat() - 0.5f) * 1e-2f;
        }
    }

    void generated() {
        step++;
        int off = 0;
        for (int s = 0; s < SIZES.length; s++) {
            updateAdam(off, SIZES[s], (s & 1) == 0 ? 1e-4f : 0, 0);
            off += SIZES[s];
        }
    }

    void kernel() {
        step++;
        float stepSize = (float) (lr / (1 - Math.pow(beta1, step)));
        float correction2 = (float) (Math.sqrt(1 - Math.pow(beta2, step)));
        int off = 0;
        for (int s = 0; s < SIZES.length; s++) {
            UpdateKernels.adam(params, grads, m, v, off, SIZES[s], (float) beta1, (float) (1 - beta1), (float) beta2,
                    (float) (1 - beta2), (float) eps, (s & 1) == 0 ? 1e-4f : 0, stepSize, correction2);
            off += SIZES[s];
        }
    }

    /** The generated method (FashionMlp.updateAdam), unchanged but for the fields it reads and its L1 branch. */
    private void updateAdam(int offset, int length, float l2, float l1) {
        float beta1 = (float) this.beta1;
        float oneMinusBeta1 = (float) (1 - this.beta1);
        float beta2 = (float) this.beta2;
        float oneMinusBeta2 = (float) (1 - this.beta2);
        float eps = (float) this.eps;
        float stepSize = (float) (this.lr / (1 - Math.pow(this.beta1, step)));
        float correction2 = (float) (Math.sqrt(1 - Math.pow(this.beta2, step)));
        if (l1 == 0) {
            for (int i = offset, end = offset + length; i < end; i++) {
                float g = grads[i];
                float w = params[i];
                g += l2 * w;
                float mi = beta1 * m[i] + oneMinusBeta1 * g;
                float vi = beta2 * v[i] + oneMinusBeta2 * g * g;
                m[i] = mi;
                v[i] = vi;
                params[i] = w - stepSize * mi / ((float) Math.sqrt(vi) / correction2 + eps);
            }
        } else {
            throw new UnsupportedOperationException("l1");
        }
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int total = 0;
        for (int s : SIZES) total += s;
        AdamStep a = new AdamStep(total, 1), b = new AdamStep(total, 1);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        double[] wall = {1e9, 1e9}, cpu = {1e9, 1e9};
        int steps = 300;
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                long w0 = System.nanoTime(), c0 = tm.getCurrentThreadCpuTime();
                for (int i = 0; i < steps; i++) {
                    if (k == 0) a.generated();
                    else b.kernel();
                }
                wall[k] = Math.min(wall[k], (System.nanoTime() - w0) / 1e3 / steps);
                cpu[k] = Math.min(cpu[k], (tm.getCurrentThreadCpuTime() - c0) / 1e3 / steps);
            }
        }
        for (int i = 0; i < total; i++) {
            if (Float.floatToRawIntBits(a.params[i]) != Float.floatToRawIntBits(b.params[i])) {
                throw new AssertionError("parameter " + i + " differs: " + a.params[i] + " vs " + b.params[i]);
            }
        }
        System.out.printf("Adam over %d parameters, kernels %s, %d threads; best of %d rounds, µs per step:%n", total,
                DenseKernels.implementation(), DenseKernels.threads(), rounds);
        System.out.printf("generated loop: %.1f wall, %.1f CPU of the calling thread%n", wall[0], cpu[0]);
        System.out.printf("UpdateKernels.adam: %.1f wall, %.1f CPU of the calling thread (bitwise equal)%n", wall[1],
                cpu[1]);
    }
}
