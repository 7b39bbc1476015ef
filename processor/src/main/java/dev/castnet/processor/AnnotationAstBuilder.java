package dev.castnet.processor;

import dev.castnet.annotations.Activation;
import dev.castnet.annotations.Precision;
import dev.castnet.dsl.ast.NetworkDecl;
import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.SpecFile;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.SourcePos;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an {@link InterfaceDecl} into the tree a {@code .nn} file parses to, so the language's validator
 * resolves both the same way. Each method becomes its layer's statement and then, in the order its kind runs
 * them (SPEC §3): dense → batchnorm → activation → dropout; conv2d → batchnorm → activation → pooling → dropout
 * (a softmax, which needs a vector, after the pooling); rnn/lstm/gru → batchnorm → dropout. Options the source
 * leaves out are not written, so the tree (and the fingerprint) matches a hand-written spec saying the same.
 */
final class AnnotationAstBuilder {
    private AnnotationAstBuilder() {}

    static SpecFile build(InterfaceDecl n, String file) {
        List<Statement> body = new ArrayList<>();
        int[] in = n.input();
        Value input = in.length == 1 ? num(n.inputPos(), (long) in[0])
                : new Value.Dims(in.length == 2 ? in[0] + "x" + in[1] : in[0] + "x" + in[1] + "x" + in[2],
                        n.inputPos());
        body.add(Statement.of(n.inputPos(), "input", input));

        for (InterfaceDecl.Block block : n.blocks()) {
            InterfaceDecl.Layer layer = block.layer();
            if (layer instanceof InterfaceDecl.Dense d) {
                body.add(dense(d));
                batchNorm(body, block.batchNorm());
                activation(body, d.activation());
            } else if (layer instanceof InterfaceDecl.Conv2d c) {
                body.add(conv2d(c));
                batchNorm(body, block.batchNorm());
                boolean softmax = c.activation() != null && c.activation().kind() == Activation.SOFTMAX;
                if (!softmax) activation(body, c.activation());
                pool(body, block.pool());
                if (softmax) activation(body, c.activation());
            } else if (layer instanceof InterfaceDecl.Recurrent r) {
                body.add(recurrent(r));
                batchNorm(body, block.batchNorm());
            } else {
                throw new AssertionError("unknown layer " + layer);
            }
            dropout(body, block.dropout());
        }

        body.add(Statement.of(n.lossPos(), "loss", Value.word(n.lossPos(), word(n.loss()))));
        List<Option> hypers = new ArrayList<>();
        for (Map.Entry<String, Double> e : n.optimizerArgs().entrySet()) {
            hypers.add(numberOption(e.getKey(), e.getValue(), n.optimizerArgPos().get(e.getKey())));
        }
        body.add(Statement.of(n.optimizerPos(), "optimizer",
                List.of(Value.word(n.optimizerPos(), word(n.optimizer()))), hypers));
        if (n.clipKind() != null) {
            body.add(Statement.of(n.clipPos(), "clip", Value.word(n.clipPos(), n.clipKind()),
                    num(n.clipPos(), n.clip())));
        }
        if (n.l1() != 0) body.add(regularize("l1", n.l1(), n.l1Pos()));
        if (n.l2() != 0) body.add(regularize("l2", n.l2(), n.l2Pos()));
        if (n.precision() != Precision.FLOAT) {
            body.add(Statement.of(n.precisionPos(), "precision", Value.word(n.precisionPos(), word(n.precision()))));
        }
        Statement train = train(n.train());
        if (train != null) body.add(train);

        NetworkDecl network = new NetworkDecl(n.name(), body, n.pos());
        return new SpecFile(file, null, n.packageName(), List.of(network), n.pos());
    }

    // ---------------------------------------------------------------- layers

