package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Shape;
import java.util.List;

/** {@code softmax}: only as the last layer, on a vector, with cross_entropy (checked with the loss). */
final class SoftmaxKind implements LayerKind {
    @Override
    public List<String> keywords() {
        return List.of("softmax");
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.Softmax.class);
    }

    @Override
    public List<String> options(String keyword) {
        return List.of();
    }

    @Override
    public String counter(String keyword) {
        return null;
    }

    @Override
    public Layer read(Site site) {
        site.values().usage(site.statement(), 0, 0, "no arguments", "softmax");
        return softmax(site.statement(), site.in(), site.values(), "softmax");
    }

    static Layer softmax(Statement s, Shape in, ValueReader v, String owner) {
        v.noOptions(s, owner);
        if (!in.isVector()) {
            v.error(s.pos(), Message.SOFTMAX_NEEDS_VECTOR, in.kind(), in);
            return null;
        }
        return new Layer.Softmax(in, s.pos());
    }
}
