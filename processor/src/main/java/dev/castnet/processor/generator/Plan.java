package dev.castnet.processor.generator;

import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Cost;
import dev.castnet.dsl.model.Network;
import dev.castnet.runtime.kernel.DenseKernels;
import java.util.List;

/**
 * The lowered form of one {@link Network}: the kernels of a step in order, the buffers they read and write, and
 * where every tensor lives. Code generation only prints this plan; memory decisions (which activation runs in
 * place, which buffers exist) are made by {@link Lowering} and can be tested without generating code, and the
 * memory figures {@code castnet check} prints and the generated constants state come from {@link #cost}: the
 * buffers the generated constructor really allocates.
 *
 * <p>Trainable tensors live back to back in one {@code params} array (gradients in a {@code grads} array of the
 * same layout, optimizer state likewise), so clipping by global norm is one pass; running statistics live in a
 * {@code stats} array.
 *
 * @param ops the forward kernels in order; backward runs them in reverse
 * @param buffers every activation-sized buffer, per-layer cache and scratch array, in allocation order
 * @param outputBuffer the buffer holding the network's output
 * @param lossDelta the buffer the loss writes its gradient into: the softmax input's gradient for cross_entropy
 *     (softmax and cross_entropy are fused), otherwise the output's gradient
 * @param logits for cross_entropy, the softmax input (used for a stable log-sum-exp); otherwise null
 */
record Plan(Network network, boolean doublePrecision, int inputSize, int outputSize, List<Tensor> tensors,
        List<Buffer> buffers, List<Op> ops, String outputBuffer, String lossDelta, String logits,
        int parameterCount, int statisticsCount) {

    /** Name of the network input, which is a method argument rather than a field. */
    static final String INPUT = "x";

    /**
     * Where the first trainable tensor starts in {@code params}, {@code grads} and the optimizer state: the element
     * that starts a 64-byte cache line in the arrays {@code DenseKernels.alignedFloats} and {@code alignedDoubles}
     * allocate (12 floats or 6 doubles past the 16-byte array header), so the first weight matrix, and every tensor
     * after tensors whose sizes are multiples of 16 floats, is read by the vector kernels in whole lines.
     */
    static int parameterBase(boolean doublePrecision) {
        return doublePrecision ? DenseKernels.ALIGNED_DOUBLE : DenseKernels.ALIGNED_FLOAT;
    }

    /** {@link #parameterBase(boolean)} of this plan's precision. */
    int parameterBase() {
        return parameterBase(doublePrecision);
    }

    Plan {
        tensors = List.copyOf(tensors);
        buffers = List.copyOf(buffers);
        ops = List.copyOf(ops);
    }

    List<Tensor> trainable() {
        return tensors.stream().filter(Tensor::trainable).toList();
    }

    /** The tensors magnitude pruning works on: every weight and recurrent weight (SPEC §6), in layout order. */
    List<Tensor> prunable() {
        return tensors.stream().filter(Tensor::prunable).toList();
    }

    /** The ops of one kind, in order. */
    <T extends Op> List<T> ops(Class<T> kind) {
        return ops.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Bytes of one element of the network's arrays. */
    int elementBytes() {
        return doublePrecision ? 8 : 4;
    }

    /** Bytes per sample of the buffers sized by the batch. */
    long activationBytesPerSample() {
        long n = 0;
        for (Buffer b : buffers) if (b.batched()) n += (long) b.perSample() * b.bytes(elementBytes());
        return n;
    }

    /** Bytes of the arrays whose size does not depend on the batch (per-feature statistics, accumulators). */
    long workspaceBytes() {
        long n = 0;
        for (Buffer b : buffers) if (!b.batched()) n += (long) b.perSample() * b.bytes(elementBytes());
        return n;
    }

    /**
     * Bytes of {@code params}, {@code grads} and {@code stats}: the first two hold the trainable tensors from
     * {@link #parameterBase()} on. Arrays that {@code DenseKernels.alignedFloats} grows to a heap region of their own
     * (large networks under G1) take more than this.
     */
    long parameterBytes() {
        return (long) elementBytes() * (2L * (parameterBase() + parameterCount) + statisticsCount);
    }

    /** Bytes of the optimizer's state arrays, laid out as {@code params} (see {@link #parameterBytes()}). */
    long optimizerStateBytes() {
        return (long) elementBytes() * OptimizerWriter.of(network.optimizer().kind()).states().size()
                * (parameterBase() + parameterCount);
    }

    /** What an instance built for {@code maxBatch} samples allocates, array by array. */
    Cost cost(int maxBatch) {
        return new Cost(parameterCount, parameterBytes(), maxBatch * activationBytesPerSample() + workspaceBytes(),
                optimizerStateBytes());
    }

    enum Role {
        WEIGHT, RECURRENT_WEIGHT, BIAS, RECURRENT_BIAS, GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR;

        boolean trainable() {
            return this != RUNNING_MEAN && this != RUNNING_VAR;
        }
    }

    /**
     * A named tensor at {@code offset} in {@code params} (trainable) or {@code stats} (running statistics).
     * {@code constant} is the name of the generated offset constant, e.g. {@code DENSE0_WEIGHT}; {@code shape} holds
     * the constant expressions of its dimensions, e.g. {@code IN_0, OUT_0}.
     */
    record Tensor(String name, int[] dims, String shape, Role role, int offset, int size, String constant) {
        boolean trainable() {
            return role.trainable();
        }

        /** L1/L2 apply to weights and recurrent weights, never to biases or γ/β (SPEC §2). */
        boolean regularized() {
            return role == Role.WEIGHT || role == Role.RECURRENT_WEIGHT;
        }

        /** Pruning, like regularization, works on weights and recurrent weights only (SPEC §6). */
        boolean prunable() {
            return role == Role.WEIGHT || role == Role.RECURRENT_WEIGHT;
        }
    }

    /**
     * An array of the network: {@code perSample} elements per sample when {@code batched}, else {@code perSample}
     * elements in all; {@code size} is the constant expression for {@code perSample}. {@code type} is the element
     * type: the network's precision, {@code int} (pooling's argmax positions) or {@code double} (accumulators that
     * stay exact in float networks).
     */
    record Buffer(String name, int perSample, String size, boolean batched, ElementType type) {
        static Buffer real(String name, int perSample, String size) {
            return new Buffer(name, perSample, size, true, ElementType.REAL);
        }

        long bytes(int realBytes) {
            return switch (type) {
                case REAL -> realBytes;
                case INT -> 4;
                case DOUBLE -> 8;
            };
        }
    }

    enum ElementType { REAL, INT, DOUBLE }

    /** An element-wise function applied in place after a kernel, while its output row is hot. */
    record Eltwise(ActivationKind kind, double alpha) {}

    /** A generated {@code int} constant: {@code IN_0 = 784}. */
    record Constant(String name, int value, String doc, boolean isPublic) {}
}
