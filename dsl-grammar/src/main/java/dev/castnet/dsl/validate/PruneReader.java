package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.PruneScope;
import dev.castnet.dsl.model.TrainConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code prune S [from=E1] [to=E2] [scope=layer|global]} in the {@code train { }} block (SPEC §6). Read after the
 * rest of the block, because the ramp must end by the last epoch, whichever line sets {@code epochs}.
 */
final class PruneReader {
    static final String EXAMPLE = "prune 0.8 from=1 to=4 scope=layer";

    private PruneReader() {}

    /**
     * The pruning settings, or null after reporting. Given only {@code from}, the ramp ends after the last epoch;
     * given only {@code to}, it starts at the first.
     */
    static TrainConfig.Prune read(Statement t, ValueReader v, int epochs, String network, boolean hasWeights) {
        Map<String, Option> o = v.options(t, "prune", List.of("from", "to", "scope"));
        if (!v.usage(t, 1, 1, "the fraction of weights to prune", EXAMPLE)) return null;
        Double sparsity = v.number(t.args().get(0), "prune sparsity", Bound.UNIT_OPEN);
        PruneScope scope = PruneScope.LAYER;
        if (o.containsKey("scope")) {
            String w = v.word(o.get("scope").value(), "prune scope", List.of("layer", "global"));
            if (w == null) return null;
            scope = PruneScope.valueOf(w.toUpperCase(Locale.ROOT));
        }
        int from = -1;
        int to = -1;
        if (o.containsKey("from") || o.containsKey("to")) {
            Long f = o.containsKey("from") ? v.whole(o.get("from").value(), "prune from (epochs done)", 0,
                    Integer.MAX_VALUE, Bound.NON_NEGATIVE.text) : Long.valueOf(0);
            Long e = o.containsKey("to") ? v.whole(o.get("to").value(), "prune to (epochs done)", 1,
                    Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text) : Long.valueOf(epochs);
            if (f == null || e == null) return null;
            from = (int) (long) f;
            to = (int) (long) e;
            if (from >= to) {
                v.error(t.pos(), Message.PRUNE_RAMP_ORDER, from, to);
                return null;
            }
            if (to > epochs) {
                v.error(o.containsKey("to") ? o.get("to").value().pos() : t.pos(), Message.PRUNE_PAST_LAST_EPOCH, to,
                        epochs, ValueReader.text(t.args().get(0)), Math.min(from, epochs - 1), epochs);
                return null;
            }
        }
        if (!hasWeights) {
            v.error(t.pos(), Message.PRUNE_NEEDS_WEIGHTS, network);
            return null;
        }
        return sparsity == null ? null : new TrainConfig.Prune(sparsity, from, to, scope, t.pos());
    }
}
