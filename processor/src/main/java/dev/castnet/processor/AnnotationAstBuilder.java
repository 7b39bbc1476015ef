package dev.castnet.processor;

import dev.castnet.annotations.Activation;
import dev.castnet.annotations.BatchNormStats;
import dev.castnet.annotations.DropoutMode;
import dev.castnet.annotations.InitKind;
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
 * resolves both the same way. Each method becomes {@code dense}, then {@code batchnorm}, the activation and
 * {@code dropout} (SPEC §3). Options left at their annotation defaults are not written, so the tree (and the
 * fingerprint) matches a hand-written spec saying the same.
 */
final class AnnotationAstBuilder {
    private AnnotationAstBuilder() {}

    static SpecFile build(InterfaceDecl n, String file) {
        List<Statement> body = new ArrayList<>();
        int[] in = n.input();
        Value input = in.length == 1 ? num(n.inputPos(), (long) in[0])
                : new Value.Dims(in[0] + "x" + in[1] + "x" + in[2], n.inputPos());
        body.add(Statement.of(n.inputPos(), "input", input));

        for (InterfaceDecl.Block block : n.blocks()) {
            InterfaceDecl.Dense dense = block.dense();
            List<Option> options = new ArrayList<>();
            if (dense.init() != InitKind.DEFAULT) options.add(new Option("init", init(dense), dense.initPos()));
            if (!dense.bias()) {
                options.add(new Option("bias", Value.word(dense.biasPos(), "false"), dense.biasPos()));
            }
            body.add(Statement.of(dense.unitsPos(), "dense", List.of(num(dense.unitsPos(), (long) dense.units())),
                    options));

            InterfaceDecl.BatchNorm bn = block.batchNorm();
            if (bn != null) {
                List<Option> bnOptions = new ArrayList<>();
                if (bn.momentum() != 0.1) bnOptions.add(numberOption("momentum", bn.momentum(), bn.momentumPos()));
                if (bn.eps() != 1e-5) bnOptions.add(numberOption("eps", bn.eps(), bn.epsPos()));
                if (bn.stats() != BatchNormStats.RUNNING) {
                    bnOptions.add(new Option("stats", Value.word(bn.statsPos(), word(bn.stats())), bn.statsPos()));
                }
                body.add(Statement.of(bn.pos(), "batchnorm", List.of(), bnOptions));
            }

            Activation activation = dense.activation();
            if (activation != Activation.IDENTITY) {
                List<Option> actOptions = new ArrayList<>();
                if (!Double.isNaN(dense.alpha())) {
                    actOptions.add(numberOption("alpha", dense.alpha(), dense.alphaPos()));
                }
                body.add(Statement.of(dense.activationPos(), word(activation), List.of(), actOptions));
            }

            InterfaceDecl.Dropout dropout = block.dropout();
            if (dropout != null) {
                List<Option> dropOptions = new ArrayList<>();
                if (dropout.mode() != DropoutMode.INVERTED) {
                    dropOptions.add(new Option("mode", Value.word(dropout.modePos(), word(dropout.mode())),
                            dropout.modePos()));
                }
                body.add(Statement.of(dropout.pPos(), "dropout", List.of(num(dropout.pPos(), dropout.p())),
                        dropOptions));
            }
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

    /** {@code train { }} with the settings that differ from the defaults, or null when none do. */
    private static Statement train(InterfaceDecl.Train t) {
        List<Statement> block = new ArrayList<>();
        if (t.epochs() != 10) block.add(Statement.of(t.epochsPos(), "epochs", num(t.epochsPos(), (long) t.epochs())));
        if (t.batch() != 32) block.add(Statement.of(t.batchPos(), "batch", num(t.batchPos(), (long) t.batch())));
        if (t.validation() != 0.1) {
            block.add(Statement.of(t.validationPos(), "validation", num(t.validationPos(), t.validation())));
        }
        if (t.seed() != 42) block.add(Statement.of(t.seedPos(), "seed", num(t.seedPos(), t.seed())));
        if (!t.shuffle()) block.add(Statement.of(t.shufflePos(), "shuffle", Value.word(t.shufflePos(), "false")));
        if (block.isEmpty()) return null;
        return new Statement("train", -1, List.of(), List.of(), block, t.pos());
    }

    private static Statement regularize(String which, double strength, SourcePos pos) {
        return Statement.of(pos, "regularize", Value.word(pos, which), num(pos, strength));
    }

    private static Value init(InterfaceDecl.Dense dense) {
        String name = word(dense.init());
        if (dense.initArgs().length == 0) return Value.word(dense.initPos(), name);
        List<Value> args = new ArrayList<>();
        for (double a : dense.initArgs()) args.add(num(dense.initPos(), a));
        return new Value.Call(name, args, List.of(), dense.initPos());
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
