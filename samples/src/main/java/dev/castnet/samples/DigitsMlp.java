package dev.castnet.samples;

import dev.castnet.annotations.Activation;
import dev.castnet.annotations.BatchNorm;
import dev.castnet.annotations.Clip;
import dev.castnet.annotations.Dense;
import dev.castnet.annotations.Dropout;
import dev.castnet.annotations.Init;
import dev.castnet.annotations.InitKind;
import dev.castnet.annotations.Loss;
import dev.castnet.annotations.Network;
import dev.castnet.annotations.Optimizer;
import dev.castnet.annotations.OptimizerKind;
import dev.castnet.runtime.DenseLayer;

/**
 * The digits network of {@code digits.nn}, declared as an annotated interface: the processor generates
 * {@code DigitsMlpNet}. Each method is one block, dense → batchnorm → activation → dropout.
 */
@Network(height = 8, width = 8, channels = 1, loss = Loss.CROSS_ENTROPY,
        optimizer = @Optimizer(value = OptimizerKind.ADAM, lr = 2e-3), clip = @Clip(norm = 5.0), l2 = 1e-4)
public interface DigitsMlp {
    @Dense(units = 128, activation = Activation.RELU, init = @Init(InitKind.HE_UNIFORM))
    @BatchNorm
    @Dropout(0.2)
    DenseLayer hidden();

    @Dense(units = 64, activation = Activation.RELU)
    DenseLayer hidden2();

    @Dense(units = 10, activation = Activation.SOFTMAX)
    DenseLayer output();
}
