package dev.castnet.experiments;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chapter's experiments in the chapter's order, and the run that writes them: one progress line per
 * experiment, {@code results.json}, {@code report.md}, and each experiment's figures and data.
 */
public final class Experiments {
    private Experiments() {}

    /** Every experiment that runs, in the chapter's order. */
    public static List<Experiment> all() {
        return List.of(new NormalizationExperiment(), new PreprocessingExperiment(), new BatchNormExperiment(),
                new SymmetryExperiment(), new InitVarianceExperiment(), new OptimizersExperiment(),
                new GradientExplosionExperiment(), new SearchExperiment(), new AugmentationExperiment(), new WeightDecayExperiment(),
                new DropoutExperiment(), new EarlyStoppingExperiment(), new CompressionExperiment());
    }

    /** Experiments of the chapter that castnet cannot run yet, with the reason (none now). */
    public static Map<String, String> pending() {
        return Map.of();
    }

    /** The experiments named in {@code ids} (all when empty); an unknown or pending id is an error naming the known ones. */
    public static List<Experiment> select(List<String> ids) {
        if (ids.isEmpty()) return all();
        Map<String, Experiment> byId = new LinkedHashMap<>();
        for (Experiment e : all()) byId.put(e.id(), e);
        List<Experiment> chosen = new ArrayList<>();
        for (String id : ids) {
            String key = id.trim();
            if (pending().containsKey(key)) {
                throw new IllegalArgumentException("experiment '" + key + "' cannot run yet: " + pending().get(key));
            }
            Experiment e = byId.get(key);
            if (e == null) {
                throw new IllegalArgumentException("unknown experiment '" + key + "'; the experiments are "
                        + String.join(", ", byId.keySet()));
            }
            if (!chosen.contains(e)) chosen.add(e);
        }
        return chosen;
    }

    /** The outcome of a run: every entry, in order. */
    public record Run(List<Report.Entry> entries) {
        public int size() {
            return entries.size();
        }

        /** How many of the claims held. */
        public int holding() {
            return (int) entries.stream().filter(e -> e.outcome().holds()).count();
        }

        public boolean allHold() {
            return entries.stream().allMatch(e -> e.outcome().holds());
        }

        public Outcome outcome(String id) {
            return entries.stream().filter(e -> e.experiment().id().equals(id)).findFirst().orElseThrow().outcome();
        }
    }

    /** Runs {@code chosen} into {@code dir}, printing a line per experiment to {@code log}. */
    public static Run run(List<Experiment> chosen, Path dir, Lab.Scale scale, PrintWriter log)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Lab lab = new Lab(dir, scale, log);
        List<Report.Entry> entries = new ArrayList<>();
        int i = 0;
        for (Experiment e : chosen) {
            i++;
            log.printf(Locale.ROOT, "[%d/%d] %s (%s): %s%n", i, chosen.size(), e.id(), e.section(), e.title());
            log.flush();
            lab.begin(e.id());
            long t0 = System.nanoTime();
            Outcome o = e.run(lab);
            double seconds = (System.nanoTime() - t0) / 1e9;
            entries.add(new Report.Entry(e, o, names(lab.figures()), names(lab.data()), seconds));
            log.printf(Locale.ROOT, "      %s: %s (%.1f s)%n", o.holds() ? "holds" : "DOES NOT HOLD", o.headline(), seconds);
            log.flush();
        }
        Map<String, String> pending = chosen.size() == all().size() ? pending() : Map.of();
        Report.writeJson(dir.resolve("results.json"), entries);
        Report.writeMarkdown(dir.resolve("report.md"), entries, scale, pending);
        return new Run(entries);
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
