package dev.castnet.dsl.model;

/**
 * One resolved layer of a concrete network: parameters bound, {@code repeat} expanded, defaults
 * filled in, shapes inferred. This is what lowering and code generation consume.
 */
public sealed interface Layer permits Layer.Dense, Layer.Activation, Layer.BatchNorm, Layer.Dropout, Layer.Softmax {
    SourcePos pos();

    /** Shape of one input sample. */
    Shape in();

    /** Shape of one output sample. */
    Shape out();

    /** {@code y = x·W + b}, W of shape [in.size()][units] row-major. {@code index} counts dense layers from 0. */
    record Dense(int index, Shape in, int units, Init init, boolean bias, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return Shape.vector(units);
        }

        public String name() {
            return "dense" + index;
        }
    }

    /** Element-wise activation; {@code alpha} is used by leaky_relu (default 0.01) and elu (default 1.0). */
    record Activation(ActivationKind kind, double alpha, Shape in, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return in;
        }
    }

    /** Algorithm 7.1 with γ (init 1) and β (init 0) per feature. */
    record BatchNorm(int index, Shape in, double momentum, double eps, BatchNormStats stats, SourcePos pos)
            implements Layer {
        @Override
        public Shape out() {
            return in;
        }

        public String name() {
            return "batchnorm" + index;
        }
    }

    /** {@code p} is the probability of dropping a unit. */
    record Dropout(int index, Shape in, double p, DropoutMode mode, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return in;
        }

        public String name() {
            return "dropout" + index;
        }
    }

    /** Only last, only with cross_entropy (fused for a stable gradient). */
    record Softmax(Shape in, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return in;
        }
    }
}
