package dev.castnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A gated recurrent unit layer on a sequence input ({@code gru H …} in a {@code .nn} file), as PyTorch's one-layer
 * {@code nn.GRU} with {@code batch_first}: gates r, z, n in that order, r multiplying {@code h·U_n + b_hn}; h_0 = 0;
 * backpropagation through all T steps. On one method the parts run gru → {@link BatchNorm} → {@link Dropout}; the
 * method returns {@code dev.castnet.runtime.RecurrentLayer}. Tensors: {@code weight [F][3H]},
 * {@code recurrent_weight [H][3H]}, {@code bias [3H]}, {@code recurrent_bias [3H]}.
 *
 * <p>Attributes left out take the language's defaults: the last step's output only, {@code xavier_uniform} input
 * weights and {@code orthogonal} recurrent weights.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Gru {
    /** {@return the number of hidden units H}, at least 1. */
    int units();

    /**
     * {@return whether the layer returns every h_t}: true gives a sequence T x H (Keras's {@code
     * return_sequences=True}), which another recurrent method can read; false (the default) only h_T, a vector H.
     * {@code return=sequence|last} in a {@code .nn} file.
     */
    boolean returnSequence() default false;

    /**
     * {@return the input weights' initializer} (fan_in F, fan_out 3H). {@link InitKind#DEFAULT}: {@code
     * xavier_uniform}.
     */
    Init init() default @Init(InitKind.DEFAULT);

    /** {@return the recurrent weights' initializer}. {@link InitKind#DEFAULT}: {@link InitKind#ORTHOGONAL}. */
    Init recurrentInit() default @Init(InitKind.DEFAULT);
}
