package dev.castnet.dsl.model;

import java.util.List;

/**
 * A resolved initializer with every argument filled in:
 * ZEROS(), CONSTANT(value), GAUSSIAN(mean, std), UNIFORM(a, b), XAVIER_UNIFORM(gain),
 * XAVIER_NORMAL(gain), HE_UNIFORM(), HE_NORMAL(), LECUN_NORMAL().
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
}
