package dev.castnet.runtime.train;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Per-epoch figures of a run, written as CSV and plotted as PNG (loss and accuracy, train vs validation). */
public final class History {
    private final List<EpochStats> epochs = new ArrayList<>();

    public void add(EpochStats s) {
        epochs.add(s);
    }

    public List<EpochStats> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public int size() {
        return epochs.size();
    }

    public EpochStats last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** Columns {@code epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy,seconds,samples_per_second}; NaN as empty. */
    public void writeCsv(Path path) throws IOException {
        StringBuilder w = new StringBuilder();
        w.append(String.join(",", EpochStats.COLUMNS)).append('\n');
        for (EpochStats s : epochs) {
            double[] a = s.toArray();
            for (int i = 0; i < a.length; i++) {
                if (i > 0) w.append(',');
                w.append(format(a[i], i == 0));
            }
            w.append('\n');
        }
        AtomicWrite.text(path, w.toString());
    }

    private static String format(double v, boolean integer) {
        if (Double.isNaN(v)) return "";
        if (integer) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.8g", v);
    }

    /** Writes {@code loss.png} and {@code accuracy.png} (when any accuracy is known) into {@code dir}; returns the files. */
    public List<Path> plot(Path dir) throws IOException {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path loss = dir.resolve("loss.png");
        chart("Loss", "loss", 2, 4, loss);
        written.add(loss);
        boolean anyAccuracy = epochs.stream().anyMatch(s -> !Double.isNaN(s.trainAccuracy()) || !Double.isNaN(s.valAccuracy()));
        if (anyAccuracy) {
            Path acc = dir.resolve("accuracy.png");
            chart("Accuracy", "accuracy", 3, 5, acc);
            written.add(acc);
        }
        return written;
    }

    private void chart(String title, String yTitle, int trainColumn, int valColumn, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        addSeries(chart, "train", trainColumn, new Color(31, 119, 180));
        addSeries(chart, "validation", valColumn, new Color(255, 127, 14));
        if (chart.getSeriesMap().isEmpty()) {
            // XChart cannot draw an empty chart; an all-NaN metric gets a flat placeholder series
            chart.addSeries("no data", new double[] {1}, new double[] {0});
        }
        AtomicWrite.bytes(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    private void addSeries(XYChart chart, String name, int column, Color color) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (EpochStats s : epochs) {
            double[] a = s.toArray();
            if (!Double.isNaN(a[column]) && Double.isFinite(a[column])) {
                xs.add(a[0]);
                ys.add(a[column]);
            }
        }
        if (xs.isEmpty()) return;
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
    }

    /** The history as named columns, for checkpoints. */
    void saveTo(Map<String, double[]> state) {
        for (int c = 0; c < EpochStats.COLUMNS.length; c++) {
            double[] col = new double[epochs.size()];
            for (int i = 0; i < col.length; i++) col[i] = epochs.get(i).toArray()[c];
            state.put("history." + EpochStats.COLUMNS[c], col);
        }
    }

    static History restore(Map<String, double[]> state) {
        History h = new History();
        double[][] cols = new double[EpochStats.COLUMNS.length][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = state.get("history." + EpochStats.COLUMNS[c]);
            if (cols[c] == null) return h;
        }
        for (int i = 0; i < cols[0].length; i++) {
            double[] row = new double[cols.length];
            for (int c = 0; c < cols.length; c++) row[c] = cols[c][i];
            h.add(EpochStats.fromArray(row));
        }
        return h;
    }
}
