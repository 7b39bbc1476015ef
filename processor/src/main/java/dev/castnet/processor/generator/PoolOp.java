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
        String claimed = l.kind() == PoolKind.MAX ? c.ints(l.name() + "Claimed", l.in().dim(2), p + "C") : null;
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

    /**
     * Max pooling over windows of at most 3x3 runs channel by channel with the window written out: a value read
     * once per window position, the maximum (or in backward the claim) kept in a register. Larger windows loop.
     */
    private boolean unrolled() {
        return max() && layer.window() <= 3;
    }

    /** The offset of window element (kh, kw) from the window's corner, as an expression. */
    private String offset(int kh, int kw) {
        String p = p();
        if (kh == 0) return kw == 1 ? p + "C" : kw + " * " + p + "C";
        String row = kh == 1 ? p + "IN_W" : kh + " * " + p + "IN_W";
        return kw == 0 ? row + " * " + p + "C" : "(" + row + " + " + kw + ") * " + p + "C";
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
        return claimed != null && inDelta != null && !unrolled() ? List.of(claimed) : List.of();
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
            return "Per sample and channel, whether " + layer.name() + "'s backward has routed the current window's "
                    + "gradient.";
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
        String work = "(long) batch * " + p + "OUT_H * " + p + "OUT_W * " + p + "C * " + p + "WINDOW * " + p + "WINDOW";
        w.splitRows(m, "forward" + method(), input, work, r -> {
            r.beginControlFlow("for (int b = r0; b < r1; b++)");
            r.addStatement("int base = $L(b * $LIN_H * $LIN_W) * $LC", input ? "xOff + " : "", p, p, p);
            r.beginControlFlow("for (int oh = 0; oh < $LOUT_H; oh++)", p);
            r.beginControlFlow("for (int ow = 0; ow < $LOUT_W; ow++)", p);
            r.addStatement("int o = ((b * $LOUT_H + oh) * $LOUT_W + ow) * $LC", p, p, p);
            r.addStatement("int corner = base + (oh * $LSTRIDE * $LIN_W + ow * $LSTRIDE) * $LC", p, p, p, p);
            if (unrolled()) {
                r.addComment("one pass: the window's values in registers, one store per output (one induction");
                r.addComment("variable, offsets invariant: the form HotSpot vectorizes)");
                r.beginControlFlow("for (int c = 0; c < $LC; c++)", p);
                StringBuilder expr = new StringBuilder(src + "[corner + c]");
                for (int kh = 0; kh < layer.window(); kh++) {
                    for (int kw = 0; kw < layer.window(); kw++) {
                        if (kh == 0 && kw == 0) continue;
                        expr.insert(0, "max(").append(", ").append(src).append("[corner + ").append(offset(kh, kw))
                                .append(" + c])");
                    }
                }
                r.addStatement("$L[o + c] = $L", out, expr);
                r.endControlFlow();
                r.endControlFlow();
                r.endControlFlow();
                r.endControlFlow();
                w.postForwardRows(r, post, out, p + "OUT_H * " + p + "OUT_W * " + p + "C");
                return;
            }
            if (max()) {
                r.addStatement("$T.arraycopy($L, corner, $L, o, $LC)", System.class, src, out, p);
            } else {
                r.addStatement("$T.fill($L, o, o + $LC, 0)", NetworkWriter.ARRAYS, out, p);
            }
            r.beginControlFlow("for (int kh = 0; kh < $LWINDOW; kh++)", p);
            r.beginControlFlow("for (int kw = 0; kw < $LWINDOW; kw++)", p);
            if (max()) {
                r.beginControlFlow("if (kh == 0 && kw == 0)");
                r.addStatement("continue");
                r.endControlFlow();
            }
            r.addStatement("int i = corner + (kh * $LIN_W + kw) * $LC", p, p);
            r.beginControlFlow("for (int c = 0; c < $LC; c++)", p);
            if (max()) {
                r.addStatement("$L[o + c] = max($L[o + c], $L[i + c])", out, out, src);
            } else {
                r.addStatement("$L[o + c] += $L[i + c]", out, src);
            }
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            if (!max()) {
                r.addStatement("$T scale = $L", w.real(), w.narrowLiteral(1.0 / (layer.window() * layer.window())));
                r.beginControlFlow("for (int c = 0; c < $LC; c++)", p);
                r.addStatement("$L[o + c] *= scale", out);
                r.endControlFlow();
            }
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            w.postForwardRows(r, post, out, p + "OUT_H * " + p + "OUT_W * " + p + "C");
        });
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
        String work = "(long) batch * " + p + "OUT_H * " + p + "OUT_W * " + p + "C * " + p + "WINDOW * " + p + "WINDOW";
        w.splitRows(m, "backward" + method(), false, work, r -> {
            w.postBackwardRows(r, post, out, outDelta, p + "OUT_H * " + p + "OUT_W * " + p + "C");
            if (tiled) {
                r.addComment("the windows tile the input: every input value is written once, no clearing needed");
            } else {
                r.addStatement("$T.fill($L, r0 * $LIN_H * $LIN_W * $LC, r1 * $LIN_H * $LIN_W * $LC, 0)",
                        NetworkWriter.ARRAYS, inDelta, p, p, p, p, p, p);
            }
            if (!max()) {
                r.addStatement("$T share = $L", w.real(), w.narrowLiteral(1.0 / (layer.window() * layer.window())));
            }
            r.beginControlFlow("for (int b = r0; b < r1; b++)");
            r.addStatement("int base = b * $LIN_H * $LIN_W * $LC", p, p, p);
            r.beginControlFlow("for (int oh = 0; oh < $LOUT_H; oh++)", p);
            r.beginControlFlow("for (int ow = 0; ow < $LOUT_W; ow++)", p);
            r.addStatement("int o = ((b * $LOUT_H + oh) * $LOUT_W + ow) * $LC", p, p, p);
            r.addStatement("int corner = base + (oh * $LSTRIDE * $LIN_W + ow * $LSTRIDE) * $LC", p, p, p, p);
            if (unrolled()) {
                r.addComment("the first element equal to the window's maximum takes the gradient");
                r.addComment("(walked by two indices: measured faster here than offsets from one)");
                r.beginControlFlow("for (int c = corner, e = o, end = o + $LC; e < end; c++, e++)", p);
                r.addStatement("$T m = $L[e]", w.real(), out);
                r.addStatement("$T d = $L[e]", w.real(), outDelta);
                r.addStatement("int claimed = 0");
                r.addStatement("int hit");
                for (int kh = 0; kh < layer.window(); kh++) {
                    for (int kw = 0; kw < layer.window(); kw++) {
                        String at = kh == 0 && kw == 0 ? "c" : "c + " + offset(kh, kw);
                        r.addStatement("hit = $L[$L] == m ? 1 - claimed : 0", in, at);
                        r.addStatement("claimed += hit");
                        r.addStatement("$L[$L] $L hit * d", inDelta, at, tiled ? "=" : "+=");
                    }
                }
                r.endControlFlow();
                r.endControlFlow();
                r.endControlFlow();
                r.endControlFlow();
                return;
            }
            if (max()) r.addStatement("$T.fill($L, b * $LC, (b + 1) * $LC, 0)", NetworkWriter.ARRAYS, claimed, p, p);
            r.beginControlFlow("for (int kh = 0; kh < $LWINDOW; kh++)", p);
            r.beginControlFlow("for (int kw = 0; kw < $LWINDOW; kw++)", p);
            r.addStatement("int i = corner + (kh * $LIN_W + kw) * $LC", p, p);
            r.beginControlFlow("for (int c = 0; c < $LC; c++)", p);
            if (max()) {
                r.addComment("the first element equal to the window's maximum takes the gradient");
                r.addStatement("int hit = $L[i + c] == $L[o + c] ? 1 - $L[b * $LC + c] : 0", in, out, claimed, p);
                r.addStatement("$L[b * $LC + c] += hit", claimed, p);
                r.addStatement("$L[i + c] $L hit * $L[o + c]", inDelta, tiled ? "=" : "+=", outDelta);
            } else {
                r.addStatement("$L[i + c] $L $L[o + c] * share", inDelta, tiled ? "=" : "+=", outDelta);
            }
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
        });
        w.add(m.build());
    }

}
