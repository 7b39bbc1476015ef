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

    /** An empty history. */
    public History() {}

    /**
     * Appends an epoch's figures.
     *
     * @param s the epoch's figures
     */
    public void add(EpochStats s) {
        epochs.add(s);
    }

    /** {@return the epochs' figures in order}, unmodifiable. */
    public List<EpochStats> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** {@return the number of epochs recorded} */
    public int size() {
        return epochs.size();
    }

    /** {@return the last epoch's figures}, or null before any epoch. */
    public EpochStats last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** {@return whether the run had real-valued targets} (its epochs carry MSE, MAE and R² instead of accuracy). */
    public boolean regression() {
        return epochs.stream().anyMatch(EpochStats::regression);
    }

    /**
     * Columns {@code epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy,seconds,samples_per_second}, or for
     * real-valued targets {@code epoch,lr,train_loss,train_mse,train_mae,train_r2,val_loss,val_mse,val_mae,val_r2,
     * seconds,samples_per_second}; NaN as empty.
     *
     * @param path the file to write
     * @throws IOException when it cannot be written
     */
    public void writeCsv(Path path) throws IOException {
        int[] columns = regression() ? EpochStats.REGRESSION : EpochStats.CLASSIFICATION;
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) w.append(',');
            w.append(EpochStats.COLUMNS[columns[i]]);
        }
        w.append('\n');
        for (EpochStats s : epochs) {
            double[] a = s.toArray();
            for (int i = 0; i < columns.length; i++) {
                if (i > 0) w.append(',');
                w.append(format(a[columns[i]], columns[i] == 0));
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

    /**
     * Writes {@code loss.png} and {@code accuracy.png} (when any accuracy is known), or for real-valued targets
     * {@code loss.png}, {@code mae.png} and {@code r2.png}, into {@code dir}; returns the files.
     *
     * @param dir the folder, created if missing
     * @return the files written
     * @throws IOException when they cannot be written
     */
    public List<Path> plot(Path dir) throws IOException {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path loss = dir.resolve("loss.png");
        chart("Loss", "loss", 2, 4, loss);
        written.add(loss);
        if (regression()) {
            Path mae = dir.resolve("mae.png");
            chart("Mean absolute error", "MAE", 9, 12, mae);
            written.add(mae);
            Path r2 = dir.resolve("r2.png");
            chart("Coefficient of determination", "R²", 10, 13, r2);
            written.add(r2);
            return written;
        }
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
            if (cols[c] == null && c < EpochStats.CLASSIFICATION.length) return h;
            if (cols[c] == null) {
                // a checkpoint written before the regression metrics existed: they are unknown
                cols[c] = new double[cols[0].length];
                java.util.Arrays.fill(cols[c], Double.NaN);
            }
        }
        for (int i = 0; i < cols[0].length; i++) {
            double[] row = new double[cols.length];
            for (int c = 0; c < cols.length; c++) row[c] = cols[c][i];
            h.add(EpochStats.fromArray(row));
        }
        return h;
    }
}
