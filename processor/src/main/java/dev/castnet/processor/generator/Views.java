package dev.castnet.processor.generator;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.castnet.dsl.model.Layer;
import java.util.List;

/**
 * The live layer views an annotated interface's methods return (SPEC §3): a {@code DenseLayer},
 * {@code ConvLayer} or {@code RecurrentLayer} over the generated class's tensor tables and the output buffer of
 * the layer's block (the layer and what follows it up to the next layer with weights).
 */
final class Views {
    private static final String RUNTIME = "dev.castnet.runtime";

    private Views() {}

    /** The interface a method returns for this op. */
    static ClassName viewInterface(Op op) {
        if (op instanceof DenseOp) return ClassName.get(RUNTIME, "DenseLayer");
        if (op instanceof Conv2dOp) return ClassName.get(RUNTIME, "ConvLayer");
        if (op instanceof RecurrentOp) return ClassName.get(RUNTIME, "RecurrentLayer");
        throw new IllegalArgumentException("no layer view for " + op.method());
    }

    /** The field's type: the view class. */
    static ClassName viewType(Op op) {
        return viewInterface(op);
    }

    /** The constructor call of the view of {@code op}. */
    static CodeBlock create(Plan plan, Op op, String blockOutput) {
        String generated = RUNTIME + ".generated";
        if (op instanceof DenseOp d) {
            return CodeBlock.of("new $T($S, IN_$L, OUT_$L, parameterTable, gradientTable, $L)",
                    ClassName.get(generated, "DenseLayerView"), d.layerName(), d.index(), d.index(), blockOutput);
        }
        if (op instanceof Conv2dOp c) {
            Layer.Conv2d l = c.layer();
            return CodeBlock.of("new $T($S, new int[] {$L}, new int[] {$L}, $L, $L, parameterTable, gradientTable, $L)",
                    ClassName.get(generated, "ConvLayerView"), l.name(), dims(l.in().dims()),
                    dims(blockShape(plan, op, blockOutput)), l.kernelH(), l.kernelW(), blockOutput);
        }
        if (op instanceof RecurrentOp r) {
            Layer.Recurrent l = r.layer();
            String cell = l instanceof Layer.Lstm ? "lstm" : l instanceof Layer.Gru ? "gru" : "rnn";
            return CodeBlock.of("new $T($S, $S, $L, $L, $L, new int[] {$L}, parameterTable, gradientTable, $L)",
                    ClassName.get(generated, "RecurrentLayerView"), l.name(), cell, l.steps(), l.features(),
                    l.units(), dims(blockShape(plan, op, blockOutput)), blockOutput);
        }
        throw new IllegalArgumentException("no layer view for " + op.method());
    }

    /** The shape of the block's output: the output shape of the model layer whose op writes it. */
    private static int[] blockShape(Plan plan, Op first, String blockOutput) {
        List<Op> ops = plan.ops();
        for (int i = ops.indexOf(first); i < ops.size(); i++) {
            if (ops.get(i).out().equals(blockOutput)) return shapeOf(ops.get(i));
        }
        throw new IllegalArgumentException("block output " + blockOutput + " is not written after " + first.method());
    }

    /** The model shape an op produces. */
    private static int[] shapeOf(Op op) {
        if (op instanceof Conv2dOp c) return c.layer().out().dims();
        if (op instanceof PoolOp p) return p.layer().out().dims();
        if (op instanceof GlobalAvgPoolOp g) return g.layer().out().dims();
        if (op instanceof RecurrentOp r) return r.layer().out().dims();
        if (op instanceof BatchNormOp b) return b.layer().out().dims();
        if (op instanceof DropoutOp d) return d.layer().out().dims();
        return new int[] {op.outSize()};
    }

    private static String dims(int[] d) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < d.length; i++) b.append(i > 0 ? ", " : "").append(d[i]);
        return b.toString();
    }
}
