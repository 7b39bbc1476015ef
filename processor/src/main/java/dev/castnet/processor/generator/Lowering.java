package dev.castnet.processor.generator;

import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Precision;
import dev.castnet.processor.generator.Plan.Activation;
import dev.castnet.processor.generator.Plan.BatchNorm;
import dev.castnet.processor.generator.Plan.Block;
import dev.castnet.processor.generator.Plan.Buffer;
import dev.castnet.processor.generator.Plan.Dense;
import dev.castnet.processor.generator.Plan.Dropout;
import dev.castnet.processor.generator.Plan.Eltwise;
import dev.castnet.processor.generator.Plan.Op;
import dev.castnet.processor.generator.Plan.Role;
import dev.castnet.processor.generator.Plan.Softmax;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a resolved {@link Network} into a {@link Plan}. Memory decisions:
 * <ul>
 *   <li>An activation right after a dense, batchnorm or dropout kernel runs in place on that kernel's output:
 *       none of those needs its own output for backward (dense needs its input, batchnorm caches x̂, dropout
 *       its mask), and every supported activation's derivative can be computed from its output.</li>
 *   <li>Any other activation (after the input, whose array belongs to the caller, or after another activation,
 *       whose output its backward still needs) gets its own buffer.</li>
 *   <li>Softmax writes its own buffer so the logits stay available for a stable log-sum-exp in the loss.</li>
 *   <li>{@code identity} is no kernel at all.</li>
 * </ul>
 */
final class Lowering {
    private Lowering() {}

    static Plan lower(Network network) {
        List<Tensor> tensors = new ArrayList<>();
        List<Buffer> buffers = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        int paramOffset = 0;
        int statsOffset = 0;
        int activations = 0;
        String cur = Plan.INPUT;
        String curDelta = null;
        int size = network.input().size();

        for (Layer layer : network.layers()) {
            if (layer instanceof Layer.Dense d) {
                String p = d.name();
                Tensor w = new Tensor(p + ".weight", new int[] {size, d.units()}, Role.WEIGHT, paramOffset,
                        size * d.units(), constant(p, "weight"));
                tensors.add(w);
                paramOffset += w.size();
                Tensor b = null;
                if (d.bias()) {
                    b = new Tensor(p + ".bias", new int[] {d.units()}, Role.BIAS, paramOffset, d.units(),
                            constant(p, "bias"));
                    tensors.add(b);
                    paramOffset += b.size();
                }
                String out = p + "Out";
                String delta = p + "Delta";
                buffers.add(new Buffer(out, d.units(), true));
                buffers.add(new Buffer(delta, d.units(), true));
                ops.add(new Dense(d.index(), cur, out, curDelta, delta, size, d.units(), w, b, null));
                cur = out;
                curDelta = delta;
                size = d.units();
            } else if (layer instanceof Layer.BatchNorm bn) {
                String p = bn.name();
                Tensor gamma = new Tensor(p + ".gamma", new int[] {size}, Role.GAMMA, paramOffset, size,
                        constant(p, "gamma"));
                paramOffset += size;
                Tensor beta = new Tensor(p + ".beta", new int[] {size}, Role.BETA, paramOffset, size,
                        constant(p, "beta"));
                paramOffset += size;
                Tensor mean = new Tensor(p + ".running_mean", new int[] {size}, Role.RUNNING_MEAN, statsOffset, size,
                        constant(p, "running_mean"));
                statsOffset += size;
                Tensor var = new Tensor(p + ".running_var", new int[] {size}, Role.RUNNING_VAR, statsOffset, size,
                        constant(p, "running_var"));
                statsOffset += size;
                tensors.add(gamma);
                tensors.add(beta);
                tensors.add(mean);
                tensors.add(var);
                String out = p + "Out";
                String delta = p + "Delta";
                String xhat = p + "Xhat";
                buffers.add(new Buffer(out, size, true));
                buffers.add(new Buffer(delta, size, true));
                buffers.add(new Buffer(xhat, size, true));
                buffers.add(new Buffer(p + "Mean", size, false));
                buffers.add(new Buffer(p + "InvStd", size, false));
                ops.add(new BatchNorm(bn.index(), cur, out, curDelta, delta, size, xhat, p + "Mean", p + "InvStd",
                        bn.momentum(), bn.eps(), bn.stats(), gamma, beta, mean, var, null));
                cur = out;
                curDelta = delta;
            } else if (layer instanceof Layer.Dropout dr) {
                String p = dr.name();
                String out = p + "Out";
                String delta = p + "Delta";
                buffers.add(new Buffer(out, size, true));
                buffers.add(new Buffer(delta, size, true));
                buffers.add(new Buffer(p + "Mask", size, true));
                ops.add(new Dropout(dr.index(), cur, out, curDelta, delta, size, p + "Mask", dr.p(), dr.mode(),
                        p + "P", null));
                cur = out;
                curDelta = delta;
            } else if (layer instanceof Layer.Activation a) {
                if (a.kind() == ActivationKind.IDENTITY) continue;
                Eltwise fn = new Eltwise(a.kind(), a.alpha());
                Op last = ops.isEmpty() ? null : ops.get(ops.size() - 1);
                Op fused = fuse(last, fn);
                if (fused != null) {
                    ops.set(ops.size() - 1, fused);
                } else {
                    String p = "activation" + activations;
                    String out = p + "Out";
                    String delta = p + "Delta";
                    buffers.add(new Buffer(out, size, true));
                    buffers.add(new Buffer(delta, size, true));
                    ops.add(new Activation(activations, fn, cur, out, curDelta, delta, size));
                    activations++;
                    cur = out;
                    curDelta = delta;
                }
            } else if (layer instanceof Layer.Softmax) {
                if (cur.equals(Plan.INPUT)) {
                    throw new IllegalArgumentException(layer.pos() + ": softmax needs a layer before it");
                }
                buffers.add(new Buffer("softmaxOut", size, true));
                ops.add(new Softmax(cur, "softmaxOut", curDelta, null, size));
                cur = "softmaxOut";
                curDelta = null;
            } else {
                throw new IllegalArgumentException(layer.pos() + ": unsupported layer " + layer);
            }
        }
        if (ops.isEmpty()) {
            throw new IllegalArgumentException(network.pos() + ": network " + network.name() + " has no layers");
        }
        pruneGradients(ops, buffers);
        Op lastOp = ops.get(ops.size() - 1);
        String lossDelta;
        String logits = null;
        if (network.loss() == LossKind.CROSS_ENTROPY) {
            if (!(lastOp instanceof Softmax s)) {
                throw new IllegalArgumentException(network.pos() + ": cross_entropy needs softmax as the last layer");
            }
            lossDelta = s.inDelta();
            logits = s.in();
        } else {
            if (lastOp instanceof Softmax) {
                throw new IllegalArgumentException(network.pos() + ": softmax is only supported with cross_entropy");
            }
            lossDelta = lastOp.outDelta();
        }
        if (lossDelta == null) {
            throw new IllegalArgumentException(network.pos() + ": network " + network.name()
                    + " has nothing to train: add a dense or batchnorm layer");
        }
        return new Plan(network, network.precision() == Precision.DOUBLE, network.input().size(), size, tensors,
                buffers, ops, cur, lossDelta, logits, paramOffset, statsOffset, blocks(ops));
    }

