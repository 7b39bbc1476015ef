package dev.castnet.runtime;

import java.util.List;

/**
 * Named tensors of a network (parameters, gradients or optimizer state), exchanged as {@code double[]}
 * whatever the precision of the generated code. Dense weights are {@code [in][out]} row-major.
 */
public interface Parameters {
    /** Tensor names in a stable order, e.g. {@code dense0.weight}, {@code dense0.bias}, {@code batchnorm0.gamma}. */
    List<String> names();

    /** The tensor's shape; throws {@link IllegalArgumentException} naming the known tensors for an unknown name. */
    int[] shape(String name);

    /** A copy of the tensor's values. */
    double[] read(String name);

    /** Overwrites the tensor; the length must equal the product of its shape. */
    void write(String name, double[] values);
}
