package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.PoolKind;
import dev.castnet.dsl.model.Shape;
import java.util.List;
import java.util.Map;

/** {@code maxpool K [stride=S]} and {@code avgpool K [stride=S]}: K×K windows, stride K by default, no padding. */
final class PoolingKind implements LayerKind {
    private static final List<String> OPTIONS = List.of("stride");

    @Override
    public List<String> keywords() {
        return List.of("maxpool", "avgpool");
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.Pool.class);
    }

    @Override
    public List<String> options(String keyword) {
        return OPTIONS;
    }

    @Override
    public Layer read(Site site) {
        Statement s = site.statement();
        ValueReader v = site.values();
        String k = s.keyword();
        PoolKind kind = k.equals("maxpool") ? PoolKind.MAX : PoolKind.AVG;
        Map<String, Option> o = v.options(s, k, OPTIONS);
        Integer window = null;
        if (v.usage(s, 1, 1, "the window size", k + " 2")) {
            Long n = v.whole(s.args().get(0), k + " window", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
            if (n != null) window = (int) (long) n;
        }
        Integer stride = window;
        if (o.containsKey("stride")) {
            Long n = v.whole(o.get("stride").value(), k + " stride", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
            stride = n == null ? null : (int) (long) n;
        }
        Shape in = site.in();
        if (!in.isImage()) {
            v.error(s.pos(), Message.NEEDS_IMAGE, k, in.kind(), in);
            return null;
        }
        if (window == null || stride == null) return null;
        if (window > in.dim(0) || window > in.dim(1)) {
            v.error(s.args().get(0).pos(), Message.WINDOW_TOO_LARGE, k, window, in.dim(0), in.dim(1),
                    Math.min(in.dim(0), in.dim(1)));
            return null;
        }
        return new Layer.Pool(kind, site.index(), in, window, stride, s.pos());
    }
}
