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

/** Ten tanh layers of {@value InitDepth#WIDTH} units initialized with He uniform; see {@link InitVarianceExperiment}. */
@Network(input = InitDepth.WIDTH, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(value = OptimizerKind.SGD, lr = 0.01))
interface TanhHe {
    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer1();

    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer2();

    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer3();

    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer4();

    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer5();

    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer6();

    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer7();

    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer8();

    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer9();

    @Dense(units = InitDepth.WIDTH, activation = Activation.TANH, init = @Init(InitKind.HE_UNIFORM))
    DenseLayer layer10();

    @Dense(units = 10, activation = Activation.SOFTMAX)
    DenseLayer output();
}
