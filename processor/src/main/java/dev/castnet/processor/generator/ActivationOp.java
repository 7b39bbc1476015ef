package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.Eltwise;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A standalone element-wise activation with its own output buffer: after the input (the caller's array, which
 * must not change) or after an op whose backward needs its own output (another activation, softmax input).
 * Its derivative is computed from its output.
 */
record ActivationOp(int index, Eltwise fn, String in, String out, String inDelta, String outDelta, int inSize)
        implements Op {

    static ActivationOp lower(Eltwise fn, int size, Lowering.Context c) {
        int i = c.next("activation");
        String p = "activation" + i;
        String s = "ACTIVATION" + i + "_SIZE";
        String out = c.buffer(p + "Out", size, s);
        String delta = c.buffer(p + "Delta", size, s);
        return new ActivationOp(i, fn, c.current(), out, c.currentDelta(), delta, size);
    }

    private String size() {
        return "ACTIVATION" + index + "_SIZE";
    }

    @Override
    public String method() {
        return "Activation" + index;
    }

    @Override
    public int outSize() {
        return inSize;
    }

    @Override
    public Op withoutInputGradient() {
        return new ActivationOp(index, fn, in, out, null, outDelta, inSize);
    }

    @Override
    public List<Constant> constants() {
        return List.of(new Constant(size(), inSize, null, true));
    }

    @Override
    public void forward(NetworkWriter w) {
        MethodSpec.Builder m = w.opMethod("forwardActivation" + index, this, true);
        m.addJavadoc("$L into its own buffer.\n", fn.kind().word());
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", size());
        m.addStatement("$L", w.activation(fn, out + "[i]", w.in(this, "i")));
        m.endControlFlow();
        w.add(m.build());
    }

    @Override
    public void backward(NetworkWriter w) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("backwardActivation" + index)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        m.addJavadoc("$L' from its output.\n", fn.kind().word());
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", size());
        m.addStatement("$L", w.derivative(fn, inDelta + "[i]", outDelta + "[i]", out + "[i]"));
        m.endControlFlow();
        w.add(m.build());
    }
}
