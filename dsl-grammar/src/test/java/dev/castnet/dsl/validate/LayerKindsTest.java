package dev.castnet.dsl.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.dsl.model.Layer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every layer type of the model is read by a registered kind: nothing falls through silently. */
class LayerKindsTest {

    /** The concrete records permitted under {@link Layer}, through sealed sub-interfaces such as Recurrent. */
    static List<Class<?>> layerTypes() {
        List<Class<?>> out = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Layer.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.isSealed()) {
                todo.addAll(List.of(c.getPermittedSubclasses()));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void everyLayerTypeHasAKind() {
        Set<Class<?>> produced = new HashSet<>();
        for (LayerKind k : LayerKinds.ALL) produced.addAll(k.produces());
        List<Class<?>> types = layerTypes();
        assertTrue(types.size() >= 12, types.toString());
        for (Class<?> t : types) assertTrue(produced.contains(t), t.getSimpleName() + " has no LayerKind");
    }

    @Test
    void everyKeywordIsReadByOneKind() {
        for (LayerKind k : LayerKinds.ALL) {
            assertFalse(k.keywords().isEmpty(), k.getClass().getSimpleName());
            for (String w : k.keywords()) {
                assertSame(k, LayerKinds.of(w), w);
                assertTrue(LayerKinds.keywords().contains(w), w);
            }
        }
    }
}
