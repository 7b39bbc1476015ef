package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.Layer;
import java.util.List;

/** {@code globalavgpool}: HxWxC → C, the mean over each channel. */
final class GlobalAvgPoolKind implements LayerKind {
    @Override
    public List<String> keywords() {
        return List.of("globalavgpool");
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.GlobalAvgPool.class);
    }

    @Override
    public List<String> options(String keyword) {
        return List.of();
    }

    @Override
    public Layer read(Site site) {
        Statement s = site.statement();
        ValueReader v = site.values();
        v.usage(s, 0, 0, "no arguments", "globalavgpool");
        v.noOptions(s, "globalavgpool");
        if (!site.in().isImage()) {
            v.error(s.pos(), Message.NEEDS_IMAGE, "globalavgpool", site.in().kind(), site.in());
            return null;
        }
        return new Layer.GlobalAvgPool(site.index(), site.in(), s.pos());
    }
}
