package dev.castnet.runtime.search;

import dev.castnet.runtime.Rng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named hyperparameters and their distributions, in declaration order; produces the trials of a search. */
public final class SearchSpace {
    /** The grid's size limit, as for structural variants. */
    public static final int MAX_GRID = 10_000;

    private final Map<String, Distribution> dimensions = new LinkedHashMap<>();

    /** An empty search space. */
    public SearchSpace() {}

    /**
     * Adds a searched name.
     *
     * @param name a hyperparameter or structural {@code param}
     * @param d where its values come from
     * @return this space
     */
    public SearchSpace add(String name, Distribution d) {
        if (dimensions.putIfAbsent(name, d) != null) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' is searched twice");
        }
        return this;
    }

    /** {@return the searched names and their distributions}, in the order they were added. */
    public Map<String, Distribution> dimensions() {
        return Collections.unmodifiableMap(dimensions);
    }

    /**
     * {@return every combination}, the last name varying fastest.
     *
     * @throws IllegalArgumentException for a distribution a grid cannot enumerate, or more than {@link #MAX_GRID}
     *     combinations
     */
    public List<Map<String, Object>> grid() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, Distribution> e : dimensions.entrySet()) {
            List<Object> values = e.getValue().gridValues();
            if ((long) out.size() * values.size() > MAX_GRID) {
                throw new IllegalArgumentException("the grid has more than " + MAX_GRID + " combinations; use a random"
                        + " search with trials=N");
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : values) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * Independent random draws.
     *
     * @param trials how many
     * @param seed the seed of the draws
     * @return one map of values per trial
     */
    public List<Map<String, Object>> random(int trials, long seed) {
        if (trials < 1) throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        Rng rng = new Rng(seed);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, Distribution> e : dimensions.entrySet()) m.put(e.getKey(), e.getValue().sample(rng));
            out.add(m);
        }
        return out;
    }
}
