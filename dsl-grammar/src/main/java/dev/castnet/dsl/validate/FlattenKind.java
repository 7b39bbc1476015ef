package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.Layer;
import java.util.List;

/**
 * {@code flatten}: a sequence or an image as a vector, row-major. Optional before {@code dense}, which flattens
 * anyway; on a vector it changes nothing (as Keras's {@code Flatten}).
 */
final class FlattenKind implements LayerKind {
    @Override
    public List<String> keywords() {
        return List.of("flatten");
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.Flatten.class);
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
        Statement s = site.statement();
        site.values().usage(s, 0, 0, "no arguments", "flatten");
        site.values().noOptions(s, "flatten");
        return new Layer.Flatten(site.in(), s.pos());
    }
}
