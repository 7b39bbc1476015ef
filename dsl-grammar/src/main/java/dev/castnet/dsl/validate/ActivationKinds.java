package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The element-wise activations at any rank: {@code identity sigmoid logistic tanh relu leaky_relu elu}, each its
 * own statement, and {@code activation NAME}, the same with the name as a value (so a {@code param} can choose it;
 * {@code activation softmax} is the softmax layer).
 */
final class ActivationKinds implements LayerKind {
    static final Map<String, ActivationKind> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("identity", ActivationKind.IDENTITY);
        WORDS.put("sigmoid", ActivationKind.SIGMOID);
        WORDS.put("logistic", ActivationKind.SIGMOID);
        WORDS.put("tanh", ActivationKind.TANH);
        WORDS.put("relu", ActivationKind.RELU);
        WORDS.put("leaky_relu", ActivationKind.LEAKY_RELU);
        WORDS.put("elu", ActivationKind.ELU);
    }

    @Override
    public List<String> keywords() {
        List<String> k = new ArrayList<>(WORDS.keySet());
        k.add("activation");
        return k;
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.Activation.class);
    }

    @Override
    public List<String> options(String keyword) {
        ActivationKind k = WORDS.get(keyword);
        return k != null && k.hasAlpha() || keyword.equals("activation") ? List.of("alpha") : List.of();
    }

    @Override
    public String counter(String keyword) {
        return null;
    }

    /** The activation a statement declares, looking through params without marking them used; else null. */
    static ActivationKind peek(Statement s, ValueReader v) {
        String k = s.keyword();
        if (WORDS.containsKey(k)) return WORDS.get(k);
        if (k.equals("activation") && s.args().size() == 1 && v.peek(s.args().get(0))
                instanceof dev.castnet.dsl.ast.Value.Word w) {
            return WORDS.get(w.name());
        }
        return null;
    }

    @Override
    public Layer read(Site site) {
        Statement s = site.statement();
        ValueReader v = site.values();
        String word = s.keyword();
        if (word.equals("activation")) {
            if (!v.usage(s, 1, 1, "an activation name", "activation relu")) return null;
            List<String> names = new ArrayList<>(WORDS.keySet());
            names.add("softmax");
            String w = v.word(s.args().get(0), "activation", names);
            if (w == null) return null;
            if (w.equals("softmax")) return SoftmaxKind.softmax(s, site.in(), v, "activation softmax");
            return layer(s, "activation " + w, WORDS.get(w), site.in(), v);
        }
        v.usage(s, 0, 0, "no arguments", word);
        return layer(s, word, WORDS.get(word), site.in(), v);
    }

    private static Layer layer(Statement s, String owner, ActivationKind kind, Shape in, ValueReader v) {
        Map<String, Option> o = v.options(s, owner, kind.hasAlpha() ? List.of("alpha") : List.of());
        double alpha = kind == ActivationKind.LEAKY_RELU ? 0.01 : kind == ActivationKind.ELU ? 1.0 : 0;
        if (o.containsKey("alpha")) {
            Double a = v.number(o.get("alpha").value(), owner + " alpha",
                    kind == ActivationKind.ELU ? Bound.POSITIVE : Bound.NON_NEGATIVE);
            if (a != null) alpha = a;
        }
        return new Layer.Activation(kind, alpha, in, s.pos());
    }
}
