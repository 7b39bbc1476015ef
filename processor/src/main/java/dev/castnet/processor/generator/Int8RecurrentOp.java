package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import dev.castnet.dsl.model.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rnn}, {@code lstm} and {@code gru} in int8: the input's contribution {@code x_t·W + b} of every step, then
 * per step the recurrent one {@code h_t·U + b_h}, each an int8 product of a quantized row ({@code x_t} with the
 * input's scale, {@code h_t} with the hidden state's); the gates' element-wise part is the float class's, on real
 * values, since sigmoid and tanh are what int8 cannot hold.
 */
record Int8RecurrentOp(RecurrentOp source) implements Int8Op {

    @Override
    public BatchNormOp folded() {
        return null;
    }

    private String p() {
        return source.layerName().toUpperCase(java.util.Locale.ROOT) + "_";
    }

    @Override
    public List<Weight> weights() {
        return List.of(new Weight(source.weight(), source.layerName() + "Weight"),
                new Weight(source.recurrentWeight(), source.layerName() + "RecurrentWeight"));
    }

    @Override
    public List<String> scaleNames() {
        return List.of(source.layerName() + ".input_scale", source.layerName() + ".hidden_scale");
    }

    @Override
    public List<String> buffers() {
        List<String> b = new ArrayList<>(List.of(source.out(), source.z(), source.h(), source.rec()));
        if (source.c() != null) b.add(source.c());
        if (source.hn() != null) b.add(source.hn());
        return b;
    }

    @Override
    public int quantizedWidth() {
        return Math.max(source.layer().features(), source.layer().units());
    }

    @Override
    public int accumulatorWidth() {
        return source.layer().gates() * source.layer().units();
    }

    @Override
    public void quantize(MethodSpec.Builder m, Int8Writer w) {
        String p = p();
        String name = source.layerName();
        m.addComment("$L", name);
        m.addStatement("$T.putWeight(out, $S, p.read($S), $LFEATURES, $LGATE_UNITS, $LFEATURES, $LGATE_UNITS)",
                INT8_MODEL, source.weight().name(), source.weight().name(), p, p, p, p);
        m.addStatement("$T.putWeight(out, $S, p.read($S), $LUNITS, $LGATE_UNITS, $LUNITS, $LGATE_UNITS)", INT8_MODEL,
                source.recurrentWeight().name(), source.recurrentWeight().name(), p, p, p, p);
        m.addStatement("$T.putReal(out, $S, p.read($S), $LGATE_UNITS)", INT8_MODEL, source.bias().name(),
                source.bias().name(), p);
        m.addStatement("$T.putReal(out, $S, p.read($S), $LGATE_UNITS)", INT8_MODEL, source.recurrentBias().name(),
                source.recurrentBias().name(), p);
        m.addStatement("$T.putScale(out, $S, ranges[$L])", INT8_MODEL, scaleNames().get(0),
                Quantization.index(w.plan(), source, "input"));
        m.addStatement("$T.putScale(out, $S, ranges[$L])", INT8_MODEL, scaleNames().get(1),
                Quantization.index(w.plan(), source, "hidden"));
    }

    @Override
    public void forward(Int8Writer w) {
        String p = p();
        String name = source.layerName();
        Layer.Recurrent layer = source.layer();
        NetworkWriter f = w.floats();
        MethodSpec.Builder m = f.opMethod("forward" + source.method(), source, true);
        m.addJavadoc("$L over $L steps: x_t·W + b and h_t·U + b_h as int8 products, the gates in real arithmetic, "
                + "$L.\n", name, layer.steps(), layer.returnSequence() ? "every h_t out, batch-major" : "h_T out");
        String[] in = Int8Op.input(source);
        String z = source.z();
        String h = source.h();
        m.addComment("the input's contribution for every step, time-major rows: x_t·W + b");
        m.beginControlFlow("for (int t = 0; t < $LSTEPS; t++)", p);
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        Int8Op.product(m, in[0], in[1] + "(b * " + p + "STEPS + t) * " + p + "FEATURES", p + "FEATURES",
                inverseField(scaleNames().get(0)), name + "Weight");
        m.addStatement("$T.dequantize(accumulator, $LScale, $LBias, $L, (t * batch + b) * $LGATE_UNITS, $LGATE_UNITS)",
                INT8_KERNELS, name, name, z, p, p);
        m.endControlFlow();
        m.endControlFlow();
        String h0 = layer instanceof Layer.Rnn r && r.h0() != 0 ? f.narrowLiteral(r.h0()) : "0";
        m.addStatement("$T.fill($L, 0, batch * $LUNITS, $L)", NetworkWriter.ARRAYS, h, p, h0);
        if (source.c() != null) m.addStatement("$T.fill($L, 0, batch * $LUNITS, 0)", NetworkWriter.ARRAYS, source.c(), p);
        m.beginControlFlow("for (int t = 0; t < $LSTEPS; t++)", p);
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        Int8Op.product(m, h, "(t * batch + b) * " + p + "UNITS", p + "UNITS", inverseField(scaleNames().get(1)),
                name + "RecurrentWeight");
        m.addStatement("$T.dequantize(accumulator, $LRecurrentScale, $LRecurrentBias, $L, b * $LGATE_UNITS, "
                + "$LGATE_UNITS)", INT8_KERNELS, name, name, source.rec(), p, p);
        m.endControlFlow();
        source.cellSamples(f, m, "0", "batch", false);
        m.endControlFlow();
        if (layer.returnSequence()) {
            m.beginControlFlow("for (int t = 0; t < $LSTEPS; t++)", p);
            m.beginControlFlow("for (int b = 0; b < batch; b++)");
            m.addStatement("$T.arraycopy($L, ((t + 1) * batch + b) * $LUNITS, $L, (b * $LSTEPS + t) * $LUNITS, $LUNITS)",
                    System.class, h, p, source.out(), p, p, p);
            m.endControlFlow();
            m.endControlFlow();
        } else {
            m.addStatement("$T.arraycopy($L, $LSTEPS * batch * $LUNITS, $L, 0, batch * $LUNITS)", System.class, h, p, p,
                    source.out(), p);
        }
        w.add(m.build());
    }
}
