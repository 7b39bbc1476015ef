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

/** {@code dense}: y = x·W + b through the dense kernels; an activation after it runs in place, row block by block. */
record DenseOp(Layer.Dense layer, String in, String out, String inDelta, String outDelta, Tensor weight, Tensor bias,
        Eltwise post) implements Op {

    static DenseOp lower(Layer.Dense d, Lowering.Context c) {
        int i = d.index();
        String in = "IN_" + i;
        String out = "OUT_" + i;
        Tensor w = c.trainable(d.name() + ".weight", new int[] {d.inputs(), d.units()}, in + ", " + out,
                Role.WEIGHT);
        Tensor b = d.bias() ? c.trainable(d.name() + ".bias", new int[] {d.units()}, out, Role.BIAS) : null;
        String output = c.buffer(d.name() + "Out", d.units(), out);
        String delta = c.buffer(d.name() + "Delta", d.units(), out);
        return new DenseOp(d, c.current(), output, c.currentDelta(), delta, w, b, null);
    }

    int index() {
        return layer.index();
    }

    @Override
    public String method() {
        return "Dense" + index();
    }

    @Override
    public String layerName() {
        return layer.name();
    }

    @Override
    public int inSize() {
        return layer.inputs();
    }

    @Override
    public int outSize() {
        return layer.units();
    }

    @Override
    public List<Tensor> tensors() {
        List<Tensor> t = new ArrayList<>();
        t.add(weight);
        if (bias != null) t.add(bias);
        return t;
    }

    @Override
    public Op withoutInputGradient() {
        return new DenseOp(layer, in, out, null, outDelta, weight, bias, post);
    }

    @Override
    public Op withPost(Eltwise fn) {
        return post == null ? new DenseOp(layer, in, out, inDelta, outDelta, weight, bias, fn) : null;
    }

    @Override
    public List<Constant> constants() {
        return List.of(new Constant("IN_" + index(), inSize(), "Inputs of dense" + index(), true),
                new Constant("OUT_" + index(), outSize(), "Units of dense" + index(), true));
    }

    @Override
    public boolean readsInputInBackward() {
        return true;
    }

    @Override
    public void forward(NetworkWriter w) {
        int i = index();
        MethodSpec.Builder m = w.opMethod("forwardDense" + i, this, true);
        m.addJavadoc("dense$L: y = x·W$L$L.\n", i, bias != null ? " + b" : "",
                post != null ? ", then " + post.kind().word() + " in place" : "");
        String b = bias != null ? "params, " + bias.constant() : "null, 0";
        if (post == null) {
            String x = in.equals(Plan.INPUT) ? "x, xOff" : in + ", 0";
            m.addStatement("$T.forward($L, params, $L, $L, $L, 0, batch, IN_$L, OUT_$L)", NetworkWriter.DENSE_KERNELS,
                    x, weight.constant(), b, out, i, i);
        } else {
            m.addComment("a block of rows at a time, so the activation finds them still in cache");
            m.beginControlFlow("for (int first = 0; first < batch; first += ROW_BLOCK)");
            m.addStatement("int rows = min(ROW_BLOCK, batch - first)");
            String x = in.equals(Plan.INPUT) ? "x, xOff + first * IN_" + i : in + ", first * IN_" + i;
            m.addStatement("$T.forward($L, params, $L, $L, $L, first * OUT_$L, rows, IN_$L, OUT_$L)",
                    NetworkWriter.DENSE_KERNELS, x, weight.constant(), b, out, i, i, i);
            m.beginControlFlow("for (int i = first * OUT_$L, n = (first + rows) * OUT_$L; i < n; i++)", i, i);
            m.addStatement("$L", w.activation(post, out + "[i]", out + "[i]"));
            m.endControlFlow();
            m.endControlFlow();
        }
        w.add(m.build());
    }

    @Override
    public void backward(NetworkWriter w) {
        int i = index();
        MethodSpec.Builder m = MethodSpec.methodBuilder("backwardDense" + i).addModifiers(Modifier.PRIVATE);
        boolean input = in.equals(Plan.INPUT);
        if (input) m.addParameter(w.array(), "x");
        m.addParameter(TypeName.INT, "batch");
        m.addJavadoc("dense$L: dW = xᵀ·dy$L$L.\n", i, bias != null ? ", db = Σ dy" : "",
                inDelta != null ? ", dx = dy·Wᵀ" : "");
        w.postBackward(m, post, out, outDelta, "OUT_" + i);
        m.addStatement("$T.weightGradient($L, 0, $L, 0, grads, $L, batch, IN_$L, OUT_$L)", NetworkWriter.DENSE_KERNELS,
                input ? "x" : in, outDelta, weight.constant(), i, i);
        if (bias != null) {
            m.addStatement("$T.biasGradient($L, 0, grads, $L, batch, OUT_$L)", NetworkWriter.DENSE_KERNELS, outDelta,
                    bias.constant(), i);
        }
        if (inDelta != null) {
            m.addStatement("$T.inputGradient($L, 0, params, $L, $L, 0, batch, IN_$L, OUT_$L)",
                    NetworkWriter.DENSE_KERNELS, outDelta, weight.constant(), inDelta, i, i);
        }
        w.add(m.build());
    }

    @Override
    public void initialize(NetworkWriter w, MethodSpec.Builder init) {
        int i = index();
        init.addStatement(w.initializer(layer.init(), weight.constant(), null, "IN_" + i, "OUT_" + i));
        if (bias != null) {
            init.addStatement("$T.fill(params, $L, $L + OUT_$L, 0)", NetworkWriter.ARRAYS, bias.constant(),
                    bias.constant(), i);
        }
    }
}
