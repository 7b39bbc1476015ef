package dev.castnet.runtime.search;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plot of a search: validation accuracy (R² for real-valued targets, else validation loss) against the first
 * numeric hyperparameter that varies, on a log axis when its values span a factor of 10 or more (a learning
 * rate); one line per combination of the other hyperparameters when there are at most {@value #MAX_SERIES}.
 * Without a numeric hyperparameter the figure is plotted per trial.
 */
public final class SearchPlot {
    static final int MAX_SERIES = 8;

    private SearchPlot() {}

    /**
     * Writes the plot of the finished trials of {@code results} as a PNG file, atomically.
     *
     * @param results the trials, ranked or not
     * @param png the file to write
     * @throws IOException when it cannot be written
     */
    public static void write(List<TrialResult> results, Path png) throws IOException {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        List<TrialResult> done = results.stream().filter(r -> !r.failed()).toList();
        boolean accuracy = done.stream().anyMatch(r -> !Double.isNaN(r.valAccuracy()));
        boolean r2 = !accuracy && done.stream().anyMatch(r -> !Double.isNaN(r.valR2()));
        String yName = accuracy ? "val_accuracy" : r2 ? "val_r2" : "val_loss";
        String x = xAxis(done);

        XYChart chart = new XYChartBuilder().width(800).height(500).title("Search: " + yName + " per trial")
                .xAxisTitle(x == null ? "trial" : x).yAxisTitle(yName).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        if (x != null) {
            double lo = Double.POSITIVE_INFINITY, hi = 0;
            for (TrialResult r : done) {
                double v = ((Number) r.parameters().get(x)).doubleValue();
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            chart.getStyler().setXAxisLogarithmic(lo > 0 && hi / lo >= 10);
        }

        Map<String, List<TrialResult>> groups = new LinkedHashMap<>();
        for (TrialResult r : done) groups.computeIfAbsent(x == null ? yName : others(r, x), k -> new ArrayList<>()).add(r);
        if (groups.size() > MAX_SERIES) groups = Map.of(yName, done);
        for (Map.Entry<String, List<TrialResult>> g : groups.entrySet()) {
            List<TrialResult> trials = new ArrayList<>(g.getValue());
            trials.sort(java.util.Comparator.comparingDouble(r -> x == null ? r.trial()
                    : ((Number) r.parameters().get(x)).doubleValue()));
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (TrialResult r : trials) {
                double y = accuracy ? r.valAccuracy() : r2 ? r.valR2() : r.valLoss();
                if (!Double.isFinite(y)) continue;
                xs.add(x == null ? r.trial() : ((Number) r.parameters().get(x)).doubleValue());
                ys.add(y);
            }
            if (xs.isEmpty()) continue;
            XYSeries s = chart.addSeries(g.getKey().isEmpty() ? yName : g.getKey(), xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        if (chart.getSeriesMap().isEmpty()) {
            // XChart cannot draw an empty chart: every trial failed
            chart.addSeries("no finished trial", new double[] {1}, new double[] {0});
        }
        if (png.toAbsolutePath().getParent() != null) Files.createDirectories(png.toAbsolutePath().getParent());
        String name = png.getFileName().toString();
        Path base = png.resolveSibling(name.endsWith(".png") ? name.substring(0, name.length() - 4) : name);
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The first hyperparameter that is a number in every trial and takes at least two values; else null. */
    static String xAxis(List<TrialResult> trials) {
        Set<String> names = new LinkedHashSet<>();
        for (TrialResult r : trials) names.addAll(r.parameters().keySet());
        for (String n : names) {
            Set<Double> seen = new LinkedHashSet<>();
            boolean numeric = true;
            for (TrialResult r : trials) {
                if (r.parameters().get(n) instanceof Number v) seen.add(v.doubleValue());
                else numeric = false;
            }
            if (numeric && seen.size() > 1) return n;
        }
        return null;
    }

    private static String others(TrialResult r, String x) {
        StringJoiner j = new StringJoiner(" ");
        for (Map.Entry<String, Object> e : r.parameters().entrySet()) {
            if (!e.getKey().equals(x)) j.add(e.getKey() + "=" + SearchRunner.value(e.getValue()));
        }
        return j.toString();
    }
}
