package dev.castnet.processor.generator;

import com.palantir.javapoet.MethodSpec;
import dev.castnet.dsl.model.OptimizerKind;
import java.util.List;

/**
 * One unit per optimizer (SPEC §2): the state arrays it keeps, the hyperparameters it hoists out of the loop, and
 * the body of its per-element update, which runs in the network's element type so HotSpot vectorizes it. Terms
 * such as 1 − β2 are computed in double and rounded once, as PyTorch does: in float, 1 − (float) 0.999 is off
 * by 1.3e-5 relative, which Adam's second moment would carry into every step.
 * Names match torch.optim's state keys.
 */
enum OptimizerWriter {
    SGD("SGD") {
        @Override
        void step(NetworkWriter w, MethodSpec.Builder u, String e) {
            u.addStatement("params[i] = w - lr * g");
        }
    },
    MOMENTUM("SGD(momentum=rho)", new State("velocity", "velocity")) {
        @Override
        void hoist(NetworkWriter w, MethodSpec.Builder u) {
            w.hoist(u, "rho", "this.rho");
        }

        @Override
        void step(NetworkWriter w, MethodSpec.Builder u, String e) {
            u.addStatement("$L v = rho * velocity[i] + g", e);
            u.addStatement("velocity[i] = v");
            u.addStatement("params[i] = w - lr * v");
        }
    },
    NESTEROV("SGD(momentum=rho, nesterov=True)", new State("velocity", "velocity")) {
        @Override
        void hoist(NetworkWriter w, MethodSpec.Builder u) {
            w.hoist(u, "rho", "this.rho");
        }

        @Override
        void step(NetworkWriter w, MethodSpec.Builder u, String e) {
            u.addStatement("$L v = rho * velocity[i] + g", e);
            u.addStatement("velocity[i] = v");
            u.addStatement("params[i] = w - lr * (g + rho * v)");
        }
    },
    ADAGRAD("Adagrad", new State("sum", "sum")) {
        @Override
        void hoist(NetworkWriter w, MethodSpec.Builder u) {
            w.hoist(u, "eps", "this.eps");
        }

        @Override
        void step(NetworkWriter w, MethodSpec.Builder u, String e) {
            u.addStatement("$L s = sum[i] + g * g", e);
            u.addStatement("sum[i] = s");
            u.addStatement("params[i] = w - lr * g / ($L + eps)", w.sqrt("s"));
        }
    },
    ADADELTA("Adadelta", new State("squareAvg", "square_avg"), new State("accDelta", "acc_delta")) {
        @Override
        void hoist(NetworkWriter w, MethodSpec.Builder u) {
            w.hoist(u, "rho", "this.rho");
            w.hoist(u, "oneMinusRho", "1 - this.rho");
            w.hoist(u, "eps", "this.eps");
        }

        @Override
        void step(NetworkWriter w, MethodSpec.Builder u, String e) {
            u.addStatement("$L sq = rho * squareAvg[i] + oneMinusRho * g * g", e);
            u.addStatement("squareAvg[i] = sq");
            u.addStatement("$L delta = $L / $L * g", e, w.sqrt("accDelta[i] + eps"), w.sqrt("sq + eps"));
            u.addStatement("accDelta[i] = rho * accDelta[i] + oneMinusRho * delta * delta");
            u.addStatement("params[i] = w - lr * delta");
        }
    },
    RMSPROP("RMSprop(alpha=rho)", new State("squareAvg", "square_avg")) {
        @Override
        void hoist(NetworkWriter w, MethodSpec.Builder u) {
            w.hoist(u, "rho", "this.rho");
            w.hoist(u, "oneMinusRho", "1 - this.rho");
            w.hoist(u, "eps", "this.eps");
        }

        @Override
        void step(NetworkWriter w, MethodSpec.Builder u, String e) {
            u.addStatement("$L sq = rho * squareAvg[i] + oneMinusRho * g * g", e);
            u.addStatement("squareAvg[i] = sq");
            u.addStatement("params[i] = w - lr * g / ($L + eps)", w.sqrt("sq"));
        }
    },
    ADAM("Adam", new State("m", "m"), new State("v", "v")) {
        @Override
        void hoist(NetworkWriter w, MethodSpec.Builder u) {
            adamHoist(w, u);
        }

        @Override
        void step(NetworkWriter w, MethodSpec.Builder u, String e) {
            adamStep(w, u, e);
        }
    },
    ADAMW("AdamW", new State("m", "m"), new State("v", "v")) {
        @Override
        void hoist(NetworkWriter w, MethodSpec.Builder u) {
            adamHoist(w, u);
            w.hoist(u, "decay", "1 - this.lr * wd");
        }

        @Override
        void step(NetworkWriter w, MethodSpec.Builder u, String e) {
            u.addComment("decoupled weight decay on every trainable tensor, before the adam step");
            u.addStatement("w *= decay");
            adamStep(w, u, e);
        }
    };

    /** An optimizer state array: the generated field and the tensor suffix in {@code optimizerState()}. */
    record State(String field, String suffix) {}

    private final String torchName;
    private final List<State> states;

    OptimizerWriter(String torchName, State... states) {
        this.torchName = torchName;
        this.states = List.of(states);
    }

    static OptimizerWriter of(OptimizerKind kind) {
        return valueOf(kind.name());
    }

    String torchName() {
        return torchName;
    }

    List<State> states() {
        return states;
    }

    /** Hyperparameters beyond {@code lr}, as {@code E name = (E) this.name;} before the loop. */
    void hoist(NetworkWriter w, MethodSpec.Builder u) {}

    /** The update of element i from {@code g} (clipped and regularized) and {@code w}, in element type {@code e}. */
    abstract void step(NetworkWriter w, MethodSpec.Builder u, String e);

    private static void adamHoist(NetworkWriter w, MethodSpec.Builder u) {
        w.hoist(u, "beta1", "this.beta1");
        w.hoist(u, "oneMinusBeta1", "1 - this.beta1");
        w.hoist(u, "beta2", "this.beta2");
        w.hoist(u, "oneMinusBeta2", "1 - this.beta2");
        w.hoist(u, "eps", "this.eps");
        w.hoist(u, "stepSize", "this.lr / (1 - pow(this.beta1, step))");
        w.hoist(u, "correction2", "sqrt(1 - pow(this.beta2, step))");
    }

    private static void adamStep(NetworkWriter w, MethodSpec.Builder u, String e) {
        u.addStatement("$L mi = beta1 * m[i] + oneMinusBeta1 * g", e);
        u.addStatement("$L vi = beta2 * v[i] + oneMinusBeta2 * g * g", e);
        u.addStatement("m[i] = mi");
        u.addStatement("v[i] = vi");
        u.addStatement("params[i] = w - stepSize * mi / ($L / correction2 + eps)", w.sqrt("vi"));
    }
}
