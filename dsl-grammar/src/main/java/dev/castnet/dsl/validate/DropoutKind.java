package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.DropoutMode;
import dev.castnet.dsl.model.Layer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code dropout P [mode=inverted|scale_at_test]}, element-wise at any rank. */
final class DropoutKind implements LayerKind {
    private static final List<String> OPTIONS = List.of("mode");

    @Override
    public List<String> keywords() {
        return List.of("dropout");
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.Dropout.class);
    }

    @Override
    public List<String> options(String keyword) {
        return OPTIONS;
    }

    @Override
    public Layer read(Site site) {
        Statement s = site.statement();
        ValueReader v = site.values();
        Map<String, Option> o = v.options(s, "dropout", OPTIONS);
        double p = 0.5;
        if (v.usage(s, 1, 1, "the probability of dropping a unit", "dropout 0.5")) {
            Double x = v.number(s.args().get(0), ValueReader.HYPERS.get("dropout"));
            if (x != null) p = x;
        }
        DropoutMode mode = DropoutMode.INVERTED;
        if (o.containsKey("mode")) {
            String w = v.word(o.get("mode").value(), "dropout mode", List.of("inverted", "scale_at_test"));
            if (w != null) mode = DropoutMode.valueOf(w.toUpperCase(Locale.ROOT));
        }
        return new Layer.Dropout(site.index(), site.in(), p, mode, s.pos());
    }
}
