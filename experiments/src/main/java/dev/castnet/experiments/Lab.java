package dev.castnet.experiments;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Digits;
import dev.castnet.runtime.data.FashionMnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Where an experiment works: the output folder, the scale (the full run of {@code castnet experiments}, or the
 * small one of the test suite), the data sets (loaded once), and the files it writes. Every figure is a PNG
 * with the CSV of its data beside it, both named after the experiment ({@code batchnorm_loss.png}).
 */
public final class Lab {
    /** {@code FULL}: the report's sizes; {@code QUICK}: seconds per experiment, for the test suite. */
    public enum Scale { FULL, QUICK }

    private final Path dir;
    private final Scale scale;
    private final PrintWriter log;
    private String prefix = "";
    private final List<Path> figures = new ArrayList<>();
    private final List<Path> data = new ArrayList<>();
    private Dataset digits;
    private FashionMnist.Data fashion;

    public Lab(Path dir, Scale scale, PrintWriter log) {
        this.dir = dir;
        this.scale = scale;
        this.log = log;
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    public Path dir() {
        return dir;
    }

    public Scale scale() {
        return scale;
    }

    public boolean quick() {
        return scale == Scale.QUICK;
    }

    /** {@code full} in the report's run, {@code quick} in the test suite's. */
    public int size(int full, int quick) {
        return scale == Scale.FULL ? full : quick;
    }

    /** A note on the progress stream (indented under the experiment's line). */
    public void note(String format, Object... args) {
        log.println("    " + String.format(Locale.ROOT, format, args));
        log.flush();
    }

    /** The bundled UCI digits (1797 images of 8x8, values 0..16). */
    public Dataset digits() {
        if (digits == null) digits = Digits.load();
        return digits;
    }

    /** Fashion-MNIST (training and test splits), from {@link FashionMnist#defaultDir()}. */
    public FashionMnist.Data fashion() {
        if (fashion == null) fashion = FashionMnist.load();
        return fashion;
    }

    /** Starts an experiment: files are named {@code ID_name}. */
    void begin(String id) {
        prefix = id + "_";
        figures.clear();
        data.clear();
    }

    List<Path> figures() {
        return List.copyOf(figures);
    }

    List<Path> data() {
        return List.copyOf(data);
    }

    /** Writes {@code chart} as {@code ID_name.png}. */
    public Path figure(Chart<?, ?> chart, String name) throws IOException {
        Files.createDirectories(dir);
        Path png = dir.resolve(prefix + name + ".png");
        BitmapEncoder.saveBitmap(chart, dir.resolve(prefix + name).toString(), BitmapEncoder.BitmapFormat.PNG);
        figures.add(png);
        return png;
    }

    /** Records a PNG written by other means (an image grid) as a figure. */
    public Path figureFile(String name) throws IOException {
        Files.createDirectories(dir);
        Path png = dir.resolve(prefix + name + ".png");
        figures.add(png);
        return png;
    }

    /** Starts {@code ID_name.csv} with its header; rows are added to the returned table, which writes on close. */
    public Table csv(String name, String... header) throws IOException {
        Files.createDirectories(dir);
        Path csv = dir.resolve(prefix + name + ".csv");
        data.add(csv);
        return new Table(csv, header);
    }

    /** A CSV being written: numbers as {@code %.6g}, NaN as an empty cell, words as they are (quoted when needed). */
    public static final class Table implements AutoCloseable {
        private final Writer w;
        private final int columns;

        Table(Path path, String[] header) throws IOException {
            w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            columns = header.length;
            w.write(String.join(",", header));
            w.write('\n');
        }

        public Table row(Object... cells) throws IOException {
            if (cells.length != columns) {
                throw new IllegalArgumentException("a row of " + columns + " cells, got " + cells.length);
            }
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) w.write(',');
                w.write(cell(cells[i]));
            }
            w.write('\n');
            return this;
        }

        private static String cell(Object v) {
            if (v instanceof Double d) return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6g", d);
            if (v instanceof Float f) return Float.isNaN(f) ? "" : String.format(Locale.ROOT, "%.6g", f);
            String s = String.valueOf(v);
            // RFC 4180: a word with a comma, quote or line break is quoted, quotes doubled
            return s.matches("(?s).*[,\"\r\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
        }

        @Override
        public void close() throws IOException {
            w.close();
        }
    }
}
