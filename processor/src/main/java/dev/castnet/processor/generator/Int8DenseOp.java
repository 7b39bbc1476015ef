package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import java.util.List;

/** {@code dense} in int8: per sample, quantize the input row, one int8 product, then scale, bias and activation. */
record Int8DenseOp(DenseOp source, BatchNormOp folded) implements Int8Op {

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
        return source.outSize();
    }

    @Override
    public void quantize(MethodSpec.Builder m, Int8Writer w) {
        int i = source.index();
        String name = source.layerName();
        m.addComment("$L$L", name, folded != null ? ", with " + folded.layerName() + " folded in" : "");
        m.addStatement("double[] $LW = p.read($S)", name, source.weight().name());
        m.addStatement(source.bias() != null ? "double[] $LB = p.read($S)" : "double[] $LB = new double[OUT_$L]", name,
                source.bias() != null ? source.bias().name() : String.valueOf(i));
        if (folded != null) w.fold(m, folded, name + "W", name + "B", "IN_" + i, "OUT_" + i);
        m.addStatement("$T.putWeight(out, $S, $LW, IN_$L, OUT_$L, IN_$L, OUT_$L)", INT8_MODEL, source.weight().name(),
                name, i, i, i, i);
        m.addStatement("$T.putReal(out, $S, $LB, OUT_$L)", INT8_MODEL, name + ".bias", name, i);
        m.addStatement("$T.putScale(out, $S, ranges[$L])", INT8_MODEL, scaleNames().get(0),
                Quantization.index(w.plan(), source, "input"));
    }

    @Override
    public void forward(Int8Writer w) {
        int i = source.index();
        String name = source.layerName();
        MethodSpec.Builder m = w.floats().opMethod("forward" + source.method(), source, true);
        m.addJavadoc("$L: y = x·W + b in int8$L$L.\n", name,
                folded != null ? ", " + folded.layerName() + " folded into W and b" : "",
                post() != null ? ", then " + post().kind().word() + " in place" : "");
        String[] in = Int8Op.input(source);
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        Int8Op.product(m, in[0], in[1] + "b * IN_" + i, "IN_" + i, inverseField(scaleNames().get(0)), name + "Weight");
        m.addStatement("$T.dequantize(accumulator, $LScale, $LBias, $L, b * OUT_$L, OUT_$L)", INT8_KERNELS, name, name,
                out(), i, i);
        m.endControlFlow();
        w.floats().postForward(m, post(), out(), "OUT_" + i);
        w.add(m.build());
    }
}
