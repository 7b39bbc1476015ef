/**
 * The javac-free code generator: a resolved {@link dev.castnet.dsl.model.Network} is lowered by {@code Lowering}
 * into a {@code Plan} (kernels in order, their buffers, where every tensor lives), which {@code NetworkWriter}
 * prints with JavaPoet as one final class implementing {@code dev.castnet.runtime.TrainableNetwork}. The
 * annotation processor and {@code castnet generate} both enter through {@link CodeGenerator#generate}.
 */
package dev.castnet.processor.generator;
