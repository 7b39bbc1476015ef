package dev.castnet.processor.generator;

import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.Eltwise;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.List;

/**
 * One kernel of a training step: a unit with everything code generation needs to know about its kind — the
 * constants and tensors it declares, its forward in training and inference, its backward, its initialization.
 * Each kind lowers itself from its {@link dev.castnet.dsl.model.Layer} ({@link Lowering} holds one line per kind)
 * and prints itself through the {@link NetworkWriter} it is given.
 *
 * <p>{@code in} is {@link Plan#INPUT} or a buffer; {@code inDelta} is null when no gradient with respect to the
 * input is needed (nothing before the op has parameters). Sizes are per sample.
 */
sealed interface Op permits DenseOp, BatchNormOp, DropoutOp, ActivationOp, SoftmaxOp, Conv2dOp, PoolOp,
        GlobalAvgPoolOp, RecurrentOp {

    /** The op's part of generated method names: {@code Dense0} in {@code forwardDense0}. */
    String method();

    String in();

    String out();

    String inDelta();

    String outDelta();

    int inSize();

    int outSize();

    /** The model layer this op implements ({@code dense0}), for layer views; null for unnamed ops. */
    default String layerName() {
        return null;
    }

    /** The tensors the op owns, trainable and statistics, in the order they are laid out. */
    default List<Tensor> tensors() {
        return List.of();
    }

    /** True when the op has parameters to train: backward must run for it even when no gradient flows past it. */
    default boolean hasParameters() {
        return tensors().stream().anyMatch(Tensor::trainable);
    }

    /** The buffers the op uses besides its input, output and their gradients (caches, scratch), for pruning. */
    default List<String> caches() {
        return List.of();
    }

    /** The same op without the gradient with respect to its input. */
    Op withoutInputGradient();

    /**
     * The same op with an element-wise activation applied in place on its output, or null when the op's backward
     * needs its own output (or its output is not its own to change).
     */
    default Op withPost(Eltwise fn) {
        return null;
    }

    /** The activation fused on the output, or null. */
    default Eltwise post() {
        return null;
    }

    /** The int constants the op declares (sizes and shapes), public ones first in the class. */
    List<Constant> constants();

    /** Javadoc of one of the op's buffers, or null when the buffer is not the op's. */
    default String describe(String buffer, NetworkWriter w) {
        String after = post() != null ? " after " + post().kind().word() : "";
        if (buffer.equals(out())) return "Output of " + w.layerWord(this) + after + ", {@code " + w.shape(buffer) + "}.";
        if (buffer.equals(outDelta())) {
            return "Gradient of the loss with respect to {@code " + out() + "}, {@code " + w.shape(buffer) + "}.";
        }
        return null;
    }

    /** Adds the forward method(s): one for training and inference, or one of each. */
    void forward(NetworkWriter w);

    /**
     * Adds only the inference-mode forward method (the one {@code forwardCall(false, …)} names), for classes that
     * only run inference (the int8 class reuses every op without weights this way).
     */
    default void forwardInference(NetworkWriter w) {
        if (hasModes()) throw new IllegalStateException(method() + " has modes and must write its inference forward");
        forward(w);
    }

    /** The buffers the inference forward uses besides its input and output. */
    default List<String> inferenceCaches() {
        return caches();
    }

    /** The call in {@code forwardTraining} or {@code forwardInference}; {@code xOff} offsets the input array. */
    default String forwardCall(boolean training, String xOff) {
        String args = in().equals(Plan.INPUT) ? "x, " + xOff + ", batch" : "batch";
        return "forward" + method() + (hasModes() ? training ? "Training" : "Inference" : "") + "(" + args + ")";
    }

    /** True when training and inference differ (batch statistics, dropout masks). */
    default boolean hasModes() {
        return false;
    }

    /** Whether backward runs for this op: it has parameters, or a gradient flows past it. */
    default boolean needsBackward() {
        return hasParameters() || inDelta() != null;
    }

    /** Adds the backward method. */
    void backward(NetworkWriter w);

    /** The call in {@code backward}. */
    default String backwardCall() {
        return "backward" + method() + "(" + (readsInputInBackward() && in().equals(Plan.INPUT) ? "x, batch" : "batch")
                + ")";
    }

    /** True when backward reads the op's input (a weight gradient), which may be the caller's array. */
    default boolean readsInputInBackward() {
        return false;
    }

    /** Statements of {@code initialize()} that draw or set the op's tensors, layer by layer. */
    default void initialize(NetworkWriter w, com.palantir.javapoet.MethodSpec.Builder init) {}
}
