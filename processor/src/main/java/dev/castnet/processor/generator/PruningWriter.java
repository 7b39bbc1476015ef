package dev.castnet.processor.generator;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Magnitude pruning's part of a network class (SPEC §6): a mask laid out as {@code params} (1 outside the
 * prunable tensors), allocated the first time {@code masks()} is asked for, so a network that is never pruned
 * pays nothing but a flag test per step. Once {@code applyMasks()} zeroed the pruned weights with their
 * gradients and optimizer state, every update multiplies the gradients by the mask before clipping: a pruned
 * weight then gets a zero gradient, its optimizer state stays 0 (m = β·0 + (1 − β)·0), and every optimizer's
 * step, weight decay included, leaves it exactly 0 — as {@code torch.nn.utils.prune}, whose masked weight gets a
 * masked gradient, and TensorFlow Model Optimization, which masks the weight after each step.
 */
final class PruningWriter {
    private static final ClassName PARAMETERS = ClassName.get("dev.castnet.runtime", "Parameters");
    private static final ClassName TENSOR_TABLE = ClassName.get("dev.castnet.runtime", "TensorTable");

    private PruningWriter() {}

    /** The line of {@code update()} that keeps pruned weights at 0. */
    static void maskGradients(MethodSpec.Builder update) {
        update.beginControlFlow("if (masked)");
        update.addStatement("maskGradients()");
        update.endControlFlow();
    }

    /** The lines of {@code reset(seed)} that drop the masks. */
    static void reset(MethodSpec.Builder reset) {
        reset.addStatement("masked = false");
        reset.beginControlFlow("if (mask != null)");
        reset.addStatement("$T.fill(mask, 1)", NetworkWriter.ARRAYS);
        reset.endControlFlow();
    }

    static void write(NetworkWriter w) {
        Plan plan = w.plan();
        w.add(FieldSpec.builder(w.array(), "mask", Modifier.PRIVATE)
                .addJavadoc("Pruning masks laid out as {@code params}: 0 prunes a weight, 1 keeps it (and every\n"
                        + "value outside the prunable tensors); null until {@code masks()} is first called.\n")
                .build());
        w.add(FieldSpec.builder(TENSOR_TABLE, "maskTable", Modifier.PRIVATE).build());
        w.add(FieldSpec.builder(TypeName.BOOLEAN, "masked", Modifier.PRIVATE)
                .addJavadoc("True once {@code applyMasks()} ran: updates then keep pruned weights at 0.\n")
                .build());

        MethodSpec.Builder masks = MethodSpec.methodBuilder("masks")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(PARAMETERS);
        masks.beginControlFlow("if (maskTable == null)");
        masks.addStatement("mask = new $T[PARAMETER_END]", w.real());
        masks.addStatement("$T.fill(mask, 1)", NetworkWriter.ARRAYS);
        masks.addStatement("maskTable = new $T()", TENSOR_TABLE);
        List<CodeBlock> tables = new ArrayList<>();
        for (Tensor t : plan.prunable()) {
            tables.add(CodeBlock.of("maskTable.add($S, new int[] {$L}, mask, $L)", t.name(), t.shape(), t.constant()));
        }
        if (tables.size() <= NetworkWriter.CHUNK) {
            for (CodeBlock c : tables) masks.addStatement(c);
        } else {
            MethodSpec.Builder register = MethodSpec.methodBuilder("registerMasks").addModifiers(Modifier.PRIVATE);
            w.addChunked(register, "registerMasks", tables);
            w.add(register.build());
            masks.addStatement("registerMasks()");
        }
        masks.endControlFlow();
        masks.addStatement("return maskTable");
        w.add(masks.build());

        MethodSpec.Builder apply = MethodSpec.methodBuilder("applyMasks")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Zeroes every weight whose mask is 0, with its gradient and optimizer state; a mask that\n"
                        + "is not 0 becomes 1. From now on updates keep the pruned weights at 0.\n");
        apply.addStatement("masks()");
        apply.beginControlFlow("for (int i = PARAMETER_BASE; i < PARAMETER_END; i++)");
        apply.beginControlFlow("if (mask[i] != 0)");
        apply.addStatement("mask[i] = 1");
        apply.addStatement("continue");
        apply.endControlFlow();
        apply.addStatement("params[i] = 0");
        apply.addStatement("grads[i] = 0");
        for (OptimizerWriter.State s : w.optimizerStates()) apply.addStatement("$L[i] = 0", s.field());
        apply.endControlFlow();
        apply.addStatement("masked = true");
        w.add(apply.build());

        w.add(MethodSpec.methodBuilder("masked")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addStatement("return masked")
                .build());

        MethodSpec.Builder g = MethodSpec.methodBuilder("maskGradients")
                .addModifiers(Modifier.PRIVATE)
                .addJavadoc("A pruned weight gets no gradient, so clipping and every optimizer leave it at 0 (+ 0 turns\n"
                        + "the −0 of a negative gradient times 0 into +0, which keeps a pruned weight +0 too).\n");
        g.beginControlFlow("for (int i = PARAMETER_BASE; i < PARAMETER_END; i++)");
        g.addStatement("grads[i] = grads[i] * mask[i] + 0");
        g.endControlFlow();
        w.add(g.build());
    }
}
