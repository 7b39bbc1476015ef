package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The Adam kernel gives bitwise the results of the generated loop ({@code AdamFloat.plain} is that loop), on
 * vectors or not, on one thread or split across a team, and allocates nothing.
 */
class UpdateKernelsTest {
    private static final KernelTeam THREE = new KernelTeam(3, 1, "castnet-kernel-adam-");

    @AfterAll
    static void stopTeam() {
        THREE.close();
    }

    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 255, 257, 1000, 100_003};

    @Test
    void floatAdamIsBitwiseTheGeneratedLoop() {
        for (int length : LENGTHS) {
            for (int variant = 0; variant < 3; variant++) {
                Random rnd = new Random(length * 7L + variant);
                int off = 5;
                float[] p = new float[off + length + 3], g = new float[p.length], m = new float[p.length];
                float[] v = new float[p.length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = rnd.nextFloat() - 0.5f;
                    g[i] = (rnd.nextFloat() - 0.5f) * 1e-2f;
                    m[i] = (rnd.nextFloat() - 0.5f) * 1e-3f;
                    v[i] = rnd.nextFloat() * 1e-5f;
                }
                float[] p2 = p.clone(), m2 = m.clone(), v2 = v.clone();
                float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f, l2 = variant == 1 ? 1e-4f : 0f;
                float oneMinus1 = (float) (1 - 0.9), oneMinus2 = (float) (1 - 0.999);
                float step = (float) (1e-3 / (1 - Math.pow(0.9, 3 + variant)));
                float c2 = (float) Math.sqrt(1 - Math.pow(0.999, 3 + variant));
                AdamFloat.plain(p, g, m, v, off, off + length, b1, oneMinus1, b2, oneMinus2, eps, l2, step, c2);
                if (variant == 2) {
                    AdamFloat.update(THREE, p2, g, m2, v2, off, length, b1, oneMinus1, b2, oneMinus2, eps, l2, step, c2);
                } else {
                    UpdateKernels.adam(p2, g, m2, v2, off, length, b1, oneMinus1, b2, oneMinus2, eps, l2, step, c2);
                }
                String what = "length " + length + ", variant " + variant;
                TeamCheck.sameBits(p, p2, "params, " + what);
                TeamCheck.sameBits(m, m2, "m, " + what);
                TeamCheck.sameBits(v, v2, "v, " + what);
            }
        }
    }

    @Test
    void doubleAdamIsBitwiseTheGeneratedLoop() {
        for (int length : LENGTHS) {
            Random rnd = new Random(length);
            double[] p = new double[length], g = new double[length], m = new double[length], v = new double[length];
            for (int i = 0; i < length; i++) {
                p[i] = rnd.nextDouble() - 0.5;
                g[i] = (rnd.nextDouble() - 0.5) * 1e-2;
                v[i] = rnd.nextDouble() * 1e-5;
            }
            double[] p2 = p.clone(), m2 = m.clone(), v2 = v.clone();
            AdamDouble.plain(p, g, m, v, 0, length, 0.9, 1 - 0.9, 0.999, 1 - 0.999, 1e-8, 1e-4, 0.01, 0.05);
            AdamDouble.update(THREE, p2, g, m2, v2, 0, length, 0.9, 1 - 0.9, 0.999, 1 - 0.999, 1e-8, 1e-4, 0.01,
                    0.05);
            TeamCheck.sameBits(p, p2, "params, length " + length);
            TeamCheck.sameBits(v, v2, "v, length " + length);
        }
    }

    @Test
    void badRangesAreRejected() {
        float[] a = new float[10];
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> UpdateKernels.adam(a, a, a, new float[8], 2, 7, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 0, 1e-3f, 1));
        assertEquals("[2, 9) does not fit in params (10), grads (10), m (10) and v (8)", e.getMessage());
    }

    @Test
    void adamAllocatesNothing() {
        float[] p = new float[70_000], g = new float[p.length], m = new float[p.length], v = new float[p.length];
        Runnable step = () -> {
            UpdateKernels.adam(p, g, m, v, 0, p.length, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 1e-4f, 1e-3f, 0.5f);
            UpdateKernels.adam(p, g, m, v, 3, 37, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 0f, 1e-3f, 0.5f);
        };
        assertEquals(0, Allocations.leastOverWindows(step, 3000, 300), "UpdateKernels.adam allocated");
    }
}
