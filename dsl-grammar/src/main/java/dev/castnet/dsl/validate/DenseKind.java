package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.Layer;
import java.util.List;
import java.util.Map;

/** {@code dense N [init=I] [bias=true|false]}; a sequence or an image is flattened row-major first. */
final class DenseKind implements LayerKind {
    private static final List<String> OPTIONS = List.of("init", "bias");

    @Override
    public List<String> keywords() {
        return List.of("dense");
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.Dense.class);
    }

    @Override
    public List<String> options(String keyword) {
        return OPTIONS;
    }

    @Override
    public boolean weighted() {
        return true;
    }

    @Override
    public Layer read(Site site) {
        Statement s = site.statement();
        ValueReader v = site.values();
        Map<String, Option> o = v.options(s, "dense", OPTIONS);
        int units = 1;
        if (v.usage(s, 1, 1, "the number of units", "dense 128")) {
            Long n = v.whole(s.args().get(0), "dense units", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
            if (n != null) units = (int) (long) n;
        }
        long weights = (long) site.in().size() * units;
        if (weights > Integer.MAX_VALUE - 8) {
            v.error(s.pos(), Message.TOO_MANY_WEIGHTS, "dense" + site.index(), weights, Integer.MAX_VALUE - 8);
        }
        boolean bias = o.containsKey("bias") ? v.bool(o.get("bias").value(), "bias", true) : true;
        Init init = o.containsKey("init") ? v.init(o.get("init").value(), site.next())
                : ValueReader.defaultInit(site.next());
        return new Layer.Dense(site.index(), site.in(), units, init, bias, s.pos());
    }
}
