package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.castnet.dsl.model.DropoutMode;
import dev.castnet.dsl.model.Layer;
import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.Eltwise;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@code dropout}, element-wise at any rank: the mask holds 0 for a dropped unit and the scale for a kept one, so
 * backward needs only the mask and an activation can run in place. {@code field} is the live drop probability.
 */
record DropoutOp(Layer.Dropout layer, String in, String out, String inDelta, String outDelta, String mask,
        String field, Eltwise post) implements Op {

    static DropoutOp lower(Layer.Dropout dr, Lowering.Context c) {
        String p = dr.name();
        String size = "DROPOUT" + dr.index() + "_SIZE";
        int n = dr.in().size();
        String out = c.buffer(p + "Out", n, size);
        String delta = c.buffer(p + "Delta", n, size);
        String mask = c.buffer(p + "Mask", n, size);
        return new DropoutOp(dr, c.current(), out, c.currentDelta(), delta, mask, p + "P", null);
    }

    int index() {
        return layer.index();
    }

    double p() {
        return layer.p();
    }

    private String size() {
        return "DROPOUT" + index() + "_SIZE";
    }

    @Override
    public String method() {
        return "Dropout" + index();
    }

    @Override
    public int inSize() {
        return layer.in().size();
    }

    @Override
    public int outSize() {
        return inSize();
    }

    @Override
    public boolean hasModes() {
        return true;
    }

    @Override
    public List<String> caches() {
        return List.of(mask);
    }

    @Override
    public Op withoutInputGradient() {
        return new DropoutOp(layer, in, out, null, outDelta, mask, field, post);
    }

    @Override
    public Op withPost(Eltwise fn) {
        return post == null ? new DropoutOp(layer, in, out, inDelta, outDelta, mask, field, fn) : null;
    }

    @Override
    public List<Constant> constants() {
        return List.of(new Constant(size(), inSize(), null, true));
    }

    @Override
    public String describe(String buffer, NetworkWriter w) {
        if (buffer.equals(mask)) return "Mask of dropout" + index() + ": 0 for dropped units, the scale for kept ones.";
        return Op.super.describe(buffer, w);
    }

    @Override
    public void forward(NetworkWriter w) {
        int k = index();
        String f = size();
        boolean inverted = layer.mode() == DropoutMode.INVERTED;
        MethodSpec.Builder m = w.opMethod("forwardDropout" + k + "Training", this, true);
        m.addJavadoc("dropout$L in training: drop each unit with probability $L; $L$L.\n", k, field,
                inverted ? "kept units are scaled by 1/(1 - p) (inverted dropout)" : "kept units are not scaled",
                post != null ? ", then " + post.kind().word() + " in place" : "");
        m.addStatement("double p = $L", field);
        m.addStatement("$T keep = $L", w.real(), inverted ? w.narrow("1 / (1 - p)") : w.dbl() ? "1" : "1f");
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", f);
        m.addStatement("$L[i] = rng.nextDouble() < p ? 0 : keep", mask);
        m.addStatement("$L[i] = $L * $L[i]", out, w.in(this, "i"), mask);
        m.endControlFlow();
        w.postForward(m, post, out, f);
        w.add(m.build());
        forwardInference(w);
    }

    @Override
    public List<String> inferenceCaches() {
        return List.of();
    }

    @Override
    public void forwardInference(NetworkWriter w) {
        int k = index();
        String f = size();
        boolean inverted = layer.mode() == DropoutMode.INVERTED;
        MethodSpec.Builder i = w.opMethod("forwardDropout" + k + "Inference", this, true);
        i.addJavadoc("dropout$L at inference: $L$L.\n", k, inverted ? "the identity" : "outputs scaled by 1 - p",
                post != null ? ", then " + post.kind().word() + " in place" : "");
        if (inverted) {
            i.addStatement("$T.arraycopy($L, $L, $L, 0, batch * $L)", System.class,
                    in.equals(Plan.INPUT) ? "x" : in, in.equals(Plan.INPUT) ? "xOff" : "0", out, f);
        } else {
            i.addStatement("$T scale = $L", w.real(), w.narrow("1 - " + field));
            i.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", f);
            i.addStatement("$L[i] = $L * scale", out, w.in(this, "i"));
            i.endControlFlow();
        }
        w.postForward(i, post, out, f);
        w.add(i.build());
    }

    @Override
    public void backward(NetworkWriter w) {
        String f = size();
        MethodSpec.Builder m = MethodSpec.methodBuilder("backwardDropout" + index())
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        m.addJavadoc("dropout$L: the gradient flows through kept units with the same scale.\n", index());
        w.postBackward(m, post, out, outDelta, f);
        m.beginControlFlow("for (int i = 0, n = batch * $L; i < n; i++)", f);
        m.addStatement("$L[i] = $L[i] * $L[i]", inDelta, outDelta, mask);
        m.endControlFlow();
        w.add(m.build());
    }
}
