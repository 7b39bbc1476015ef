package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A long short-term memory layer on a sequence input ({@code lstm H …} in a {@code .nn} file), as PyTorch's
 * one-layer {@code nn.LSTM} with {@code batch_first}: gates i, f, g, o in that order in the weights' columns,
 * h_0 = c_0 = 0, backpropagation through all T steps. On one method the parts run lstm → {@link BatchNorm} →
 * {@link Dropout}; the method returns {@code dev.castnet.runtime.RecurrentLayer}. Tensors: {@code weight [F][4H]},
 * {@code recurrent_weight [H][4H]}, {@code bias [4H]}, {@code recurrent_bias [4H]} (PyTorch's
 * {@code weight_ih}ᵀ, {@code weight_hh}ᵀ, {@code bias_ih}, {@code bias_hh}).
 *
 * <pre>{@code
 * @Network(steps = 28, input = 28, loss = Loss.CROSS_ENTROPY, optimizer = @Optimizer(OptimizerKind.ADAM))
 * public interface RowReader {
 *     @Lstm(units = 128) RecurrentLayer rows();
 *     @Dense(units = 10, activation = Activation.SOFTMAX) DenseLayer output();
 * }
 * }</pre>
 *
 * <p>Attributes left out take the language's defaults: the last step's output only, forget bias 1,
 * {@code xavier_uniform} input weights and {@code orthogonal} recurrent weights.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Lstm {
    /** {@return the number of hidden units H}, at least 1. */
    int units();

    /**
     * {@return whether the layer returns every h_t}: true gives a sequence T x H (Keras's {@code
     * return_sequences=True}), which another recurrent method can read; false (the default) only h_T, a vector H.
     * {@code return=sequence|last} in a {@code .nn} file.
     */
    boolean returnSequence() default false;

    /**
     * {@return the starting value of the forget gate's input bias} (Jozefowicz et al. 2015; Keras's {@code
     * unit_forget_bias}). NaN means left out: 1.
     */
    double forgetBias() default Double.NaN;

    /**
     * {@return the input weights' initializer} (fan_in F, fan_out 4H). {@link InitKind#DEFAULT}: {@code
     * xavier_uniform}.
     */
    Init init() default @Init(InitKind.DEFAULT);

    /** {@return the recurrent weights' initializer}. {@link InitKind#DEFAULT}: {@link InitKind#ORTHOGONAL}. */
    Init recurrentInit() default @Init(InitKind.DEFAULT);
}
