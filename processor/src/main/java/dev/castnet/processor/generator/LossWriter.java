package dev.castnet.processor.generator;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.castnet.dsl.model.LossKind;

/**
 * One unit per loss (SPEC §2): the method computing the mean data loss of a batch and writing its gradient into
 * {@link Plan#lossDelta()}.
 */
enum LossWriter {
    CROSS_ENTROPY("lossCrossEntropy") {
        @Override
        void body(NetworkWriter w, Plan plan, MethodSpec.Builder m) {
            String out = plan.outputBuffer();
            String delta = plan.lossDelta();
            String z = plan.logits();
            m.addJavadoc("Softmax and the mean cross-entropy over the batch in one pass, sharing the exponentials:\n"
                    + "the softmax into $L as forwardSoftmax computes it, the loss from the logits by\n"
                    + "log-sum-exp, and its gradient with respect to the logits, (p - onehot) / batch, into $L.\n",
                    out, delta);
            m.addParameter(ArrayTypeName.of(TypeName.INT), "labels");
            m.addStatement("double total = 0");
            m.addStatement("double scale = 1.0 / batch");
            m.beginControlFlow("for (int b = 0; b < batch; b++)");
            m.addStatement("int label = labels[b]");
            m.beginControlFlow("if (label < 0 || label >= OUTPUT_SIZE)");
            m.addStatement("throw new $T($S + b + $S + label)", IllegalArgumentException.class,
                    "label of sample ", " must be in [0, " + plan.outputSize() + "), got ");
            m.endControlFlow();
            m.addStatement("int row = b * OUTPUT_SIZE");
            SoftmaxOp.row(m, w, j -> z + "[" + j + "]", out,
                    s -> s.addStatement("total += max + log(sum) - $L[row + label]", z),
                    s -> s.addStatement("$L[row + j] = $L", delta, w.narrow(out + "[row + j] * scale")));
            m.addStatement("$L[row + label] = $L", delta, w.narrow("(" + out + "[row + label] - 1) * scale"));
            m.endControlFlow();
            m.addStatement("return total / batch");
        }
    },
    BINARY_CROSS_ENTROPY("lossBinaryCrossEntropy") {
        @Override
        void body(NetworkWriter w, Plan plan, MethodSpec.Builder m) {
            String out = plan.outputBuffer();
            String delta = plan.lossDelta();
            m.addJavadoc("Mean binary cross-entropy over batch and outputs, each log clamped at -100 as PyTorch's\n"
                    + "BCELoss; writes its gradient with respect to the output into $L.\n", delta);
            m.addParameter(w.array(), "targets");
            m.addStatement("int n = batch * OUTPUT_SIZE");
            m.addStatement("double total = 0");
            m.beginControlFlow("for (int i = 0; i < n; i++)");
            m.addStatement("double p = $L[i]", out);
            m.addStatement("double t = targets[i]");
            m.addStatement("total -= t * max(log(p), -100) + (1 - t) * max(log1p(-p), -100)");
            m.addStatement("$L[i] = $L", delta, w.narrow("(p - t) / max((1 - p) * p, 1e-12) / n"));
            m.endControlFlow();
            m.addStatement("return total / n");
        }
    },
    MSE("lossMse") {
        @Override
        void body(NetworkWriter w, Plan plan, MethodSpec.Builder m) {
            String out = plan.outputBuffer();
            String delta = plan.lossDelta();
            m.addJavadoc("Mean squared error over batch and outputs; writes its gradient into $L.\n", delta);
            m.addParameter(w.array(), "targets");
            m.addStatement("int n = batch * OUTPUT_SIZE");
            m.addStatement("double total = 0");
            m.beginControlFlow("for (int i = 0; i < n; i++)");
            m.addStatement("double d = $L[i] - targets[i]", out);
            m.addStatement("total += d * d");
            m.addStatement("$L[i] = $L", delta, w.narrow("2 * d / n"));
            m.endControlFlow();
            m.addStatement("return total / n");
        }
    };

    private final String method;

    LossWriter(String method) {
        this.method = method;
    }

    static LossWriter of(LossKind kind) {
        return valueOf(kind.name());
    }

    String method() {
        return method;
    }

    /** True when the loss takes class labels rather than targets. */
    boolean labels() {
        return this == CROSS_ENTROPY;
    }

    /** Parameters after {@code batch}, javadoc and body of the loss method. */
    abstract void body(NetworkWriter w, Plan plan, MethodSpec.Builder m);
}
