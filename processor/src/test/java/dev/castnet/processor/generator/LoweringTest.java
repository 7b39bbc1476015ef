package dev.castnet.processor.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.ShapeReport;
import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.processor.generator.Plan.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory plan, apart from the emitted code. */
class LoweringTest {

    @Test
    void activationsRunInPlaceAfterKernelsAndGetTheirOwnBufferOtherwise() {
        Network n = TestSpecs.body("Plan", null, "input 4", "tanh", "dense 6", "batchnorm", "relu", "dropout 0.5",
                "elu", "sigmoid", "dense 3", "identity", "softmax", "loss cross_entropy", "optimizer sgd");
        Plan plan = Lowering.lower(n);
        List<Op> ops = plan.ops();
        assertEquals(7, ops.size(), ops.toString());
        ActivationOp first = assertInstanceOf(ActivationOp.class, ops.get(0), "after the input: the caller's array");
        assertEquals(Plan.INPUT, first.in());
        assertNull(first.inDelta(), "no gradient with respect to the input");
        DenseOp d0 = assertInstanceOf(DenseOp.class, ops.get(1));
        assertNull(d0.post());
        assertNull(d0.inDelta(), "nothing before dense0 has parameters: no gradient flows past it");
        assertTrue(plan.buffers().stream().noneMatch(b -> b.name().equals(first.outDelta())), "unused buffer");
        assertEquals(first.out(), d0.in());
        BatchNormOp bn = assertInstanceOf(BatchNormOp.class, ops.get(2));
        assertEquals(ActivationKind.RELU, bn.post().kind(), "relu fused into batchnorm");
        DropoutOp dr = assertInstanceOf(DropoutOp.class, ops.get(3));
        assertEquals(ActivationKind.ELU, dr.post().kind(), "elu fused into dropout");
        ActivationOp sig = assertInstanceOf(ActivationOp.class, ops.get(4), "after an activation: its own buffer");
        assertEquals(dr.out(), sig.in());
        DenseOp d1 = assertInstanceOf(DenseOp.class, ops.get(5));
        assertNull(d1.post(), "identity is no kernel");
        SoftmaxOp s = assertInstanceOf(SoftmaxOp.class, ops.get(6));
        assertEquals(d1.out(), s.in());
        assertEquals(d1.outDelta(), plan.lossDelta(), "cross_entropy writes the logits' gradient");
        assertEquals(d1.out(), plan.logits());
        assertEquals(s.out(), plan.outputBuffer());
    }

    @Test
    void tensorsArePackedInLayerOrderAndMatchTheCost() {
        Network n = TestSpecs.body("Pack", null, "input 5", "dense 4", "batchnorm", "relu", "dense 3 bias=false",
                "batchnorm", "dense 2", "loss mse", "optimizer adam");
        Plan plan = Lowering.lower(n);
        List<String> names = plan.tensors().stream().map(Tensor::name).toList();
        assertEquals(List.of("dense0.weight", "dense0.bias", "batchnorm0.gamma", "batchnorm0.beta",
                "batchnorm0.running_mean", "batchnorm0.running_var", "dense1.weight", "batchnorm1.gamma",
                "batchnorm1.beta", "batchnorm1.running_mean", "batchnorm1.running_var", "dense2.weight",
                "dense2.bias"), names);
        // trainable tensors start where the aligned arrays' first cache line does
        assertEquals(12, plan.parameterBase());
        int params = plan.parameterBase();
        int stats = 0;
        for (Tensor t : plan.tensors()) {
            if (t.trainable()) {
                assertEquals(params, t.offset(), t.name());
                params += t.size();
            } else {
                assertEquals(stats, t.offset(), t.name());
                stats += t.size();
            }
            assertEquals(t.name().endsWith(".weight"), t.regularized(), t.name());
        }
        assertEquals(params - plan.parameterBase(), plan.parameterCount());
        assertEquals(stats, plan.statisticsCount());
        assertEquals(ShapeReport.parameterCount(n), plan.parameterCount(), "the layers' own counts agree");
    }

    @Test
    void everyBufferNameIsUniqueAndSized() {
        Network n = TestSpecs.body("Sizes", null, "input 7", "dense 4", "sigmoid", "tanh", "dropout 0.1",
                "dense 2", "sigmoid", "loss binary_cross_entropy", "optimizer sgd");
        Plan plan = Lowering.lower(n);
        long distinct = plan.buffers().stream().map(Plan.Buffer::name).distinct().count();
        assertEquals(plan.buffers().size(), distinct);
        assertTrue(plan.buffers().stream().allMatch(b -> b.perSample() > 0));
        assertEquals(plan.ops().get(plan.ops().size() - 1).outDelta(), plan.lossDelta(),
                "binary_cross_entropy differentiates the sigmoid output, whose derivative follows");
    }

    @Test
    void everyLayerTypeHasALowering() {
        java.util.Deque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(dev.castnet.dsl.model.Layer.class));
        int concrete = 0;
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.isSealed()) {
                todo.addAll(List.of(c.getPermittedSubclasses()));
                continue;
            }
            concrete++;
            assertTrue(Lowering.KINDS.containsKey(c), c.getSimpleName() + " has no lowering");
        }
        assertEquals(Lowering.KINDS.size(), concrete, "a lowering for a layer type that no longer exists");
    }
}
