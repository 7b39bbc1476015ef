package dev.castnet.processor.generator;

import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.BatchNormStats;
import dev.castnet.dsl.model.DropoutMode;
import dev.castnet.dsl.model.Network;
import java.util.List;

/**
 * The lowered form of one {@link Network}: the kernels of a step in order, the buffers they read and write,
 * and where every tensor lives. Code generation only prints this plan; memory decisions (which activation runs
 * in place, which buffers exist) are made by {@link Lowering} and can be tested without generating code.
 *
 * <p>Trainable tensors live back to back in one {@code params} array (gradients in a {@code grads} array of
 * the same layout, optimizer state likewise), so clipping by global norm is one pass; running statistics live
 * in a {@code stats} array.
 *
 * @param ops the forward kernels in order; backward runs them in reverse
 * @param buffers every activation-sized buffer and per-layer cache, in allocation order
 * @param outputBuffer the buffer holding the network's output
 * @param lossDelta the buffer the loss writes its gradient into: the softmax input's gradient for cross_entropy
 *     (softmax and cross_entropy are fused), otherwise the output's gradient
 * @param logits for cross_entropy, the softmax input (used for a stable log-sum-exp); otherwise null
 */
record Plan(Network network, boolean doublePrecision, int inputSize, int outputSize, List<Tensor> tensors,
        List<Buffer> buffers, List<Op> ops, String outputBuffer, String lossDelta, String logits,
        int parameterCount, int statisticsCount, List<Block> blocks) {

    /** Name of the network input, which is a method argument rather than a field. */
    static final String INPUT = "x";

    Plan {
        tensors = List.copyOf(tensors);
        buffers = List.copyOf(buffers);
        ops = List.copyOf(ops);
        blocks = List.copyOf(blocks);
    }

    List<Tensor> trainable() {
        return tensors.stream().filter(Tensor::trainable).toList();
    }

    List<BatchNorm> batchNorms() {
        return ops.stream().filter(o -> o instanceof BatchNorm).map(o -> (BatchNorm) o).toList();
    }

    List<Dropout> dropouts() {
        return ops.stream().filter(o -> o instanceof Dropout).map(o -> (Dropout) o).toList();
    }

    List<Dense> denses() {
        return ops.stream().filter(o -> o instanceof Dense).map(o -> (Dense) o).toList();
    }

    enum Role { WEIGHT, BIAS, GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR }

    /**
     * A named tensor at {@code offset} in {@code params} (trainable) or {@code stats} (running statistics).
     * {@code constant} is the name of the generated offset constant, e.g. {@code DENSE0_WEIGHT}.
     */
    record Tensor(String name, int[] shape, Role role, int offset, int size, String constant) {
        boolean trainable() {
            return role != Role.RUNNING_MEAN && role != Role.RUNNING_VAR;
        }

        /** Weight regularization applies to dense weights only (not biases, not γ/β). */
        boolean regularized() {
            return role == Role.WEIGHT;
        }
    }

    /** A buffer of {@code perSample} values per sample ({@code batched}) or of {@code perSample} values in all. */
    record Buffer(String name, int perSample, boolean batched) {}

    /** An element-wise function applied in place after a kernel, while its output row is hot. */
    record Eltwise(ActivationKind kind, double alpha) {}

    /**
     * One kernel. {@code in} is {@link #INPUT} or a buffer; {@code inDelta} is null when the input is the
     * network input (its gradient is not needed). {@code post} is an activation fused in place on {@code out}
     * (its derivative is taken from the output), or null.
     */
    sealed interface Op permits Dense, BatchNorm, Dropout, Activation, Softmax {
        String method();

        String in();

        String out();

        String inDelta();

        String outDelta();

        int inSize();

        int outSize();
    }

    record Dense(int index, String in, String out, String inDelta, String outDelta, int inSize, int outSize,
            Tensor weight, Tensor bias, Eltwise post) implements Op {
        @Override
        public String method() {
            return "Dense" + index;
        }
    }

    record BatchNorm(int index, String in, String out, String inDelta, String outDelta, int inSize, String xhat,
            String mean, String invStd, double momentum, double eps, BatchNormStats stats, Tensor gamma, Tensor beta,
            Tensor runningMean, Tensor runningVar, Eltwise post) implements Op {
        @Override
        public int outSize() {
            return inSize;
        }

        @Override
        public String method() {
            return "Batchnorm" + index;
        }
    }

    /** {@code field} is the name of the live drop-probability field. */
    record Dropout(int index, String in, String out, String inDelta, String outDelta, int inSize, String mask,
            double p, DropoutMode mode, String field, Eltwise post) implements Op {
        @Override
        public int outSize() {
            return inSize;
        }

        @Override
        public String method() {
            return "Dropout" + index;
        }
    }

    /** A standalone activation (after the input or after another activation) with its own output buffer. */
    record Activation(int index, Eltwise fn, String in, String out, String inDelta, String outDelta, int inSize)
            implements Op {
        @Override
        public int outSize() {
            return inSize;
        }

        @Override
        public String method() {
            return "Activation" + index;
        }
    }

    /** Softmax into its own buffer; its backward is fused into the cross-entropy gradient. */
    record Softmax(String in, String out, String inDelta, String outDelta, int inSize) implements Op {
        @Override
        public int outSize() {
            return inSize;
        }

        @Override
        public String method() {
            return "Softmax";
        }
    }

    /**
     * A dense layer's block as the annotated interface sees it (dense → batchnorm → activation → dropout up to
     * the next dense layer): {@code output} is the buffer holding the block's output.
     */
    record Block(Dense dense, String output) {}
}
