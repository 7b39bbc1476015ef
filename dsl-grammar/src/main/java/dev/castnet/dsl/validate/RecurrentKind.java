package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.InitKind;
import dev.castnet.dsl.model.Layer;
import java.util.List;
import java.util.Map;

/**
 * {@code rnn H [activation=tanh|sigmoid|relu] [h0=0]}, {@code lstm H [forget_bias=1]} and {@code gru H}, each with
 * {@code [return=last|sequence] [init=I] [recurrent_init=I]}, on a sequence TxF. Defaults follow Keras:
 * {@code init} xavier_uniform (he_uniform for a relu rnn; gain 4 for a sigmoid one, as SPEC's Xavier rule says),
 * {@code recurrent_init} orthogonal.
 */
final class RecurrentKind implements LayerKind {
    private static final List<String> SHARED = List.of("return", "init", "recurrent_init");
    private static final List<String> RNN = List.of("activation", "return", "h0", "init", "recurrent_init");
    private static final List<String> LSTM = List.of("return", "forget_bias", "init", "recurrent_init");

    @Override
    public List<String> keywords() {
        return List.of("rnn", "lstm", "gru");
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.Rnn.class, Layer.Lstm.class, Layer.Gru.class);
    }

    @Override
    public List<String> options(String keyword) {
        return switch (keyword) {
            case "rnn" -> RNN;
            case "lstm" -> LSTM;
            default -> SHARED;
        };
    }

    @Override
    public boolean weighted() {
        return true;
    }

    @Override
    public Layer read(Site site) {
        Statement s = site.statement();
        ValueReader v = site.values();
        String k = s.keyword();
        Map<String, Option> o = v.options(s, k, options(k));
        Integer units = null;
        if (v.usage(s, 1, 1, "the number of hidden units", k + " 128")) {
            Long n = v.whole(s.args().get(0), k + " units", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
            if (n != null) units = (int) (long) n;
        }
        boolean sequence = false;
        if (o.containsKey("return")) {
            String w = v.word(o.get("return").value(), k + " return", List.of("last", "sequence"));
            sequence = "sequence".equals(w);
        }
        ActivationKind activation = ActivationKind.TANH;
        if (o.containsKey("activation")) {
            String w = v.word(o.get("activation").value(), "rnn activation", List.of("tanh", "sigmoid", "relu"));
            if (w != null) activation = ActivationKinds.WORDS.get(w);
        }
        double h0 = 0;
        if (o.containsKey("h0")) {
            Double x = v.number(o.get("h0").value(), "rnn h0", Bound.ANY);
            if (x != null) h0 = x;
        }
        double forgetBias = 1;
        if (o.containsKey("forget_bias")) {
            Double x = v.number(o.get("forget_bias").value(), "lstm forget_bias", Bound.ANY);
            if (x != null) forgetBias = x;
        }
        ActivationKind inner = k.equals("rnn") ? activation : null;
        Init init = o.containsKey("init") ? v.init(o.get("init").value(), inner) : ValueReader.defaultInit(inner);
        Init recurrentInit = o.containsKey("recurrent_init") ? v.init(o.get("recurrent_init").value(), inner)
                : Init.of(InitKind.ORTHOGONAL, 1);
        if (!site.in().isSequence()) {
            v.error(s.pos(), Message.NEEDS_SEQUENCE, k, site.in().kind(), site.in());
            return null;
        }
        if (units == null) return null;
        int gates = switch (k) {
            case "rnn" -> 1;
            case "lstm" -> 4;
            default -> 3;
        };
        long columns = (long) gates * units;
        long widest = Math.max(columns * Math.max(units, site.in().dim(1)), (long) site.in().size() * columns);
        if (widest > Integer.MAX_VALUE - 8) {
            v.error(s.pos(), Message.TOO_MANY_WEIGHTS, k + site.index(), widest, Integer.MAX_VALUE - 8);
            return null;
        }
        return switch (k) {
            case "rnn" -> new Layer.Rnn(site.index(), site.in(), units, activation, sequence, h0, init, recurrentInit,
                    s.pos());
            case "lstm" -> new Layer.Lstm(site.index(), site.in(), units, sequence, forgetBias, init, recurrentInit,
                    s.pos());
            default -> new Layer.Gru(site.index(), site.in(), units, sequence, init, recurrentInit, s.pos());
        };
    }
}
