package dev.castnet.dsl.model;

import java.util.List;

/**
 * A resolved initializer with every argument filled in:
 * ZEROS(), CONSTANT(value), GAUSSIAN(mean, std), UNIFORM(a, b), XAVIER_UNIFORM(gain),
 * XAVIER_NORMAL(gain), HE_UNIFORM(), HE_NORMAL(), LECUN_NORMAL(), ORTHOGONAL(gain).
 * Xavier's default gain (4 before sigmoid, else 1) is already applied by validation.
 */
public record Init(InitKind kind, List<Double> args) {
    public Init {
        args = List.copyOf(args);
    }

    public static Init of(InitKind kind, double... args) {
        Double[] boxed = new Double[args.length];
        for (int i = 0; i < args.length; i++) boxed[i] = args[i];
        return new Init(kind, List.of(boxed));
    }

    public double arg(int i) {
        return args.get(i);
    }

    /** Canonical {@code .nn} text: {@code gaussian(mean=0, std=0.01)}, {@code he_uniform}. */
    @Override
    public String toString() {
        return switch (kind) {
            case CONSTANT -> "constant(" + Numbers.text(arg(0)) + ")";
            case GAUSSIAN -> "gaussian(mean=" + Numbers.text(arg(0)) + ", std=" + Numbers.text(arg(1)) + ")";
            case UNIFORM -> "uniform(" + Numbers.text(arg(0)) + ", " + Numbers.text(arg(1)) + ")";
            case XAVIER_UNIFORM, XAVIER_NORMAL, ORTHOGONAL -> kind.word() + "(gain=" + Numbers.text(arg(0)) + ")";
            default -> kind.word();
        };
    }
}
