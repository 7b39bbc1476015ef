package dev.castnet.dsl.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every layer statement of the language, one line per kind. */
final class LayerKinds {
    static final List<LayerKind> ALL = List.of(
            new DenseKind(),
            new ActivationKinds(),
            new SoftmaxKind(),
            new BatchNormKind(),
            new DropoutKind(),
            new Conv2dKind(),
            new PoolingKind(),
            new GlobalAvgPoolKind(),
            new FlattenKind(),
            new RecurrentKind());

    private static final Map<String, LayerKind> BY_KEYWORD = new LinkedHashMap<>();

    static {
        for (LayerKind k : ALL) {
            for (String w : k.keywords()) {
                if (BY_KEYWORD.put(w, k) != null) throw new IllegalStateException("keyword " + w + " read twice");
            }
        }
    }

    private LayerKinds() {}

    /** The kind reading statements of {@code keyword}, or null. */
    static LayerKind of(String keyword) {
        return BY_KEYWORD.get(keyword);
    }

    /** Every layer keyword, {@code input} and {@code repeat} included, in the order messages list them. */
    static List<String> keywords() {
        List<String> all = new ArrayList<>();
        all.add("input");
        all.addAll(BY_KEYWORD.keySet());
        all.add("repeat");
        return all;
    }
}
