package dev.castnet.samples;

import dev.castnet.annotations.Activation;
import dev.castnet.annotations.BatchNorm;
import dev.castnet.annotations.Conv2d;
import dev.castnet.annotations.Dense;
import dev.castnet.annotations.Dropout;
import dev.castnet.annotations.Loss;
import dev.castnet.annotations.MaxPool;
import dev.castnet.annotations.Network;
import dev.castnet.annotations.Optimizer;
import dev.castnet.annotations.OptimizerKind;
import dev.castnet.annotations.Padding;
import dev.castnet.runtime.ConvLayer;
import dev.castnet.runtime.DenseLayer;

/**
 * A small conv net for Fashion-MNIST's 28x28 grey images, declared as an annotated interface: the processor
 * generates {@code FashionConvNetNet}. Each conv method is one block, conv2d → batchnorm (per channel) → relu →
 * max pooling → dropout; shapes 28x28x1 → 14x14x16 → 7x7x32 → 128 → 10.
 */
@Network(height = 28, width = 28, channels = 1, loss = Loss.CROSS_ENTROPY,
        optimizer = @Optimizer(value = OptimizerKind.ADAM, lr = 1e-3))
public interface FashionConvNet {
    @Conv2d(filters = 16, kernel = 3, padding = Padding.SAME, activation = Activation.RELU)
    @BatchNorm
    @MaxPool(2)
    ConvLayer conv1();

    @Conv2d(filters = 32, kernel = 3, padding = Padding.SAME, activation = Activation.RELU)
    @BatchNorm
    @MaxPool(2)
    @Dropout(0.25)
    ConvLayer conv2();

    @Dense(units = 128, activation = Activation.RELU)
    @Dropout(0.25)
    DenseLayer hidden();

    @Dense(units = 10, activation = Activation.SOFTMAX)
    DenseLayer output();
}
