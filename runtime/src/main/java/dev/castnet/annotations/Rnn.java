package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A simple recurrent layer on a sequence input ({@code rnn H …} in a {@code .nn} file), as PyTorch's one-layer
 * {@code nn.RNN} with {@code batch_first}: {@code h_t = act(x_t·W + b + h_{t−1}·U + b_h)} for t = 1..T, trained
 * by backpropagation through all T steps. On one method the parts run rnn → {@link BatchNorm} → {@link Dropout};
 * the method returns {@code dev.castnet.runtime.RecurrentLayer}. Tensors: {@code weight [F][H]},
 * {@code recurrent_weight [H][H]}, {@code bias [H]}, {@code recurrent_bias [H]}.
 *
 * <pre>{@code
 * @Network(steps = 28, input = 28, …)   // 28 steps of 28 features
 * …
 * @Rnn(units = 64, returnSequence = true) RecurrentLayer encoder();
 * }</pre>
 *
 * <p>Attributes left out take the language's defaults: tanh, the last step's output only, h_0 = 0,
 * {@code xavier_uniform} input weights ({@code he_uniform} under relu) and {@code orthogonal} recurrent weights.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Rnn {
    /** {@return the number of hidden units H}, at least 1. */
    int units();

    /**
     * {@return the cell's nonlinearity}: {@link Activation#TANH} (the default), {@link Activation#SIGMOID} or {@link
     * Activation#RELU}.
     */
    Activation activation() default Activation.TANH;

    /**
     * {@return whether the layer returns every h_t}: true gives a sequence T x H (Keras's {@code
     * return_sequences=True}), which another recurrent method can read; false (the default) only h_T, a vector H.
     * {@code return=sequence|last} in a {@code .nn} file.
     */
    boolean returnSequence() default false;

    /** {@return the initial state h_0}, a constant for every unit. NaN means left out: 0. */
    double h0() default Double.NaN;

    /**
     * {@return the input weights' initializer} (fan_in F, fan_out H). {@link InitKind#DEFAULT}: {@code xavier_uniform}
     * (gain 4 under a sigmoid), {@code he_uniform} under relu.
     */
    Init init() default @Init(InitKind.DEFAULT);

    /** {@return the recurrent weights' initializer}. {@link InitKind#DEFAULT}: {@link InitKind#ORTHOGONAL}. */
    Init recurrentInit() default @Init(InitKind.DEFAULT);
}
