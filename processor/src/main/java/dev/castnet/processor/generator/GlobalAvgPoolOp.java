package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.castnet.dsl.model.Layer;
import dev.castnet.processor.generator.Plan.Constant;
import dev.castnet.processor.generator.Plan.Eltwise;
import java.util.List;
import javax.lang.model.element.Modifier;

/** {@code globalavgpool}: HxWxC → C, each channel's mean; backward spreads each gradient evenly over its channel. */
record GlobalAvgPoolOp(Layer.GlobalAvgPool layer, String in, String out, String inDelta, String outDelta,
        Eltwise post) implements Op {

    static GlobalAvgPoolOp lower(Layer.GlobalAvgPool l, Lowering.Context c) {
        String p = prefix(l);
        String out = c.buffer(l.name() + "Out", l.out().size(), p + "C");
        String delta = c.buffer(l.name() + "Delta", l.out().size(), p + "C");
        return new GlobalAvgPoolOp(l, c.current(), out, c.currentDelta(), delta, null);
    }

    private static String prefix(Layer.GlobalAvgPool l) {
        return "GLOBALAVGPOOL" + l.index() + "_";
    }

    @Override
    public String method() {
        return "Globalavgpool" + layer.index();
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
    public Op withoutInputGradient() {
        return new GlobalAvgPoolOp(layer, in, out, null, outDelta, post);
    }

    @Override
    public Op withPost(Eltwise fn) {
        return post == null ? new GlobalAvgPoolOp(layer, in, out, inDelta, outDelta, fn) : null;
    }

    @Override
    public List<Constant> constants() {
        String p = prefix(layer);
        return List.of(new Constant(p + "POSITIONS", layer.in().dim(0) * layer.in().dim(1),
                        "Positions (H·W) averaged by " + layer.name(), true),
                new Constant(p + "C", layer.in().dim(2), "Channels of " + layer.name(), true));
    }

    @Override
    public void forward(NetworkWriter w) {
        String p = prefix(layer);
        MethodSpec.Builder m = w.opMethod("forward" + method(), this, true);
        m.addJavadoc("$L: the mean of each channel over its $Lx$L positions$L.\n", layer.name(), layer.in().dim(0),
                layer.in().dim(1), post != null ? ", then " + post.kind().word() + " in place" : "");
        boolean input = in.equals(Plan.INPUT);
        String src = input ? "x" : in;
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.addStatement("int base = $Lb * $LPOSITIONS * $LC", input ? "xOff + " : "", p, p);
        m.beginControlFlow("for (int c = 0; c < $LC; c++)", p);
        m.addStatement("double sum = 0");
        m.beginControlFlow("for (int i = 0; i < $LPOSITIONS; i++)", p);
        m.addStatement("sum += $L[base + i * $LC + c]", src, p);
        m.endControlFlow();
        m.addStatement("$L[b * $LC + c] = $L", out, p, w.narrow("sum / " + p + "POSITIONS"));
        m.endControlFlow();
        m.endControlFlow();
        w.postForward(m, post, out, p + "C");
        w.add(m.build());
    }

    @Override
    public void backward(NetworkWriter w) {
        String p = prefix(layer);
        MethodSpec.Builder m = MethodSpec.methodBuilder("backward" + method())
                .addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.INT, "batch");
        m.addJavadoc("$L: each channel's gradient, shared evenly by its positions.\n", layer.name());
        w.postBackward(m, post, out, outDelta, p + "C");
        m.beginControlFlow("for (int b = 0; b < batch; b++)");
        m.beginControlFlow("for (int c = 0; c < $LC; c++)", p);
        m.addStatement("$T g = $L[b * $LC + c] / $LPOSITIONS", w.real(), outDelta, p, p);
        m.beginControlFlow("for (int i = 0; i < $LPOSITIONS; i++)", p);
        m.addStatement("$L[(b * $LPOSITIONS + i) * $LC + c] = g", inDelta, p, p);
        m.endControlFlow();
        m.endControlFlow();
        m.endControlFlow();
        w.add(m.build());
    }
}