    /** {@code dense N [init=I] [bias=B]}. */
    private static Statement dense(InterfaceDecl.Dense d) {
        List<Option> options = new ArrayList<>();
        init(options, "init", d.init());
        bool(options, "bias", d.bias());
        return Statement.of(d.unitsPos(), "dense", List.of(num(d.unitsPos(), (long) d.units())), options);
    }

    /** {@code conv2d F kernel=K|KHxKW [stride=S] [padding=valid|same|P] [init=I] [bias=B]}. */
    private static Statement conv2d(InterfaceDecl.Conv2d c) {
        List<Option> options = new ArrayList<>();
        if (c.kernel() != null) {
            int[] k = c.kernel().value();
            SourcePos pos = c.kernel().pos();
            Value kernel = k.length == 1 ? num(pos, (long) k[0]) : new Value.Dims(k[0] + "x" + k[1], pos);
            options.add(new Option("kernel", kernel, pos));
        }
        if (c.stride() != null) {
            options.add(new Option("stride", num(c.stride().pos(), (long) c.stride().value()), c.stride().pos()));
        }
        if (c.padding() != null) {
            SourcePos pos = c.padding().pos();
            int p = c.padding().value();
            Value padding = p == dev.castnet.annotations.Padding.SAME ? Value.word(pos, "same")
                    : p == dev.castnet.annotations.Padding.VALID ? Value.word(pos, "valid") : num(pos, (long) p);
            options.add(new Option("padding", padding, pos));
        }
        init(options, "init", c.init());
        bool(options, "bias", c.bias());
        return Statement.of(c.pos(), "conv2d", List.of(num(c.filtersPos(), (long) c.filters())), options);
    }

    /**
     * {@code rnn|lstm|gru H [activation=A] [return=last|sequence] [h0=V] [forget_bias=V] [init=I]
     * [recurrent_init=I]}, in the order the language lists them.
     */
    private static Statement recurrent(InterfaceDecl.Recurrent r) {
        List<Option> options = new ArrayList<>();
        if (r.activation() != null) {
            options.add(new Option("activation", Value.word(r.activation().pos(), word(r.activation().value())),
                    r.activation().pos()));
        }
        if (r.returnSequence() != null) {
            SourcePos pos = r.returnSequence().pos();
            options.add(new Option("return", Value.word(pos, r.returnSequence().value() ? "sequence" : "last"), pos));
        }
        number(options, "h0", r.h0());
        number(options, "forget_bias", r.forgetBias());
        init(options, "init", r.init());
        init(options, "recurrent_init", r.recurrentInit());
        return Statement.of(r.pos(), r.keyword(), List.of(num(r.unitsPos(), (long) r.units())), options);
    }

    // ---------------------------------------------------------------- the parts after the layer

    private static void batchNorm(List<Statement> body, InterfaceDecl.BatchNorm bn) {
        if (bn == null) return;
        List<Option> options = new ArrayList<>();
        number(options, "momentum", bn.momentum());
        number(options, "eps", bn.eps());
        if (bn.stats() != null) options.add(wordOption("stats", bn.stats()));
        body.add(Statement.of(bn.pos(), "batchnorm", List.of(), options));
    }

    /** The activation statement ({@code relu}, {@code leaky_relu alpha=A}, {@code softmax}); none for identity. */
    private static void activation(List<Statement> body, InterfaceDecl.Nonlinearity activation) {
        if (activation == null) return;
        List<Option> options = new ArrayList<>();
        number(options, "alpha", activation.alpha());
        body.add(Statement.of(activation.pos(), word(activation.kind()), List.of(), options));
    }

    /** {@code maxpool K [stride=S]}, {@code avgpool K [stride=S]} or {@code globalavgpool}. */
    private static void pool(List<Statement> body, InterfaceDecl.Pool pool) {
        if (pool == null) return;
        List<Value> args = new ArrayList<>();
        if (pool.window() != null) args.add(num(pool.window().pos(), (long) pool.window().value()));
        List<Option> options = new ArrayList<>();
        if (pool.stride() != null) {
            options.add(new Option("stride", num(pool.stride().pos(), (long) pool.stride().value()),
                    pool.stride().pos()));
        }
        body.add(Statement.of(pool.pos(), pool.keyword(), args, options));
    }

