package dev.castnet.processor.generator;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Where int8 quantization calibrates value ranges (SPEC §6), in one place for both classes that must agree on
 * them: the float class's {@code observeRanges}, which measures them, and the int8 class, whose activation scales
 * they become. A point is the input of a layer with weights (what its int8 product reads) and, for a recurrent
 * layer, its hidden state (what the recurrent product reads at every step).
 *
 * @param name the point's name, {@code dense0.input} or {@code lstm0.hidden}
 * @param op the layer with weights it belongs to
 * @param buffer the array holding the values after an inference forward ({@link Plan#INPUT} for the caller's)
 * @param count the values of the batch at the point, as an expression of {@code batch}
 */
record Quantization(String name, Op op, String buffer, String count) {
    static final ClassName INT8_KERNELS = ClassName.get("dev.castnet.runtime.kernel", "Int8Kernels");

    static List<Quantization> points(Plan plan) {
        List<Quantization> points = new ArrayList<>();
        for (Op op : plan.ops()) {
            if (op instanceof DenseOp || op instanceof Conv2dOp || op instanceof RecurrentOp) {
                points.add(new Quantization(op.layerName() + ".input", op, op.in(), "batch * " + op.inSize()));
            }
            if (op instanceof RecurrentOp r) {
                // h_0 .. h_{T-1}, the states the recurrent product reads, are the first T·batch rows of h
                int steps = r.layer().steps();
                points.add(new Quantization(op.layerName() + ".hidden", op, r.h(),
                        steps + " * batch * " + r.layer().units()));
            }
        }
        return points;
    }

    /** The point of {@code op} named {@code suffix} ({@code input} or {@code hidden}): its index in {@link #points}. */
    static int index(Plan plan, Op op, String suffix) {
        List<Quantization> all = points(plan);
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).op() == op && all.get(k).name().endsWith("." + suffix)) return k;
        }
        throw new IllegalArgumentException(op.layerName() + " has no quantization point " + suffix);
    }

    /** {@code quantizationPoints()} and {@code observeRanges(x, batch, ranges)} of the float class. */
    static void writeObserver(NetworkWriter w) {
        List<Quantization> points = points(w.plan());
        StringBuilder names = new StringBuilder();
        for (Quantization q : points) names.append(names.length() > 0 ? ", " : "").append('"').append(q.name()).append('"');
        w.add(MethodSpec.methodBuilder("quantizationPoints")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)))
                .addStatement("return $T.of($L)", List.class, names)
                .build());

        MethodSpec.Builder m = MethodSpec.methodBuilder("observeRanges")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Int8 calibration: an inference forward, then each quantization point's largest |value|.\n")
                .addParameter(w.array(), "x")
                .addParameter(TypeName.INT, "batch")
                .addParameter(ArrayTypeName.of(TypeName.DOUBLE), "ranges");
        m.addStatement("checkBatch(batch)");
        m.addStatement("checkLength($S, x.length, batch * INPUT_SIZE)", "x");
        m.addStatement("checkLength($S, ranges.length, $L)", "ranges", points.size());
        m.addStatement("forwardInference(x, 0, batch)");
        for (int k = 0; k < points.size(); k++) {
            Quantization q = points.get(k);
            String buffer = q.buffer().equals(Plan.INPUT) ? "x" : q.buffer();
            m.addStatement("ranges[$L] = max(ranges[$L], $T.maxAbs($L, 0, $L))", k, k, INT8_KERNELS, buffer, q.count());
        }
        w.add(m.build());
    }
}
