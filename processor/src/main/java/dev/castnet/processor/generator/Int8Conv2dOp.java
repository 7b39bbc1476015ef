package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import java.util.List;

/**
 * {@code conv2d} in int8: each sample's input is quantized once, then every output position gathers its receptive
 * field from the quantized sample (im2col in bytes, zeros where the padding is) for one int8 product with
 * {@code W [KH·KW·C][F]}.
 */
record Int8Conv2dOp(Conv2dOp source, BatchNormOp folded) implements Int8Op {

    private String p() {
        return "CONV2D" + source.layer().index() + "_";
    }

    @Override
    public List<Weight> weights() {
        return List.of(new Weight(source.weight(), source.layerName() + "Weight"));
    }

    @Override
    public List<String> scaleNames() {
        return List.of(source.layerName() + ".input_scale");
    }

    @Override
    public int quantizedWidth() {
        return source.inSize();
    }

    @Override
    public int accumulatorWidth() {
        return source.layer().filters();
    }

    int patchWidth() {
        return source.layer().patch();
    }

    @Override
    public void quantize(MethodSpec.Builder m, Int8Writer w) {
        String p = p();
        String name = source.layerName();
        m.addComment("$L$L", name, folded != null ? ", with " + folded.layerName() + " folded in" : "");
        m.addStatement("double[] $LW = p.read($S)", name, source.weight().name());
        m.addStatement(source.bias() != null ? "double[] $LB = p.read($S)" : "double[] $LB = new double[$LFILTERS]",
                name, source.bias() != null ? source.bias().name() : p);
        if (folded != null) w.fold(m, folded, name + "W", name + "B", p + "PATCH", p + "FILTERS");
        m.addStatement("$T.putWeight(out, $S, $LW, $LPATCH, $LFILTERS, $L)", INT8_MODEL, source.weight().name(), name,
                p, p, source.weight().shape());
        m.addStatement("$T.putReal(out, $S, $LB, $LFILTERS)", INT8_MODEL, name + ".bias", name, p);
        m.addStatement("$T.putScale(out, $S, ranges[$L])", INT8_MODEL, scaleNames().get(0),
                Quantization.index(w.plan(), source, "input"));
    }

    @Override
    public void forward(Int8Writer w) {
        String p = p();
        String name = source.layerName();
        MethodSpec.Builder m = w.floats().opMethod("forward" + source.method(), source, true);
        m.addJavadoc("$L: quantize each sample, gather every receptive field (im2col in int8), y = col·W + b$L$L.\n",
                name, folded != null ? " with " + folded.layerName() + " folded in" : "",
                post() != null ? ", then " + post().kind().word() + " in place" : "");
        String[] in = Int8Op.input(source);
        String sample = p + "IN_H * " + p + "IN_W * " + p + "IN_C";
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("$T.quantize($L, $Lb * $L, $L, $L, quantized, 0)", INT8_KERNELS, in[0], in[1], sample, sample,
                inverseField(scaleNames().get(0)));
        m.beginControlFlow("for (int oh = 0; oh < $LOUT_H; oh++)", p);
        m.beginControlFlow("for (int ow = 0; ow < $LOUT_W; ow++)", p);
        m.beginControlFlow("for (int kh = 0; kh < $LKH; kh++)", p);
        m.addStatement("int ih = oh * $LSTRIDE - $LPAD_H + kh", p, p);
        m.beginControlFlow("for (int kw = 0; kw < $LKW; kw++)", p);
        m.addStatement("int iw = ow * $LSTRIDE - $LPAD_W + kw", p, p);
        m.addStatement("int dst = (kh * $LKW + kw) * $LIN_C", p, p);
        m.beginControlFlow("if (ih < 0 || ih >= $LIN_H || iw < 0 || iw >= $LIN_W)", p, p);
        m.addStatement("$T.fill(patch, dst, dst + $LIN_C, (byte) 0)", NetworkWriter.ARRAYS, p);
        m.nextControlFlow("else");
        m.addStatement("$T.arraycopy(quantized, (ih * $LIN_W + iw) * $LIN_C, patch, dst, $LIN_C)", System.class, p, p,
                p);
        m.endControlFlow();
        m.endControlFlow();
        m.endControlFlow();
        m.addStatement("$LWeight.multiply(patch, 0, accumulator)", name);
        m.addStatement("$T.dequantize(accumulator, $LScale, $LBias, $L, ((b * $LOUT_H + oh) * $LOUT_W + ow) * $LFILTERS, "
                + "$LFILTERS)", INT8_KERNELS, name, name, out(), p, p, p, p);
        m.endControlFlow();
        m.endControlFlow();
        m.endControlFlow();
        w.floats().postForward(m, post(), out(), p + "POSITIONS * " + p + "FILTERS");
        w.add(m.build());
    }
}
