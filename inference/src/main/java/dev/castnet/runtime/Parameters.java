package dev.castnet.runtime;

import java.util.List;

/**
 * Named tensors of a network (parameters, gradients or optimizer state), exchanged as {@code double[]}
 * whatever the precision of the generated code. Dense weights are {@code [in][out]} row-major.
 */
public interface Parameters {
    /**
     * {@return the tensor names in a stable order}, e.g. {@code dense0.weight}, {@code dense0.bias}, {@code
     * batchnorm0.gamma}.
     */
    List<String> names();

    /**
     * The shape of a tensor.
     *
     * @param name a name of {@link #names()}
     * @return the tensor's dimensions, e.g. {@code {784, 256}} for a dense weight {@code [in][out]}
     * @throws IllegalArgumentException for an unknown name, naming the known tensors
     */
    int[] shape(String name);

    /**
     * Reads a tensor.
     *
     * @param name a name of {@link #names()}
     * @return a copy of the tensor's values, row-major in its shape
     * @throws IllegalArgumentException for an unknown name, naming the known tensors
     */
    double[] read(String name);

    /**
     * Overwrites a tensor (a float network rounds each value to float).
     *
     * @param name a name of {@link #names()}
     * @param values the new values, row-major; as many as the product of the tensor's shape
     * @throws IllegalArgumentException for an unknown name or a wrong length
     */
    void write(String name, double[] values);
}