    /**
     * Before the first layer with parameters no gradient is needed: drops those input gradients, then every
     * gradient buffer nothing writes or reads.
     */
    private static void pruneGradients(List<Op> ops, List<Buffer> buffers) {
        boolean trainableBefore = false;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (!trainableBefore && op.inDelta() != null) ops.set(i, withoutInputGradient(op));
            if (op instanceof Dense || op instanceof BatchNorm) trainableBefore = true;
        }
        Set<String> used = new HashSet<>();
        for (Op op : ops) {
            used.add(op.in());
            used.add(op.out());
            if (op.inDelta() != null) {
                used.add(op.inDelta());
                used.add(op.outDelta());
            }
            if (op instanceof Dense d) {
                used.add(d.outDelta());
            } else if (op instanceof BatchNorm b) {
                used.addAll(List.of(b.outDelta(), b.xhat(), b.mean(), b.invStd()));
            } else if (op instanceof Dropout d) {
                used.add(d.mask());
            }
        }
        buffers.removeIf(b -> !used.contains(b.name()));
    }

    private static Op withoutInputGradient(Op op) {
        if (op instanceof Dense d) {
            return new Dense(d.index(), d.in(), d.out(), null, d.outDelta(), d.inSize(), d.outSize(), d.weight(),
                    d.bias(), d.post());
        }
        if (op instanceof BatchNorm b) {
            return new BatchNorm(b.index(), b.in(), b.out(), null, b.outDelta(), b.inSize(), b.xhat(), b.mean(),
                    b.invStd(), b.momentum(), b.eps(), b.stats(), b.gamma(), b.beta(), b.runningMean(),
                    b.runningVar(), b.post());
        }
        if (op instanceof Dropout d) {
            return new Dropout(d.index(), d.in(), d.out(), null, d.outDelta(), d.inSize(), d.mask(), d.p(), d.mode(),
                    d.field(), d.post());
        }
        if (op instanceof Activation a) {
            return new Activation(a.index(), a.fn(), a.in(), a.out(), null, a.outDelta(), a.inSize());
        }
        Softmax s = (Softmax) op;
        return new Softmax(s.in(), s.out(), null, s.outDelta(), s.inSize());
    }

    private static Op fuse(Op last, Eltwise fn) {
        if (last instanceof Dense d && d.post() == null) {
            return new Dense(d.index(), d.in(), d.out(), d.inDelta(), d.outDelta(), d.inSize(), d.outSize(),
                    d.weight(), d.bias(), fn);
        }
        if (last instanceof BatchNorm b && b.post() == null) {
            return new BatchNorm(b.index(), b.in(), b.out(), b.inDelta(), b.outDelta(), b.inSize(), b.xhat(),
                    b.mean(), b.invStd(), b.momentum(), b.eps(), b.stats(), b.gamma(), b.beta(), b.runningMean(),
                    b.runningVar(), fn);
        }
        if (last instanceof Dropout d && d.post() == null) {
            return new Dropout(d.index(), d.in(), d.out(), d.inDelta(), d.outDelta(), d.inSize(), d.mask(), d.p(),
                    d.mode(), d.field(), fn);
        }
        return null;
    }

    private static List<Block> blocks(List<Op> ops) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (!(ops.get(i) instanceof Dense d)) continue;
            int j = i;
            while (j + 1 < ops.size() && !(ops.get(j + 1) instanceof Dense)) j++;
            blocks.add(new Block(d, ops.get(j).out()));
        }
        return blocks;
    }

    private static String constant(String layer, String tensor) {
        return (layer + "_" + tensor).toUpperCase(Locale.ROOT);
    }
}
