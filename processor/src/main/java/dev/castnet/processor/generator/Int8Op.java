package dev.castnet.processor.generator;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.castnet.processor.generator.Plan.Eltwise;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A layer with weights in the int8 class: one unit per kind ({@link Int8DenseOp}, {@link Int8Conv2dOp},
 * {@link Int8RecurrentOp}), each wrapping the float op it replaces. Every product is int8 × int8 summed in int32
 * ({@code Int8Matrix.multiply}); its input is quantized with the calibrated scale on the way in and the sums are
 * turned back into real values (scale, bias, and the activation that followed, in place) on the way out. A
 * batchnorm right after the layer is folded into its weights and bias.
 */
sealed interface Int8Op permits Int8DenseOp, Int8Conv2dOp, Int8RecurrentOp {
    ClassName INT8_MATRIX = ClassName.get("dev.castnet.runtime.kernel", "Int8Matrix");
    ClassName INT8_KERNELS = Quantization.INT8_KERNELS;
    ClassName INT8_MODEL = ClassName.get("dev.castnet.runtime.generated", "Int8Model");

    /** The float op this replaces. */
    Op source();

    /** The batchnorm folded into it, or null. */
    BatchNormOp folded();

    /** The buffer it writes: the folded batchnorm's output, else the float op's. */
    default String out() {
        return folded() != null ? folded().out() : source().out();
    }

    /** The activation applied in place on its output. */
    default Eltwise post() {
        return folded() != null ? folded().post() : source().post();
    }

    default String layer() {
        return source().layerName();
    }

    /** The buffers its forward uses besides its input: its output and, for recurrent layers, their state. */
    default List<String> buffers() {
        return List.of(out());
    }

    /** Values of one sample the quantized-input scratch must hold. */
    int quantizedWidth();

    /** Sums the accumulator must hold: the widest product's columns. */
    int accumulatorWidth();

    /** A weight in the int8 model: its float tensor, and the real tensors that go with it. */
    record Weight(Tensor tensor, String field) {
        int rows() {
            int n = 1;
            for (int i = 0; i < tensor.dims().length - 1; i++) n *= tensor.dims()[i];
            return n;
        }

        int cols() {
            return tensor.dims()[tensor.dims().length - 1];
        }

        /** Expression of the columns: the last dimension's constant. */
        String colsExpr() {
            String[] parts = tensor.shape().split(", ");
            return parts[parts.length - 1];
        }

        /** Expression of the rows: the other dimensions multiplied. */
        String rowsExpr() {
            String[] parts = tensor.shape().split(", ");
            return String.join(" * ", java.util.Arrays.copyOf(parts, parts.length - 1));
        }
    }

    /** The weights it multiplies by, in the order their tensors are stored. */
    List<Weight> weights();

    /** The names of its tensors in the int8 model, in order. */
    default List<String> tensorNames() {
        List<String> names = new ArrayList<>();
        for (Weight w : weights()) {
            names.add(w.tensor().name());
            names.add(w.tensor().name() + "_scale");
        }
        for (Weight w : weights()) names.add(biasName(w));
        names.addAll(scaleNames());
        return names;
    }

    /** {@code dense0.bias} for {@code dense0.weight}, {@code lstm0.recurrent_bias} for its recurrent weight. */
    static String biasName(Weight w) {
        return w.tensor().name().replace("weight", "bias");
    }

    /** The activation scales it reads: {@code dense0.input_scale} (and {@code lstm0.hidden_scale}). */
    List<String> scaleNames();

    /**
     * The fields holding its weights, scales and biases: set by {@code load}, which makes them all (nothing runs
     * before a model is loaded), so the constructor of a deep network stays small.
     */
    default void fields(Int8Writer w) {
        for (Weight x : weights()) {
            w.add(FieldSpec.builder(INT8_MATRIX, x.field(), Modifier.PRIVATE).build());
            w.add(FieldSpec.builder(w.array(), x.field().replace("Weight", "Scale"), Modifier.PRIVATE)
                    .addJavadoc("Per output channel: the input's scale times the weight's, from int32 sums to values.\n")
                    .build());
            w.add(FieldSpec.builder(w.array(), x.field().replace("Weight", "Bias"), Modifier.PRIVATE).build());
        }
        for (String scale : scaleNames()) {
            w.add(FieldSpec.builder(w.real(), inverseField(scale), Modifier.PRIVATE).build());
        }
    }

