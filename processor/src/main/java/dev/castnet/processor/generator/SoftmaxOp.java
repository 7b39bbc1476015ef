package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import dev.castnet.processor.generator.Plan.Constant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Softmax into its own buffer, so the logits stay available for a stable log-sum-exp in the loss; its backward is
 * fused into the cross-entropy gradient, which the loss writes into the logits' gradient directly. In training the
 * loss computes the softmax too ({@link #row}), sharing its exponentials: {@code forwardTraining} stops before it.
 */
record SoftmaxOp(String in, String out, String inDelta, int inSize) implements Op {

    static SoftmaxOp lower(int size, Lowering.Context c) {
        String out = c.buffer("softmaxOut", size, "OUTPUT_SIZE");
        return new SoftmaxOp(c.current(), out, c.currentDelta(), size);
    }

    @Override
    public String method() {
        return "Softmax";
    }

    @Override
    public String outDelta() {
        return null;
    }

    @Override
    public int outSize() {
        return inSize;
    }

    @Override
    public boolean needsBackward() {
        return false;
    }

    @Override
    public Op withoutInputGradient() {
        return new SoftmaxOp(in, out, null, inSize);
    }

    @Override
    public List<Constant> constants() {
        return List.of();
    }

    @Override
    public void forward(NetworkWriter w) {
        MethodSpec.Builder m = w.opMethod("forwardSoftmax", this, true);
        m.addJavadoc("Softmax per sample, shifted by the row maximum so exp cannot overflow.\n");
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int row = b * OUTPUT_SIZE");
        row(m, w, j -> w.in(this, j), out, n -> { }, n -> { });
        m.endControlFlow();
        w.add(m.build());
    }

    /**
     * The softmax of one row ({@code int row} declared), for inference here and fused into the cross-entropy loss
     * in training, so both compute the same bits: the row maximum {@code max}, then {@code e = exp(in - max)}
     * stored into {@code out} and summed into {@code sum}, then {@code afterSum}, then {@code out} divided by
     * {@code sum} with {@code perElement} after each element's division (index {@code row + j}).
     */
    static void row(MethodSpec.Builder m, NetworkWriter w, Function<String, String> in, String out,
                    Consumer<MethodSpec.Builder> afterSum, Consumer<MethodSpec.Builder> perElement) {
        m.addStatement("double max = $L", in.apply("row"));
        m.beginControlFlow("for (int j = 1; j < OUTPUT_SIZE; j++)");
        m.addStatement("max = max(max, $L)", in.apply("row + j"));
        m.endControlFlow();
        m.addStatement("double sum = 0");
        m.beginControlFlow("for (int j = 0; j < OUTPUT_SIZE; j++)");
        m.addStatement("double e = exp($L - max)", in.apply("row + j"));
        m.addStatement("$L[row + j] = $L", out, w.narrow("e"));
        m.addStatement("sum += e");
        m.endControlFlow();
        afterSum.accept(m);
        m.beginControlFlow("for (int j = 0; j < OUTPUT_SIZE; j++)");
        m.addStatement("$L[row + j] = $L", out, w.narrow(out + "[row + j] / sum"));
        perElement.accept(m);
        m.endControlFlow();
    }

    @Override
    public void backward(NetworkWriter w) {
        throw new IllegalStateException("softmax's backward is fused into the cross-entropy gradient");
    }
}
