package dev.castnet.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Runs in its own surefire execution, in a JVM started without {@code --add-modules jdk.incubator.vector}, as a
 * user's plain {@code java} command would be: the kernels must fall back to the plain loops and never touch the
 * vector class (which would fail here with NoClassDefFoundError).
 */
class DenseKernelsWithoutVectorModuleTest {

    @Test
    void plainLoopsServeAJvmWithoutTheVectorModule() {
        assertFalse(DenseKernels.vectorModulePresent(), "this execution must run without the vector module");
        assertFalse(DenseKernels.VECTOR);
        assertEquals("plain Java loops", DenseKernels.implementation());
        Reference.checkFloat(Impl.DISPATCH, 64, 784, 256, true, 1);
        Reference.checkFloat(Impl.DISPATCH, 7, 13, 83, false, 2);
        Reference.checkDouble(Impl.DISPATCH, 5, 97, 41, true, 3);
        Reference.checkDouble(Impl.DISPATCH, 1, 2, 3, false, 4);
        float[] p = {1f, -2f, 3f}, g = {0.1f, 0.2f, -0.3f}, m = new float[3], v = new float[3];
        float[] p2 = p.clone(), m2 = m.clone(), v2 = v.clone();
        UpdateKernels.adam(p, g, m, v, 0, 3, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 1e-4f, 0.01f, 0.03f);
        AdamFloat.plain(p2, g, m2, v2, 0, 3, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 1e-4f, 0.01f, 0.03f);
        TeamCheck.sameBits(p2, p, "adam without the vector module");
    }
}
