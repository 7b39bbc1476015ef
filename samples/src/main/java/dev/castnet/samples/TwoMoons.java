package dev.castnet.samples;

import dev.castnet.annotations.Activation;
import dev.castnet.annotations.BatchNorm;
import dev.castnet.annotations.Dense;
import dev.castnet.annotations.Init;
import dev.castnet.annotations.InitKind;
import dev.castnet.annotations.Loss;
import dev.castnet.annotations.Network;
import dev.castnet.annotations.Optimizer;
import dev.castnet.annotations.OptimizerKind;
import dev.castnet.runtime.DenseLayer;

/**
 * A classifier for two interleaved half circles, declared as an annotated interface; the processor generates
 * {@code TwoMoonsNet}. {@link TwoMoonsData} draws the points.
 */
@Network(input = 2, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(value = OptimizerKind.ADAM, lr = 0.01))
public interface TwoMoons {
    @Dense(units = 16, activation = Activation.TANH, init = @Init(InitKind.XAVIER_UNIFORM))
    @BatchNorm
    DenseLayer hidden();

    @Dense(units = 2, activation = Activation.SOFTMAX)
    DenseLayer output();
}
