package dev.castnet.cli;

import dev.castnet.dsl.SpecLoader;
import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.dsl.model.Search;
import dev.castnet.runtime.search.SearchRunner;
import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.TrainOptions;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a search's trials share, in a form that travels to another JVM: the spec's text, the network searched,
 * the trainer's epochs and batch as the command line settled them, the batch size the instances are built for
 * and the compiled classes. The local
 * search and castnet-spark's executors both make their trial function with {@link #runner()}, so a trial is the
 * same pure function of (spec, hyperparameters, data, seed) wherever it runs.
 *
 * @param specFile the spec's file name, for messages
 * @param epochs the epochs of a trial that does not search them ({@code --epochs}, else the train block's)
 * @param batch the batch of a trial that does not search it (the train block's, at most the training samples)
 * @param maxBatch the largest batch any trial uses (each instance is built for it)
 * @param classes the network's generated classes, compiled: binary name to class file bytes
 */
public record SearchJob(String specFile, String specText, String network, int epochs, int batch, int maxBatch,
        Map<String, byte[]> classes) implements Serializable {

    public SearchJob {
        classes = Collections.unmodifiableMap(new TreeMap<>(classes));
    }

    /**
     * The trial function: a runner whose {@link SearchRunner#runTrial} builds the trial's variant from the
     * compiled classes (no compiler needed here), sets its hyperparameters, trains and scores it.
     */
    public SearchRunner runner() {
        NetworkModel model = model();
        Network first = model.variants().get(0);
        TrainOptions base = Options.from(first).progress(Progress.Mode.NONE).epochs(epochs).batch(batch);
        ClassLoader loader = NetworkCompiler.loader(classes);
        long seed = first.train().seed();
        return new SearchRunner(params -> NetworkCompiler.instantiate(loader, variant(model, params), maxBatch, seed),
                base, structuralNames(first.search()));
    }

    /** The searched network, parsed from the spec's text (already checked on the command line). */
    NetworkModel model() {
        SpecResult result = SpecLoader.parse(specFile, specText);
        if (result.hasErrors()) {
            throw new IllegalStateException(specFile + " no longer validates: " + result.errors().get(0));
        }
        for (NetworkModel m : result.networks()) if (m.name().equals(network)) return m;
        throw new IllegalStateException(specFile + " has no network " + network);
    }

    /** The name a searched dimension has in the trials: {@code lr}, {@code dropout[1]}. */
    static String dimensionName(Search.Dimension d) {
        return d.index() >= 0 ? d.name() + "[" + d.index() + "]" : d.name();
    }

    /** The searched names that choose a generated variant (structural {@code param}s). */
    static Set<String> structuralNames(Search search) {
        Set<String> names = new LinkedHashSet<>();
        for (Search.Dimension d : search.dimensions()) if (d.structural()) names.add(dimensionName(d));
        return names;
    }

    /** The generated variant whose bindings are the trial's structural values. */
    private static Network variant(NetworkModel model, Map<String, Object> structural) {
        for (Network n : model.variants()) {
            boolean match = true;
            for (Map.Entry<String, Object> e : structural.entrySet()) {
                match &= String.valueOf(e.getValue()).equals(n.bindings().get(e.getKey()));
            }
            if (match) return n;
        }
        throw new IllegalStateException("no generated variant of " + model.name() + " binds " + structural);
    }
}
