package dev.castnet.experiments;

import dev.castnet.annotations.Activation;
import dev.castnet.annotations.Dense;
import dev.castnet.annotations.Init;
import dev.castnet.annotations.InitKind;
import dev.castnet.annotations.Loss;
import dev.castnet.annotations.Network;
import dev.castnet.annotations.Optimizer;
import dev.castnet.annotations.OptimizerKind;
import dev.castnet.runtime.DenseLayer;

/** Ten sigmoid layers of {@value InitDepth#WIDTH} units initialized with Xavier uniform, gain 1 (the gain some texts print for sigmoid); see {@link InitVarianceExperiment}. */
@Network(input = InitDepth.WIDTH, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(value = OptimizerKind.SGD, lr = 0.01))
interface SigmoidXavierGain1 {
    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer1();

    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer2();

    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer3();

    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer4();

    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer5();

    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer6();

    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer7();

    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer8();

    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer9();

    @Dense(units = InitDepth.WIDTH, activation = Activation.SIGMOID, init = @Init(value = InitKind.XAVIER_UNIFORM, args = 1))
    DenseLayer layer10();

    @Dense(units = 10, activation = Activation.SOFTMAX)
    DenseLayer output();
}
