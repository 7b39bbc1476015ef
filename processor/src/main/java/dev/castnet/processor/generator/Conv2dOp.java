package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.castnet.dsl.model.Layer;
import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.Eltwise;
import dev.castnet.processor.generator.Plan.Role;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@code conv2d} as im2col and the dense kernels: every output position's receptive field is copied into a row of
 * {@code col} ({@code [batch·positions][KH·KW·C]}, in the weight's {@code [KH][KW][C]} order, zeros where the
 * padding is), so the convolution is one product {@code col·W} ({@code W [KH·KW·C][F]}) over all positions of the
 * batch, channels last like the images themselves. Backward reuses {@code col} for dW and scatters
 * {@code dcol = dy·Wᵀ} back onto the input (col2im). An activation after it runs in place.
 */
record Conv2dOp(Layer.Conv2d layer, String in, String out, String inDelta, String outDelta, String col, String dcol,
        Tensor weight, Tensor bias, Eltwise post) implements Op {

    static Conv2dOp lower(Layer.Conv2d l, Lowering.Context c) {
        String p = prefix(l);
        Tensor w = c.trainable(l.name() + ".weight", new int[] {l.kernelH(), l.kernelW(), l.channels(), l.filters()},
                p + "KH, " + p + "KW, " + p + "IN_C, " + p + "FILTERS", Role.WEIGHT);
        Tensor b = l.bias() ? c.trainable(l.name() + ".bias", new int[] {l.filters()}, p + "FILTERS", Role.BIAS)
                : null;
        int positions = l.outHeight() * l.outWidth();
        String size = p + "POSITIONS * " + p + "FILTERS";
        String out = c.buffer(l.name() + "Out", positions * l.filters(), size);
        String delta = c.buffer(l.name() + "Delta", positions * l.filters(), size);
        String col = c.buffer(l.name() + "Col", positions * l.patch(), p + "POSITIONS * " + p + "PATCH");
        String dcol = c.buffer(l.name() + "Dcol", positions * l.patch(), p + "POSITIONS * " + p + "PATCH");
        return new Conv2dOp(l, c.current(), out, c.currentDelta(), delta, col, dcol, w, b, null);
    }

    private static String prefix(Layer.Conv2d l) {
        return "CONV2D" + l.index() + "_";
    }

    private String p() {
        return prefix(layer);
    }

    @Override
    public String method() {
        return "Conv2d" + layer.index();
    }

    @Override
    public String layerName() {
        return layer.name();
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
    public List<Tensor> tensors() {
        List<Tensor> t = new ArrayList<>();
        t.add(weight);
        if (bias != null) t.add(bias);
        return t;
    }

    @Override
    public List<String> caches() {
        return inDelta != null ? List.of(col, dcol) : List.of(col);
    }

    @Override
    public Op withoutInputGradient() {
        return new Conv2dOp(layer, in, out, null, outDelta, col, dcol, weight, bias, post);
    }

    @Override
    public Op withPost(Eltwise fn) {
        return post == null ? new Conv2dOp(layer, in, out, inDelta, outDelta, col, dcol, weight, bias, fn) : null;
    }

    @Override
    public List<Constant> constants() {
        String n = "conv2d" + layer.index();
        return List.of(new Constant(p() + "IN_H", layer.in().dim(0), "Input height of " + n, true),
                new Constant(p() + "IN_W", layer.in().dim(1), "Input width of " + n, true),
                new Constant(p() + "IN_C", layer.channels(), "Input channels of " + n, true),
                new Constant(p() + "OUT_H", layer.outHeight(), "Output height of " + n, true),
                new Constant(p() + "OUT_W", layer.outWidth(), "Output width of " + n, true),
                new Constant(p() + "FILTERS", layer.filters(), "Filters (output channels) of " + n, true),
                new Constant(p() + "KH", layer.kernelH(), "Kernel height of " + n, true),
                new Constant(p() + "KW", layer.kernelW(), "Kernel width of " + n, true),
                new Constant(p() + "STRIDE", layer.stride(), null, false),
                new Constant(p() + "PAD_H", layer.padH(), "Zeros above and below the input of " + n, false),
                new Constant(p() + "PAD_W", layer.padW(), "Zeros left and right of the input of " + n, false),
                new Constant(p() + "POSITIONS", layer.outHeight() * layer.outWidth(), "Output positions of " + n
                        + " per sample", false),
                new Constant(p() + "PATCH", layer.patch(), "Inputs of one output value of " + n + ": KH·KW·C", false));
    }

    @Override
    public String describe(String buffer, NetworkWriter w) {
        String n = "conv2d" + layer.index();
        if (buffer.equals(col)) {
            return "Receptive fields of " + n + " (im2col), a row per output position, {@code " + w.shape(buffer)
                    + "}.";
        }
        if (buffer.equals(dcol)) return "Gradient with respect to {@code " + col + "}, {@code " + w.shape(buffer) + "}.";
        return Op.super.describe(buffer, w);
    }

    @Override
    public void forward(NetworkWriter w) {
        String p = p();
        MethodSpec.Builder m = w.opMethod("forward" + method(), this, true);
        m.addJavadoc("conv2d$L: im2col, then y = col·W$L$L.\n", layer.index(), bias != null ? " + b" : "",
                post != null ? ", then " + post.kind().word() + " in place" : "");
        boolean input = in.equals(Plan.INPUT);
        String src = input ? "x" : in;
        String srcOff = input ? "xOff + " : "";
        w.splitRows(m, "im2col" + method(), input, "(long) batch * " + p + "POSITIONS * " + p + "PATCH", r -> {
            r.addComment("im2col: a kernel row's KW·C inputs are contiguous (channels last), so where the kernel lies");
            r.addComment("inside the image each kernel row is one copy; only the border goes value by value");
            openPatchLoops(r, srcOff + "(b * " + p + "IN_H) * " + p + "IN_W * " + p + "IN_C");
            r.addStatement("int dst = row + kh * $LKW * $LIN_C", p, p);
            r.beginControlFlow("if (ih < 0 || ih >= $LIN_H)", p);
            r.addStatement("$T.fill($L, dst, dst + $LKW * $LIN_C, 0)", NetworkWriter.ARRAYS, col, p, p);
            r.nextControlFlow("else if (inside)");
            r.addStatement("int from = image + (ih * $LIN_W + iw0) * $LIN_C", p, p);
            if (layer.kernelW() * layer.channels() >= 16) {
                r.addStatement("$T.arraycopy($L, from, $L, dst, $LKW * $LIN_C)", System.class, src, col, p, p);
            } else {
                r.addComment("a few values: a loop the JIT unrolls beats a call");
                r.beginControlFlow("for (int k = 0; k < $LKW * $LIN_C; k++)", p, p);
                r.addStatement("$L[dst + k] = $L[from + k]", col, src);
                r.endControlFlow();
            }
            r.nextControlFlow("else");
            r.beginControlFlow("for (int kw = 0; kw < $LKW; kw++)", p);
            r.addStatement("int iw = iw0 + kw");
            r.addStatement("int to = dst + kw * $LIN_C", p);
            r.beginControlFlow("if (iw < 0 || iw >= $LIN_W)", p);
            r.addStatement("$T.fill($L, to, to + $LIN_C, 0)", NetworkWriter.ARRAYS, col, p);
            r.nextControlFlow("else");
            r.addStatement("int from = image + (ih * $LIN_W + iw) * $LIN_C", p, p);
            r.beginControlFlow("for (int c = 0; c < $LIN_C; c++)", p);
            r.addStatement("$L[to + c] = $L[from + c]", col, src);
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
            r.endControlFlow();
        });
        String b = bias != null ? "params, " + bias.constant() : "null, 0";
        m.addStatement("$T.forward($L, 0, params, $L, $L, $L, 0, batch * $LPOSITIONS, $LPATCH, $LFILTERS)",
                NetworkWriter.DENSE_KERNELS, col, weight.constant(), b, out, p, p, p);
        if (post != null) {
            w.splitRows(m, "post" + method(), false, "(long) batch * " + p + "POSITIONS * " + p + "FILTERS",
                    r -> w.postForwardRows(r, post, out, p + "POSITIONS * " + p + "FILTERS"));
        }
        w.add(m.build());
    }

    @Override
    public void backward(NetworkWriter w) {
        String p = p();
        MethodSpec.Builder m = MethodSpec.methodBuilder("backward" + method())
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        m.addJavadoc("conv2d$L: dW = colᵀ·dy$L$L.\n", layer.index(), bias != null ? ", db = Σ dy" : "",
                inDelta != null ? ", dx = col2im(dy·Wᵀ)" : "");
        if (post != null) {
            w.splitRows(m, "postBackward" + method(), false, "(long) batch * " + p + "POSITIONS * " + p + "FILTERS",
                    r -> w.postBackwardRows(r, post, out, outDelta, p + "POSITIONS * " + p + "FILTERS"));
        }
        m.addStatement("$T.weightGradient($L, 0, $L, 0, grads, $L, batch * $LPOSITIONS, $LPATCH, $LFILTERS)",
                NetworkWriter.DENSE_KERNELS, col, outDelta, weight.constant(), p, p, p);
        if (bias != null) {
            m.addStatement("$T.biasGradient($L, 0, grads, $L, batch * $LPOSITIONS, $LFILTERS)",
                    NetworkWriter.DENSE_KERNELS, outDelta, bias.constant(), p, p);
        }
        if (inDelta != null) {
            m.addStatement("$T.inputGradient($L, 0, params, $L, $L, 0, batch * $LPOSITIONS, $LPATCH, $LFILTERS)",
                    NetworkWriter.DENSE_KERNELS, outDelta, weight.constant(), dcol, p, p, p);
            w.splitRows(m, "col2im" + method(), false, "(long) batch * " + p + "POSITIONS * " + p + "PATCH", r -> {
                r.addComment("col2im: every input value collects the gradients of the patches it appeared in, a kernel");
                r.addComment("row (KW·C contiguous values) at a time where the kernel lies inside the image");
                r.addStatement("$T.fill($L, r0 * $LIN_H * $LIN_W * $LIN_C, r1 * $LIN_H * $LIN_W * $LIN_C, 0)",
                        NetworkWriter.ARRAYS, inDelta, p, p, p, p, p, p);
                openPatchLoops(r, "b * " + p + "IN_H * " + p + "IN_W * " + p + "IN_C");
                r.beginControlFlow("if (ih < 0 || ih >= $LIN_H)", p);
                r.addStatement("continue");
                r.endControlFlow();
                r.addStatement("int src = row + kh * $LKW * $LIN_C", p, p);
                r.addStatement("int to = image + (ih * $LIN_W + iw0) * $LIN_C", p, p);
                r.beginControlFlow("if (inside)");
                r.beginControlFlow("for (int k = 0; k < $LKW * $LIN_C; k++)", p, p);
                r.addStatement("$L[to + k] += $L[src + k]", inDelta, dcol);
                r.endControlFlow();
                r.nextControlFlow("else");
                r.beginControlFlow("for (int kw = 0; kw < $LKW; kw++)", p);
                r.addStatement("int iw = iw0 + kw");
                r.beginControlFlow("if (iw < 0 || iw >= $LIN_W)", p);
                r.addStatement("continue");
                r.endControlFlow();
                r.beginControlFlow("for (int c = 0; c < $LIN_C; c++)", p);
                r.addStatement("$L[to + kw * $LIN_C + c] += $L[src + kw * $LIN_C + c]", inDelta, p, dcol, p);
                r.endControlFlow();
                r.endControlFlow();
                r.endControlFlow();
                r.endControlFlow();
                r.endControlFlow();
                r.endControlFlow();
                r.endControlFlow();
            });
        }
        w.add(m.build());
    }

    /**
     * Opens the loops im2col and col2im share, so both walk the same patches: samples {@code b} of the row range,
     * output positions {@code (oh, ow)} with their {@code row} of the column buffer, and kernel rows {@code kh} at
     * input row {@code ih}; {@code iw0} is the patch's first input column and {@code inside} says whether the whole
     * kernel row lies inside the image. Leaves four loops open, inside the one over samples.
     *
     * @param imageStart where sample {@code b}'s image starts in the layer's input, as code
     */
    private void openPatchLoops(MethodSpec.Builder r, String imageStart) {
        String p = p();
        r.beginControlFlow("for (int b = r0; b < r1; b++)");
        r.addStatement("int image = $L", imageStart);
        r.beginControlFlow("for (int oh = 0; oh < $LOUT_H; oh++)", p);
        r.beginControlFlow("for (int ow = 0; ow < $LOUT_W; ow++)", p);
        r.addStatement("int row = ((b * $LOUT_H + oh) * $LOUT_W + ow) * $LPATCH", p, p, p);
        r.addStatement("int iw0 = ow * $LSTRIDE - $LPAD_W", p, p);
        r.addStatement("boolean inside = iw0 >= 0 && iw0 + $LKW <= $LIN_W", p, p);
        r.beginControlFlow("for (int kh = 0; kh < $LKH; kh++)", p);
        r.addStatement("int ih = oh * $LSTRIDE - $LPAD_H + kh", p, p);
    }

    @Override
    public void initialize(NetworkWriter w, MethodSpec.Builder init) {
        String p = p();
        // PyTorch's fans for a convolution: fan_in = KH·KW·C, fan_out = KH·KW·F
        init.addStatement(w.initializer(layer.init(), weight.constant(), p + "PATCH * " + p + "FILTERS", p + "PATCH",
                p + "KH * " + p + "KW * " + p + "FILTERS"));
        if (bias != null) {
            init.addStatement("$T.fill(params, $L, $L + $LFILTERS, 0)", NetworkWriter.ARRAYS, bias.constant(),
                    bias.constant(), p);
        }
    }
}
