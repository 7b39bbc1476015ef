package dev.castnet.dsl.model;

/**
 * One resolved layer of a concrete network: parameters bound, {@code repeat} expanded, defaults filled in, shapes
 * inferred. This is what lowering and code generation consume. Each kind knows its output shape, its trainable
 * parameter count and its canonical {@code .nn} text; layers that hold tensors or need their own methods are
 * numbered per kind from 0 ({@code conv2d0}, {@code lstm1}).
 */
public sealed interface Layer permits Layer.Dense, Layer.Activation, Layer.BatchNorm, Layer.Dropout, Layer.Softmax,
        Layer.Conv2d, Layer.Pool, Layer.GlobalAvgPool, Layer.Flatten, Layer.Recurrent {
    SourcePos pos();

    /** Shape of one input sample. */
    Shape in();

    /** Shape of one output sample. */
    Shape out();

    /** The layer's name: {@code dense0}, {@code batchnorm1}; the keyword for layers that are not numbered. */
    String name();

    /** Trainable scalars (weights, biases, γ, β). */
    default long parameterCount() {
        return 0;
    }

    /** The statement with every option written out; validating it in the same place gives this layer again. */
    String print();

    /** {@code y = x·W + b}, W of shape [in.size()][units] row-major; a rank-2 or rank-3 input is flattened first. */
    record Dense(int index, Shape in, int units, Init init, boolean bias, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return Shape.vector(units);
        }

        @Override
        public String name() {
            return "dense" + index;
        }

        /** Input features once flattened (the weight's fan-in). */
        public int inputs() {
            return in.size();
        }

        @Override
        public long parameterCount() {
            return (long) in.size() * units + (bias ? units : 0);
        }

        @Override
        public String print() {
            return "dense " + units + " init=" + init + " bias=" + bias;
        }
    }

    /** Element-wise activation at any rank; {@code alpha} is used by leaky_relu (default 0.01) and elu (default 1). */
    record Activation(ActivationKind kind, double alpha, Shape in, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return in;
        }

        @Override
        public String name() {
            return kind.word();
        }

        @Override
        public String print() {
            return kind.word() + (kind.hasAlpha() ? " alpha=" + Numbers.text(alpha) : "");
        }
    }

    /**
     * Algorithm 7.1 with γ (init 1) and β (init 0) per feature; on an image per channel over batch×H×W (PyTorch's
     * {@code BatchNorm2d}), on a sequence per feature over batch×T.
     */
    record BatchNorm(int index, Shape in, double momentum, double eps, BatchNormStats stats, SourcePos pos)
            implements Layer {
        @Override
        public Shape out() {
            return in;
        }

        @Override
        public String name() {
            return "batchnorm" + index;
        }

        /** Normalized features: the channels of an image, the features of a sequence step, else every input. */
        public int features() {
            return in.isVector() ? in.size() : in.dim(in.rank() - 1);
        }

        /** Positions per sample sharing one feature's statistics: H×W on an image, T on a sequence, else 1. */
        public int positions() {
            return in.size() / features();
        }

        @Override
        public long parameterCount() {
            return 2L * features();
        }

        @Override
        public String print() {
            return "batchnorm momentum=" + Numbers.text(momentum) + " eps=" + Numbers.text(eps) + " stats="
                    + stats.word();
        }
    }

    /** {@code p} is the probability of dropping a unit; element-wise at any rank. */
    record Dropout(int index, Shape in, double p, DropoutMode mode, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return in;
        }

        @Override
        public String name() {
            return "dropout" + index;
        }

        @Override
        public String print() {
            return "dropout " + Numbers.text(p) + " mode=" + mode.word();
        }
    }

    /** Only last, on a vector, only with cross_entropy (fused for a stable gradient). */
    record Softmax(Shape in, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return in;
        }

        @Override
        public String name() {
            return "softmax";
        }

        @Override
        public String print() {
            return "softmax";
        }
    }

    /**
     * Cross-correlation as PyTorch's {@code Conv2d} on an HxWxC image: {@code filters} outputs, weight
     * {@code [kernelH][kernelW][C][filters]}, {@code stride} in both directions, {@code padding} zeros around.
     */
    record Conv2d(int index, Shape in, int filters, int kernelH, int kernelW, int stride, Padding padding, Init init,
            boolean bias, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return Shape.image(outHeight(), outWidth(), filters);
        }

        @Override
        public String name() {
            return "conv2d" + index;
        }

        public int channels() {
            return in.dim(2);
        }

        public int padH() {
            return padding.along(kernelH);
        }

        public int padW() {
            return padding.along(kernelW);
        }

        /** ⌊(H + 2P − KH)/S⌋ + 1. */
        public int outHeight() {
            return (in.dim(0) + 2 * padH() - kernelH) / stride + 1;
        }

        public int outWidth() {
            return (in.dim(1) + 2 * padW() - kernelW) / stride + 1;
        }

        /** Inputs of one output value: KH·KW·C (PyTorch's fan_in; fan_out is KH·KW·F). */
        public int patch() {
            return kernelH * kernelW * channels();
        }

        @Override
        public long parameterCount() {
            return (long) patch() * filters + (bias ? filters : 0);
        }

        @Override
        public String print() {
            String kernel = kernelH == kernelW ? Integer.toString(kernelH) : kernelH + "x" + kernelW;
            return "conv2d " + filters + " kernel=" + kernel + " stride=" + stride + " padding=" + padding + " init="
                    + init + " bias=" + bias;
        }
    }

    /** {@code maxpool K} / {@code avgpool K}: K×K windows moved by {@code stride}, no padding (MaxPool2d, AvgPool2d). */
    record Pool(PoolKind kind, int index, Shape in, int window, int stride, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return Shape.image((in.dim(0) - window) / stride + 1, (in.dim(1) - window) / stride + 1, in.dim(2));
        }

        @Override
        public String name() {
            return kind.keyword() + index;
        }

        @Override
        public String print() {
            return kind.keyword() + " " + window + " stride=" + stride;
        }
    }

    /** HxWxC → C: the mean of each channel. */
    record GlobalAvgPool(int index, Shape in, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return Shape.vector(in.dim(2));
        }

        @Override
        public String name() {
            return "globalavgpool" + index;
        }

        @Override
        public String print() {
            return "globalavgpool";
        }
    }

    /** Rank 2 or 3 → rank 1, row-major: the same values, seen as a vector. */
    record Flatten(Shape in, SourcePos pos) implements Layer {
        @Override
        public Shape out() {
            return Shape.vector(in.size());
        }

        @Override
        public String name() {
            return "flatten";
        }

        @Override
        public String print() {
            return "flatten";
        }
    }

    /**
     * A recurrent layer over a sequence TxF, as PyTorch's one-layer {@code nn.RNN}/{@code nn.LSTM}/{@code nn.GRU}
     * with {@code batch_first}: tensors {@code weight [F][G·H]}, {@code recurrent_weight [H][G·H]}, {@code bias} and
     * {@code recurrent_bias [G·H]} (PyTorch's weight_ihᵀ, weight_hhᵀ, bias_ih, bias_hh). Backpropagation runs
     * through all T steps.
     */
    sealed interface Recurrent extends Layer permits Rnn, Lstm, Gru {
        int index();

        /** Hidden units H. */
        int units();

        /** Gates G: 1 (rnn), 4 (lstm: i, f, g, o), 3 (gru: r, z, n). */
        int gates();

        /** True: every h_t (TxH); false: h_T (H). */
        boolean returnSequence();

        Init init();

        Init recurrentInit();

        default int steps() {
            return in().dim(0);
        }

        default int features() {
            return in().dim(1);
        }

        @Override
        default Shape out() {
            return returnSequence() ? Shape.sequence(steps(), units()) : Shape.vector(units());
        }

        @Override
        default long parameterCount() {
            long gh = (long) gates() * units();
            return (long) features() * gh + (long) units() * gh + 2 * gh;
        }

        /** The options every recurrent kind shares, as printed. */
        default String printShared() {
            return " return=" + (returnSequence() ? "sequence" : "last") + " init=" + init() + " recurrent_init="
                    + recurrentInit();
        }
    }

    /** h_t = act(x_t·W + b + h_{t−1}·U + b_h), h_0 = {@code h0} (a constant). */
    record Rnn(int index, Shape in, int units, ActivationKind activation, boolean returnSequence, double h0, Init init,
            Init recurrentInit, SourcePos pos) implements Recurrent {
        @Override
        public int gates() {
            return 1;
        }

        @Override
        public String name() {
            return "rnn" + index;
        }

        @Override
        public String print() {
            return "rnn " + units + " activation=" + activation.word() + " h0=" + Numbers.text(h0) + printShared();
        }
    }

    /** PyTorch's LSTM cell, gates i, f, g, o; h_0 = c_0 = 0; the forget gate's input bias starts at forgetBias. */
    record Lstm(int index, Shape in, int units, boolean returnSequence, double forgetBias, Init init,
            Init recurrentInit, SourcePos pos) implements Recurrent {
        @Override
        public int gates() {
            return 4;
        }

        @Override
        public String name() {
            return "lstm" + index;
        }

        @Override
        public String print() {
            return "lstm " + units + " forget_bias=" + Numbers.text(forgetBias) + printShared();
        }
    }

    /** PyTorch's GRU cell, gates r, z, n (r multiplies h·U_n + b_hn); h_0 = 0. */
    record Gru(int index, Shape in, int units, boolean returnSequence, Init init, Init recurrentInit, SourcePos pos)
            implements Recurrent {
        @Override
        public int gates() {
            return 3;
        }

        @Override
        public String name() {
            return "gru" + index;
        }

        @Override
        public String print() {
            return "gru " + units + printShared();
        }
    }
}
