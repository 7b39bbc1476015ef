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
    }
}