    /** The field of 1/scale for a scale tensor: {@code dense0.input_scale} → {@code dense0InverseInputScale}. */
    default String inverseField(String scale) {
        String kind = scale.substring(scale.indexOf('.') + 1).equals("hidden_scale") ? "Hidden" : "Input";
        return layer() + "Inverse" + kind + "Scale";
    }

    /** Statements of {@code quantize(p, ranges)} adding its tensors to {@code out}. */
    void quantize(MethodSpec.Builder m, Int8Writer w);

    /** Statements checking its tensors in a checkpoint {@code c}: types, shapes, scales; nothing is written. */
    default void check(MethodSpec.Builder m) {
        for (Weight x : weights()) {
            m.addStatement("$T.tensor(c, $S, true, $L)", INT8_MODEL, x.tensor().name(), x.tensor().shape());
            m.addStatement("$T.tensor(c, $S, false, $L)", INT8_MODEL, x.tensor().name() + "_scale", x.colsExpr());
            m.addStatement("$T.tensor(c, $S, false, $L)", INT8_MODEL, biasName(x), x.colsExpr());
        }
        for (String s : scaleNames()) m.addStatement("$T.scale(c, $S)", INT8_MODEL, s);
    }

    /** Statements of {@code load(c)}, after every check passed, that set the fields from {@code c}. */
    default void assign(MethodSpec.Builder m, Int8Writer w) {
        for (String s : scaleNames()) m.addStatement("double $L = $T.scale(c, $S)", local(s), INT8_MODEL, s);
        for (Weight x : weights()) {
            String scale = scaleNames().get(x.tensor().name().endsWith("recurrent_weight") ? 1 : 0);
            String scales = x.field().replace("Weight", "Scale");
            String bias = x.field().replace("Weight", "Bias");
            m.addStatement("$L = $T.of(c.parameters().get($S).values(), $L, $L)", x.field(), INT8_MATRIX,
                    x.tensor().name(), x.rowsExpr(), x.colsExpr());
            m.addStatement("$L = new $T[$L]", scales, w.real(), x.colsExpr());
            m.addStatement("$T.scales($L, c.parameters().get($S).values(), $L)", INT8_MODEL, local(scale),
                    x.tensor().name() + "_scale", scales);
            m.addStatement("$L = new $T[$L]", bias, w.real(), x.colsExpr());
            m.addStatement("$T.copy(c.parameters().get($S).values(), $L, 0)", INT8_MODEL, biasName(x), bias);
        }
        for (String s : scaleNames()) {
            m.addStatement("$L = $L", inverseField(s), w.narrow("1 / " + local(s)));
        }
    }

    /** The local holding a scale's value in {@code load}: {@code dense0.input_scale} → {@code dense0InputScale}. */
    private static String local(String scale) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : scale.toCharArray()) {
            if (ch == '.' || ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    /** Adds the forward method. */
    void forward(Int8Writer w);

    /** Its call in {@code forwardInference}. */
    default String forwardCall() {
        String args = source().in().equals(Plan.INPUT) ? "x, xOff, batch" : "batch";
        return "forward" + source().method() + "(" + args + ")";
    }

    /** The statements quantizing one sample's input row and multiplying it: {@code accumulator} then holds the sums. */
    static void product(MethodSpec.Builder m, String src, String offset, String count, String inverse,
            String matrix) {
        m.addStatement("$T.quantize($L, $L, $L, $L, quantized, 0)", INT8_KERNELS, src, offset, count, inverse);
        m.addStatement("$L.multiply(quantized, 0, accumulator)", matrix);
    }

    /** The source array and offset expression of an op's input. */
    static String[] input(Op op) {
        return op.in().equals(Plan.INPUT) ? new String[] {"x", "xOff + "} : new String[] {op.in(), ""};
    }
}
