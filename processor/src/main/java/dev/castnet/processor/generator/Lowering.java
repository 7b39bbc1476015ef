package dev.castnet.processor.generator;

import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Precision;
import dev.castnet.processor.generator.Plan.Buffer;
import dev.castnet.processor.generator.Plan.ElementType;
import dev.castnet.processor.generator.Plan.Eltwise;
import dev.castnet.processor.generator.Plan.Role;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Turns a resolved {@link Network} into a {@link Plan}, one layer at a time through the lowering of its kind
 * ({@link #KINDS}, one line per kind). Memory decisions:
 * <ul>
 *   <li>An activation right after an op whose backward does not need that op's own output (dense, conv2d,
 *       batchnorm, dropout, pooling) runs in place on that output; every supported activation's derivative can be
 *       computed from its output.</li>
 *   <li>Any other activation (after the input, whose array belongs to the caller, or after another activation,
 *       whose output its backward still needs) gets its own buffer.</li>
 *   <li>Softmax writes its own buffer so the logits stay available for a stable log-sum-exp in the loss.</li>
 *   <li>{@code identity} and {@code flatten} are no kernels at all (a row-major sample is already flat).</li>
 *   <li>Before the first layer with parameters no gradient is needed: those input gradients, and every buffer no
 *       op then uses, are dropped.</li>
 * </ul>
 */
final class Lowering {
    private Lowering() {}

    /** How each layer type becomes ops; a test checks every {@link Layer} type is here. */
    static final Map<Class<? extends Layer>, BiFunction<Layer, Context, Op>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put(Layer.Dense.class, (l, c) -> DenseOp.lower((Layer.Dense) l, c));
        KINDS.put(Layer.BatchNorm.class, (l, c) -> BatchNormOp.lower((Layer.BatchNorm) l, c));
        KINDS.put(Layer.Dropout.class, (l, c) -> DropoutOp.lower((Layer.Dropout) l, c));
        KINDS.put(Layer.Activation.class, (l, c) -> c.activation((Layer.Activation) l));
        KINDS.put(Layer.Softmax.class, (l, c) -> SoftmaxOp.lower(l.in().size(), c));
        KINDS.put(Layer.Conv2d.class, (l, c) -> Conv2dOp.lower((Layer.Conv2d) l, c));
        KINDS.put(Layer.Pool.class, (l, c) -> PoolOp.lower((Layer.Pool) l, c));
        KINDS.put(Layer.GlobalAvgPool.class, (l, c) -> GlobalAvgPoolOp.lower((Layer.GlobalAvgPool) l, c));
        KINDS.put(Layer.Flatten.class, (l, c) -> null);
        KINDS.put(Layer.Rnn.class, (l, c) -> RecurrentOp.lower((Layer.Recurrent) l, c));
        KINDS.put(Layer.Lstm.class, (l, c) -> RecurrentOp.lower((Layer.Recurrent) l, c));
        KINDS.put(Layer.Gru.class, (l, c) -> RecurrentOp.lower((Layer.Recurrent) l, c));
    }

    /** What a layer's lowering allocates through: tensors, buffers, and the flow of activations. */
    static final class Context {
        private final List<Tensor> tensors = new ArrayList<>();
        private final List<Buffer> buffers = new ArrayList<>();
        private final List<Op> ops = new ArrayList<>();
        private final Map<String, Integer> counters = new HashMap<>();
        private final int parameterBase;
        private int paramOffset;
        private int statsOffset;
        private int populationFeatures;
        private String current = Plan.INPUT;
        private String currentDelta;

        /** Trainable tensors are laid out from {@code parameterBase} on (see {@link Plan#parameterBase}). */
        Context(int parameterBase) {
            this.parameterBase = parameterBase;
            this.paramOffset = parameterBase;
        }

        String current() {
            return current;
        }

        String currentDelta() {
            return currentDelta;
        }

        /** The next number of an unnamed kind ({@code activation0}, {@code activation1}). */
        int next(String kind) {
            return counters.merge(kind, 1, Integer::sum) - 1;
        }

        Tensor trainable(String name, int[] dims, String shape, Role role) {
            int size = 1;
            for (int d : dims) size *= d;
            Tensor t = new Tensor(name, dims, shape, role, paramOffset, size, constant(name));
            paramOffset += size;
            tensors.add(t);
            return t;
        }

        Tensor statistic(String name, int size, String shape, Role role) {
            Tensor t = new Tensor(name, new int[] {size}, shape, role, statsOffset, size, constant(name));
            statsOffset += size;
            tensors.add(t);
            return t;
        }

        /** A buffer of {@code perSample} network elements per sample; returns its name. */
        String buffer(String name, int perSample, String size) {
            buffers.add(new Buffer(name, perSample, size, true, ElementType.REAL));
            return name;
        }

        /** A buffer of {@code perSample} ints per sample. */
        String ints(String name, int perSample, String size) {
            buffers.add(new Buffer(name, perSample, size, true, ElementType.INT));
            return name;
        }

        /** An array of {@code size} ints whatever the batch. */
        String fixedInts(String name, int size, String sizeConstant) {
            buffers.add(new Buffer(name, size, sizeConstant, false, ElementType.INT));
            return name;
        }

        /** An array of {@code size} network elements whatever the batch. */
        String fixed(String name, int size, String sizeConstant) {
            buffers.add(new Buffer(name, size, sizeConstant, false, ElementType.REAL));
            return name;
        }

        /** Batchnorm's whole-dataset statistics need accumulators as wide as the widest batchnorm. */
        void population(int features) {
            populationFeatures = Math.max(populationFeatures, features);
        }

        private Op activation(Layer.Activation a) {
            if (a.kind() == ActivationKind.IDENTITY) return null;
            Eltwise fn = new Eltwise(a.kind(), a.alpha());
            Op last = ops.isEmpty() ? null : ops.get(ops.size() - 1);
            Op fused = last == null || !last.out().equals(current) ? null : last.withPost(fn);
            if (fused != null) {
                ops.set(ops.size() - 1, fused);
                return null;
            }
            return ActivationOp.lower(fn, a.in().size(), this);
        }

        private void add(Op op) {
            ops.add(op);
            current = op.out();
            currentDelta = op.outDelta();
        }
    }

    static Plan lower(Network network) {
        boolean dbl = network.precision() == Precision.DOUBLE;
        Context c = new Context(Plan.parameterBase(dbl));
        for (Layer layer : network.layers()) {
            BiFunction<Layer, Context, Op> kind = KINDS.get(layer.getClass());
            if (kind == null) throw new IllegalArgumentException(layer.pos() + ": unsupported layer " + layer);
            if (layer instanceof Layer.Softmax && c.current.equals(Plan.INPUT)) {
                throw new IllegalArgumentException(layer.pos() + ": softmax needs a layer before it");
            }
            Op op = kind.apply(layer, c);
            if (op != null) c.add(op);
        }
        List<Op> ops = c.ops;
        if (ops.isEmpty()) {
            throw new IllegalArgumentException(network.pos() + ": network " + network.name() + " has no layers");
        }
        pruneGradients(ops, c.buffers);
        if (c.populationFeatures > 0) {
            String size = "POPULATION_FEATURES";
            for (String n : List.of("populationMean", "populationM2", "populationBatchMean", "populationBatchM2")) {
                c.buffers.add(new Buffer(n, c.populationFeatures, size, false, ElementType.DOUBLE));
            }
        }
        Op lastOp = ops.get(ops.size() - 1);
        String lossDelta;
        String logits = null;
        if (network.loss() == LossKind.CROSS_ENTROPY) {
            if (!(lastOp instanceof SoftmaxOp s)) {
                throw new IllegalArgumentException(network.pos() + ": cross_entropy needs softmax as the last layer");
            }
            lossDelta = s.inDelta();
            logits = s.in();
        } else {
            if (lastOp instanceof SoftmaxOp) {
                throw new IllegalArgumentException(network.pos() + ": softmax is only supported with cross_entropy");
            }
            lossDelta = lastOp.outDelta();
        }
        if (lossDelta == null) {
            throw new IllegalArgumentException(network.pos() + ": network " + network.name()
                    + " has nothing to train: add a layer with parameters");
        }
        return new Plan(network, dbl, network.input().size(), network.output().size(), c.tensors, c.buffers, ops,
                c.current, lossDelta, logits, c.paramOffset - c.parameterBase, c.statsOffset);
    }

    /** The widest batchnorm's features, or 0: the size of the whole-dataset statistics accumulators. */
    static int populationFeatures(Plan plan) {
        for (Buffer b : plan.buffers()) if (b.name().equals("populationMean")) return b.perSample();
        return 0;
    }

    /**
     * Before the first layer with parameters no gradient is needed: drops those input gradients, then every
     * buffer nothing writes or reads.
     */
    private static void pruneGradients(List<Op> ops, List<Buffer> buffers) {
        boolean trainableBefore = false;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (!trainableBefore && op.inDelta() != null) ops.set(i, op.withoutInputGradient());
            if (op.hasParameters()) trainableBefore = true;
        }
        Set<String> used = new HashSet<>();
        for (Op op : ops) {
            used.add(op.in());
            used.add(op.out());
            if (op.inDelta() != null) used.add(op.inDelta());
            if (op.outDelta() != null && (op.inDelta() != null || op.hasParameters())) used.add(op.outDelta());
            used.addAll(op.caches());
        }
        buffers.removeIf(b -> !used.contains(b.name()));
    }

    private static String constant(String tensor) {
        return tensor.replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