    private static void dropout(List<Statement> body, InterfaceDecl.Dropout dropout) {
        if (dropout == null) return;
        List<Option> options = new ArrayList<>();
        if (dropout.mode() != null) options.add(wordOption("mode", dropout.mode()));
        body.add(Statement.of(dropout.pPos(), "dropout", List.of(num(dropout.pPos(), dropout.p())), options));
    }

    // ---------------------------------------------------------------- the rest

    /** {@code train { }} with the settings the source writes, or null when it writes none. */
    private static Statement train(InterfaceDecl.Train t) {
        List<Statement> block = new ArrayList<>();
        if (t.epochs() != null) {
            block.add(setting("epochs", t.epochs(), num(t.epochs().pos(), (long) t.epochs().value())));
        }
        if (t.batch() != null) block.add(setting("batch", t.batch(), num(t.batch().pos(), (long) t.batch().value())));
        if (t.validation() != null) {
            block.add(setting("validation", t.validation(), num(t.validation().pos(), t.validation().value())));
        }
        if (t.seed() != null) block.add(setting("seed", t.seed(), num(t.seed().pos(), t.seed().value())));
        if (t.shuffle() != null) {
            block.add(setting("shuffle", t.shuffle(), Value.word(t.shuffle().pos(), t.shuffle().value().toString())));
        }
        if (block.isEmpty()) return null;
        return new Statement("train", -1, List.of(), List.of(), block, t.pos());
    }

    private static Statement setting(String keyword, InterfaceDecl.Given<?> given, Value value) {
        return Statement.of(given.pos(), keyword, value);
    }

    private static Statement regularize(String which, double strength, SourcePos pos) {
        return Statement.of(pos, "regularize", Value.word(pos, which), num(pos, strength));
    }

    private static void init(List<Option> options, String key, InterfaceDecl.Initializer init) {
        if (init == null) return;
        String name = word(init.kind());
        Value value;
        if (init.args().length == 0) {
            value = Value.word(init.pos(), name);
        } else {
            List<Value> args = new ArrayList<>();
            for (double a : init.args()) args.add(num(init.pos(), a));
            value = new Value.Call(name, args, List.of(), init.pos());
        }
        options.add(new Option(key, value, init.pos()));
    }

    private static void bool(List<Option> options, String key, InterfaceDecl.Given<Boolean> given) {
        if (given != null) options.add(new Option(key, Value.word(given.pos(), given.value().toString()), given.pos()));
    }

    private static void number(List<Option> options, String key, InterfaceDecl.Given<Double> given) {
        if (given != null) options.add(numberOption(key, given.value(), given.pos()));
    }

    private static Option wordOption(String key, InterfaceDecl.Given<? extends Enum<?>> given) {
        return new Option(key, Value.word(given.pos(), word(given.value())), given.pos());
    }

    /**
     * A number as a user would write it, so messages quote it readably: {@code 256}, {@code 0.0001}, {@code 1e-10}
     * (not {@code 1.0E-4}).
     */
    static Value.Num num(SourcePos pos, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) return num(pos, (long) v);
        BigDecimal b = BigDecimal.valueOf(v).stripTrailingZeros();
        String text = Math.abs(v) >= 1e-6 && Math.abs(v) < 1e15 ? b.toPlainString()
                : b.toString().replace("E+", "e").replace('E', 'e');
        return new Value.Num(text, pos);
    }

    static Value.Num num(SourcePos pos, long v) {
        return new Value.Num(Long.toString(v), pos);
    }

    private static Option numberOption(String key, double value, SourcePos pos) {
        return new Option(key, num(pos, value), pos);
    }

    /** The .nn word of an annotation enum constant: {@code LEAKY_RELU} → {@code leaky_relu}. */
    private static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
