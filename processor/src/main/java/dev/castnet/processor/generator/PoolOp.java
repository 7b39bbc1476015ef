package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.PoolKind;
import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.Eltwise;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@code maxpool} / {@code avgpool}: K×K windows moved by the stride, channels last, the innermost loops along the
 * channels (contiguous) in forms HotSpot vectorizes. Max pooling keeps only the maxima; backward finds each window's
 * first element equal to its maximum (PyTorch's choice among equal ones) and sends the gradient there, so the
 * forward pass stays a plain running max, and an activation after max pooling gets its own buffer (backward compares
 * with the output as computed). Average pooling spreads the gradient evenly and takes an activation in place.
 */
record PoolOp(Layer.Pool layer, String in, String out, String inDelta, String outDelta, String claimed, Eltwise post)
        implements Op {

    static PoolOp lower(Layer.Pool l, Lowering.Context c) {
        String p = prefix(l);
        int n = l.out().size();
        String size = p + "OUT_H * " + p + "OUT_W * " + p + "C";
        String out = c.buffer(l.name() + "Out", n, size);
        String delta = c.buffer(l.name() + "Delta", n, size);
        String claimed = l.kind() == PoolKind.MAX ? c.fixedInts(l.name() + "Claimed", l.in().dim(2), p + "C") : null;
        return new PoolOp(l, c.current(), out, c.currentDelta(), delta, claimed, null);
    }

    private static String prefix(Layer.Pool l) {
        return l.name().toUpperCase(java.util.Locale.ROOT) + "_";
    }

    private String p() {
        return prefix(layer);
    }

    private boolean max() {
        return layer.kind() == PoolKind.MAX;
    }

    @Override
    public String method() {
        return (max() ? "Maxpool" : "Avgpool") + layer.index();
    }

    @Override
    public int inSize() {
        return layer.in().size();
    }

    @Override
    public int outSize() {
        return layer.out().size();
    }

    @Override
    public List<String> caches() {
        return claimed != null && inDelta != null ? List.of(claimed) : List.of();
    }

    @Override
    public Op withoutInputGradient() {
        return new PoolOp(layer, in, out, null, outDelta, claimed, post);
    }

    @Override
    public Op withPost(Eltwise fn) {
        return post == null && !max() ? new PoolOp(layer, in, out, inDelta, outDelta, claimed, fn) : null;
    }

    @Override
    public List<Constant> constants() {
        String n = layer.name();
        return List.of(new Constant(p() + "IN_H", layer.in().dim(0), "Input height of " + n, true),
                new Constant(p() + "IN_W", layer.in().dim(1), "Input width of " + n, true),
                new Constant(p() + "C", layer.in().dim(2), "Channels of " + n, true),
                new Constant(p() + "OUT_H", layer.out().dim(0), "Output height of " + n, true),
                new Constant(p() + "OUT_W", layer.out().dim(1), "Output width of " + n, true),
                new Constant(p() + "WINDOW", layer.window(), null, false),
                new Constant(p() + "STRIDE", layer.stride(), null, false));
    }

    @Override
    public String describe(String buffer, NetworkWriter w) {
        if (buffer.equals(claimed)) {
            return "Per channel, whether " + layer.name() + "'s backward has routed the current window's gradient.";
        }
        return Op.super.describe(buffer, w);
    }

    @Override
    public void forward(NetworkWriter w) {
        String p = p();
        MethodSpec.Builder m = w.opMethod("forward" + method(), this, true);
        m.addJavadoc("$L: the $L of each $Lx$L window$L. The innermost loops run along the channels, contiguous\n"
                + "in memory (channels last).\n", layer.name(), max() ? "maximum" : "mean", layer.window(),
                layer.window(), post != null ? ", then " + post.kind().word() + " in place" : "");
        boolean input = in.equals(Plan.INPUT);
        String src = input ? "x" : in;
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int base = $L(b * $LIN_H * $LIN_W) * $LC", input ? "xOff + " : "", p, p, p);
        m.beginControlFlow("for (int oh = 0; oh < $LOUT_H; oh++)", p);
        m.beginControlFlow("for (int ow = 0; ow < $LOUT_W; ow++)", p);
        m.addStatement("int o = ((b * $LOUT_H + oh) * $LOUT_W + ow) * $LC", p, p, p);
        m.addStatement("int corner = base + (oh * $LSTRIDE * $LIN_W + ow * $LSTRIDE) * $LC", p, p, p, p);
        if (max()) {
            m.addStatement("$T.arraycopy($L, corner, $L, o, $LC)", System.class, src, out, p);
        } else {
            m.addStatement("$T.fill($L, o, o + $LC, 0)", NetworkWriter.ARRAYS, out, p);
        }
        m.beginControlFlow("for (int kh = 0; kh < $LWINDOW; kh++)", p);
        m.beginControlFlow("for (int kw = 0; kw < $LWINDOW; kw++)", p);
        if (max()) {
            m.beginControlFlow("if (kh == 0 && kw == 0)");
            m.addStatement("continue");
            m.endControlFlow();
        }
        m.addStatement("int i = corner + (kh * $LIN_W + kw) * $LC", p, p);
        m.beginControlFlow("for (int c = 0; c < $LC; c++)", p);
        if (max()) {
            m.addStatement("$L[o + c] = max($L[o + c], $L[i + c])", out, out, src);
        } else {
            m.addStatement("$L[o + c] += $L[i + c]", out, src);
        }
        m.endControlFlow();
        m.endControlFlow();
        m.endControlFlow();
        if (!max()) {
            m.addStatement("$T scale = $L", w.real(), w.narrowLiteral(1.0 / (layer.window() * layer.window())));
            m.beginControlFlow("for (int c = 0; c < $LC; c++)", p);
            m.addStatement("$L[o + c] *= scale", out);
            m.endControlFlow();
        }
        m.endControlFlow();
        m.endControlFlow();
        m.endControlFlow();
        w.postForward(m, post, out, p + "OUT_H * " + p + "OUT_W * " + p + "C");
        w.add(m.build());
    }

    @Override
    public void backward(NetworkWriter w) {
        String p = p();
        MethodSpec.Builder m = MethodSpec.methodBuilder("backward" + method())
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        boolean tiled = layer.stride() == layer.window() && layer.in().dim(0) == layer.out().dim(0) * layer.window()
                && layer.in().dim(1) == layer.out().dim(1) * layer.window();
        m.addJavadoc("$L: $L.\n", layer.name(), max() ? "each gradient goes to its window's (first) maximum"
                : "each gradient is shared evenly by its window");
        w.postBackward(m, post, out, outDelta, p + "OUT_H * " + p + "OUT_W * " + p + "C");
        if (tiled) {
            m.addComment("the windows tile the input: every input value is written once, no clearing needed");
        } else {
            m.addStatement("$T.fill($L, 0, batch * $LIN_H * $LIN_W * $LC, 0)", NetworkWriter.ARRAYS, inDelta, p, p, p);
        }
        if (!max()) m.addStatement("$T share = $L", w.real(), w.narrowLiteral(1.0 / (layer.window() * layer.window())));
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int base = b * $LIN_H * $LIN_W * $LC", p, p, p);
        m.beginControlFlow("for (int oh = 0; oh < $LOUT_H; oh++)", p);
        m.beginControlFlow("for (int ow = 0; ow < $LOUT_W; ow++)", p);
        m.addStatement("int o = ((b * $LOUT_H + oh) * $LOUT_W + ow) * $LC", p, p, p);
        m.addStatement("int corner = base + (oh * $LSTRIDE * $LIN_W + ow * $LSTRIDE) * $LC", p, p, p, p);
        if (max()) m.addStatement("$T.fill($L, 0)", NetworkWriter.ARRAYS, claimed);
        m.beginControlFlow("for (int kh = 0; kh < $LWINDOW; kh++)", p);
        m.beginControlFlow("for (int kw = 0; kw < $LWINDOW; kw++)", p);
        m.addStatement("int i = corner + (kh * $LIN_W + kw) * $LC", p, p);
        m.beginControlFlow("for (int c = 0; c < $LC; c++)", p);
        if (max()) {
            m.addComment("the first element equal to the window's maximum takes the gradient");
            m.addStatement("int hit = $L[i + c] == $L[o + c] ? 1 - $L[c] : 0", in, out, claimed);
            m.addStatement("$L[c] += hit", claimed);
            m.addStatement("$L[i + c] $L hit * $L[o + c]", inDelta, tiled ? "=" : "+=", outDelta);
        } else {
            m.addStatement("$L[i + c] $L $L[o + c] * share", inDelta, tiled ? "=" : "+=", outDelta);
        }
        m.endControlFlow();
        m.endControlFlow();
        m.endControlFlow();
        m.endControlFlow();
        m.endControlFlow();
        m.endControlFlow();
        w.add(m.build());
    }

}
