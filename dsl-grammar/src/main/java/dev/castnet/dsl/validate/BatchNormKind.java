package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.BatchNormStats;
import dev.castnet.dsl.model.Layer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code batchnorm [momentum=0.1] [eps=1e-5] [stats=running|population]}, per feature, or per channel on an image. */
final class BatchNormKind implements LayerKind {
    private static final List<String> OPTIONS = List.of("momentum", "eps", "stats");

    @Override
    public List<String> keywords() {
        return List.of("batchnorm");
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.BatchNorm.class);
    }

    @Override
    public List<String> options(String keyword) {
        return OPTIONS;
    }

    @Override
    public Layer read(Site site) {
        Statement s = site.statement();
        ValueReader v = site.values();
        v.usage(s, 0, 0, "only options", "batchnorm momentum=0.1 eps=1e-5 stats=running");
        Map<String, Option> o = v.options(s, "batchnorm", OPTIONS);
        double momentum = 0.1;
        double eps = 1e-5;
        BatchNormStats stats = BatchNormStats.RUNNING;
        if (o.containsKey("momentum")) {
            Double m = v.number(o.get("momentum").value(), "batchnorm momentum", Bound.UNIT_LEFT_OPEN);
            if (m != null) momentum = m;
        }
        if (o.containsKey("eps")) {
            Double e = v.number(o.get("eps").value(), "batchnorm eps", Bound.POSITIVE);
            if (e != null) eps = e;
        }
        if (o.containsKey("stats")) {
            String w = v.word(o.get("stats").value(), "batchnorm stats", List.of("running", "population"));
            if (w != null) stats = BatchNormStats.valueOf(w.toUpperCase(Locale.ROOT));
        }
        return new Layer.BatchNorm(site.index(), site.in(), momentum, eps, stats, s.pos());
    }
}
