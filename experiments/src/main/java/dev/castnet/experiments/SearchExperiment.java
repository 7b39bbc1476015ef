package dev.castnet.experiments;

import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.search.Distribution;
import dev.castnet.runtime.search.SearchRunner;
import dev.castnet.runtime.search.SearchSpace;
import dev.castnet.runtime.search.TrialResult;
import dev.castnet.runtime.train.TrainOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Grid versus random search with the same budget, through the runtime's {@link SearchRunner} on fresh instances of
 * the generated {@code SearchMlp} (search.nn): the learning rate matters, the l2 coefficient hardly does (Bergstra &
 * Bengio 2012). The grid is 3 × 3 log-spaced values; random search draws 9 points from the same box, once per seed.
 */
final class SearchExperiment implements Experiment {
    static final double LR_LO = 1e-4, LR_HI = 10, L2_LO = 1e-6, L2_HI = 1e-3;

    @Override
    public String id() {
        return "search";
    }

    @Override
    public String section() {
        return "hyperparameter search";
    }

    @Override
    public String title() {
        return "Random search beats grid search when one hyperparameter matters";
    }

    @Override
    public String claim() {
        return "With 9 trials each, where the learning rate matters and the l2 coefficient hardly does, random search"
                + " finds a lower validation loss than a 3 x 3 grid on average over seeds and in most seeds, because"
                + " it tries 9 learning rates where the grid tries 3.";
    }

    @Override
    public Outcome run(Lab lab) throws IOException, InterruptedException {
        Outcome.Builder m = new Outcome.Builder();
        int epochs = lab.size(5, 3);
        int seeds = lab.size(5, 3);
        Split split = Split.stratified(lab.digits(), 0.2, 42);
        TrainOptions base = Runs.quiet().epochs(epochs).batch(32).seed(42).preprocess(PreprocessSpec.zscore());
        SearchRunner runner = new SearchRunner(params -> new SearchMlp(32, 42L), base, Set.of());

        SearchSpace grid = new SearchSpace()
                .add("lr", new Distribution.Choice(List.of(LR_LO, Math.sqrt(LR_LO * LR_HI), LR_HI)))
                .add("l2", new Distribution.Choice(List.of(L2_LO, Math.sqrt(L2_LO * L2_HI), L2_HI)));
        SearchSpace box = new SearchSpace()
                .add("lr", new Distribution.LogUniform(LR_LO, LR_HI))
                .add("l2", new Distribution.LogUniform(L2_LO, L2_HI));
        List<TrialResult> gridResults = SearchRunner.sort(runner.run(grid.grid(), split.train(), split.validation(), 1),
                "val_loss");
        double gridBest = gridResults.get(0).valLoss();
        List<List<TrialResult>> randomResults = new ArrayList<>();
        double[] randomBest = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            List<TrialResult> r = SearchRunner.sort(runner.run(box.random(9, 100 + s), split.train(),
                    split.validation(), 1), "val_loss");
            randomResults.add(r);
            randomBest[s] = r.get(0).failed() ? Double.POSITIVE_INFINITY : r.get(0).valLoss();
        }

        try (Lab.Table csv = lab.csv("trials", "method", "seed", "lr", "l2", "val_loss", "val_accuracy")) {
            for (TrialResult r : gridResults) row(csv, "grid", -1, r);
            for (int s = 0; s < seeds; s++) for (TrialResult r : randomResults.get(s)) row(csv, "random", 100 + s, r);
        }
        XYChart c = Charts.scatter("Validation loss of every trial against its learning rate", "learning rate (log)",
                "validation loss after " + epochs + " epochs (log)");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        addTrials(c, "random search (" + seeds + " seeds x 9)", randomResults.stream().flatMap(List::stream).toList(), 0,
                SeriesMarkers.CIRCLE);
        addTrials(c, "grid (3 x 3)", gridResults, 3, SeriesMarkers.DIAMOND);
        c.getStyler().setMarkerSize(7);
        lab.figure(c, "trials");

        XYChart b = Charts.xy("Best validation loss of 9 trials", "random search seed", "best validation loss");
        double[] seedAxis = new double[seeds];
        for (int s = 0; s < seeds; s++) seedAxis[s] = 100 + s;
        XYSeries rs = Charts.line(b, "random search", seedAxis, randomBest, 0);
        rs.setMarker(SeriesMarkers.CIRCLE);
        Charts.line(b, "grid search", new double[] {100, 100 + seeds - 1}, new double[] {gridBest, gridBest}, 3);
        lab.figure(b, "best");

        int wins = 0;
        for (double v : randomBest) if (v < gridBest) wins++;
        double meanRandom = Runs.mean(randomBest);
        m.put("epochs_per_trial", epochs);
        m.put("grid_best_val_loss", Runs.r4(gridBest));
        m.put("grid_best_lr", gridResults.get(0).parameters().get("lr"));
        m.put("random_best_val_loss_per_seed", round(randomBest));
        m.put("random_best_val_loss_mean", Runs.r4(meanRandom));
        m.put("seeds_where_random_beats_grid", wins);
        m.put("seeds", seeds);
        m.put("distinct_learning_rates_grid", 3);
        m.put("distinct_learning_rates_random", 9);

        boolean holds = meanRandom < gridBest && 2 * wins > seeds;
        String headline = String.format(Locale.ROOT, "best validation loss: grid %.4f, random %.4f on average"
                + " (better in %d of %d seeds)", gridBest, meanRandom, wins, seeds);
        String discussion = String.format(Locale.ROOT, """
                The trials' validation losses line up on one curve of the learning rate: l2 between 1e-6 and 1e-3 \
                barely moves them. A 3 x 3 grid spends its 9 trials on 3 learning rates (%s, %s and %s), three times \
                each; random search tries 9 different learning rates, so it is more likely to land near the best one. \
                The grid's best was at lr %s.""", Report.fmt(LR_LO), Report.fmt(Math.sqrt(LR_LO * LR_HI)),
                Report.fmt(LR_HI), SearchRunner.value(gridResults.get(0).parameters().get("lr")));
        return m.outcome(holds, headline, discussion);
    }

    private static void row(Lab.Table csv, String method, int seed, TrialResult r) throws IOException {
        Map<String, Object> p = r.parameters();
        csv.row(method, seed, p.get("lr"), p.get("l2"), r.valLoss(), r.valAccuracy());
    }

    private static void addTrials(XYChart c, String name, List<TrialResult> trials, int color,
            org.knowm.xchart.style.markers.Marker marker) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (TrialResult r : trials) {
            if (r.failed() || !Double.isFinite(r.valLoss())) continue;
            x.add(((Number) r.parameters().get("lr")).doubleValue());
            y.add(r.valLoss());
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(marker);
        s.setMarkerColor(Charts.PALETTE[color]);
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = Runs.r4(v[i]);
        return r;
    }
}
