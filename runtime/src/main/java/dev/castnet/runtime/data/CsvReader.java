package dev.castnet.runtime.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a data set from CSV: every column is a numeric feature except the label column, which holds integer class
 * indices, or (with {@link #realTargets} or {@link #targetColumns}) the target columns, which hold real values.
 * Configured fluently:
 *
 * <pre>{@code
 * Dataset d = new CsvReader().header(true).labelColumn("species").classes(3).read(Path.of("iris.csv"));
 * }</pre>
 *
 * <p>Fields are separated by {@code ,} (or the configured delimiter) and may be double-quoted; blank lines are
 * skipped; gzip input is detected by its magic bytes. Errors name {@code file:line:column} (1-based, the column
 * where the cell starts) and the bad cell.
 */
public final class CsvReader {
    private boolean header;
    private String labelName;
    private int labelIndex = -1;
    private int classes;
    private char delimiter = ',';
    private ImageShape image;
    private List<String> targetNames = List.of();
    private boolean realTargets;

    /** A reader with the defaults: no header, the label in the last column, classes from the labels, {@code ,} between fields. */
    public CsvReader() {}

    /**
     * Sets whether the first non-blank line names the columns (default false).
     *
     * @param hasHeader whether there is a header line
     * @return this reader
     */
    public CsvReader header(boolean hasHeader) {
        this.header = hasHeader;
        return this;
    }

    /**
     * Names the label column by its header name (needs {@code header(true)}).
     *
     * @param name the column's name in the header line
     * @return this reader
     */
    public CsvReader labelColumn(String name) {
        this.labelName = name;
        this.labelIndex = -1;
        return this;
    }

    /**
     * Names the label column by its 0-based index; negative counts from the end ({@code -1} = last, the default).
     *
     * @param index the column
     * @return this reader
     */
    public CsvReader labelColumn(int index) {
        this.labelIndex = index;
        this.labelName = null;
        return this;
    }

    /**
     * Reads the label column (or the {@link #targetColumns} columns) as real values instead of class indices: the
     * targets of a regression ({@code mse}, or {@code binary_cross_entropy} on probabilities).
     *
     * @param on whether the targets are real values
     * @return this reader
     */
    public CsvReader realTargets(boolean on) {
        this.realTargets = on;
        return this;
    }

    /**
     * Several real-valued target columns by header name (needs {@code header(true)}); implies {@link #realTargets}.
     *
     * @param names the target columns' header names, one per network output
     * @return this reader
     */
    public CsvReader targetColumns(List<String> names) {
        this.targetNames = List.copyOf(names);
        this.realTargets = !names.isEmpty() || realTargets;
        return this;
    }

    /**
     * Sets the number of classes; 0 (default) means the largest label + 1. A label outside {@code [0, classes)} is an
     * error at its line and column.
     *
     * @param n the number of classes, or 0
     * @return this reader
     */
    public CsvReader classes(int n) {
        this.classes = n;
        return this;
    }

    /**
     * Sets the field separator (default {@code ,}).
     *
     * @param c the separator
     * @return this reader
     */
    public CsvReader delimiter(char c) {
        this.delimiter = c;
        return this;
    }

    /**
     * Declares the features an image of this shape (for augmentation).
     *
     * @param shape the image layout of a row, or null
     * @return this reader
     */
    public CsvReader image(ImageShape shape) {
        this.image = shape;
        return this;
    }

    /**
     * Reads a CSV file, raw or gzip; the data set is named after the file.
     *
     * @param path the file
     * @return the data set
     * @throws DataFormatException naming {@code file:line:column} and the cell for a malformed file
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public Dataset read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            String name = path.getFileName().toString().replaceFirst("(\\.csv)?(\\.gz)?$", "");
            return read(in, path.toString(), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV from a stream, raw or gzip (detected by its first bytes).
     *
     * @param raw the stream, read to its end
     * @param source names the stream in error messages, e.g. its file name
     * @param datasetName the data set's name
     * @return the data set
     * @throws IOException when the stream cannot be read
     * @throws DataFormatException naming {@code source:line:column} and the cell for malformed data
     */
    public Dataset read(InputStream raw, String source, String datasetName) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        InputStream body = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);

        int columns = -1;
        int label = -1;
        boolean[] target = null;
        int targetCount = 0;
        FloatList x = new FloatList();
        FloatList realTargetValues = new FloatList();
        List<Integer> labels = new ArrayList<>();
        List<int[]> labelPlaces = new ArrayList<>();
        String line;
        int lineNo = 0;
        List<String> cells = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        boolean headerPending = header;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            split(line, source, lineNo, cells, starts);
            if (columns < 0) {
                columns = cells.size();
                if (columns < 2) {
                    throw new DataFormatException(source + ":" + lineNo + ":1: expected at least 2 columns (features and a"
                            + " label) separated by '" + delimiter + "', got " + columns);
                }
                target = new boolean[columns];
                if (targetNames.isEmpty()) {
                    label = resolveLabel(headerPending ? cells : null, columns, source, lineNo);
                    target[label] = true;
                } else {
                    for (String t : targetNames) target[resolveColumn(headerPending ? cells : null, t, columns, source, lineNo)] = true;
                }
                for (boolean t : target) if (t) targetCount++;
                if (targetCount == columns) {
                    throw new DataFormatException(source + ":" + lineNo + ":1: every column is a target; no features"
                            + " are left");
                }
            } else if (cells.size() != columns) {
                throw new DataFormatException(source + ":" + lineNo + ":1: expected " + columns + " columns like the"
                        + (header && lineNo > 0 ? " header" : " first line") + ", got " + cells.size());
            }
            if (headerPending) {
                headerPending = false;
                continue;
            }
            for (int c = 0; c < columns; c++) {
                String cell = cells.get(c).trim();
                if (target[c] && realTargets) {
                    realTargetValues.add(parseNumber(cell, source, lineNo, starts.get(c), c, "target"));
                } else if (target[c]) {
                    labels.add(parseLabel(cell, source, lineNo, starts.get(c), c));
                    labelPlaces.add(new int[] {lineNo, starts.get(c)});
                } else {
                    x.add(parseFeature(cell, source, lineNo, starts.get(c), c));
                }
            }
        }
        if (realTargets) {
            if (columns < 0 || realTargetValues.size() == 0) throw new DataFormatException(source + ": no data rows");
            return Dataset.regression(datasetName, x.toArray(), columns - targetCount, realTargetValues.toArray(),
                    targetCount, image);
        }
        if (columns < 0 || labels.isEmpty()) throw new DataFormatException(source + ": no data rows");
        int n = labels.size();
        int[] y = new int[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            y[i] = labels.get(i);
            max = Math.max(max, y[i]);
        }
        int k = classes > 0 ? classes : max + 1;
        for (int i = 0; i < n; i++) {
            if (y[i] >= k) {
                int[] at = labelPlaces.get(i);
                throw new DataFormatException(source + ":" + at[0] + ":" + at[1] + ": label " + y[i] + " outside [0, " + k
                        + ") (" + k + " classes)");
            }
        }
        return Dataset.classification(datasetName, x.toArray(), columns - 1, y, k, image);
    }

    private int resolveLabel(List<String> headerCells, int columns, String source, int lineNo) {
        if (labelName != null) {
            if (headerCells == null) {
                throw new IllegalArgumentException("label column '" + labelName + "' is given by name but " + source
                        + " is read without a header; use header(true) or a column index");
            }
            for (int c = 0; c < columns; c++) {
                if (headerCells.get(c).trim().equals(labelName)) return c;
            }
            throw new DataFormatException(source + ":" + lineNo + ":1: no column named '" + labelName + "'; columns: "
                    + String.join(", ", headerCells));
        }
        int index = labelIndex < 0 ? columns + labelIndex : labelIndex;
        if (index < 0 || index >= columns) {
            throw new DataFormatException(source + ":" + lineNo + ":1: label column " + labelIndex + " does not exist;"
                    + " the file has " + columns + " columns (0.." + (columns - 1) + ")");
        }
        return index;
    }

    private static float parseFeature(String cell, String source, int line, int col, int field) {
        return parseNumber(cell, source, line, col, field, "field");
    }

    private static float parseNumber(String cell, String source, int line, int col, int field, String what) {
        try {
            float v = Float.parseFloat(cell);
            if (Float.isFinite(v)) return v;
        } catch (NumberFormatException ignored) {
            // reported below with the position
        }
        throw new DataFormatException(source + ":" + line + ":" + col + ": " + what
                + (what.equals("field") ? " " + (field + 1) : " (field " + (field + 1) + ")")
                + " is not a finite number: '" + cell + "'");
    }

    /** A column by its header name. */
    private static int resolveColumn(List<String> headerCells, String name, int columns, String source, int lineNo) {
        if (headerCells == null) {
            throw new IllegalArgumentException("target column '" + name + "' is given by name but " + source
                    + " is read without a header");
        }
        for (int c = 0; c < columns; c++) if (headerCells.get(c).trim().equals(name)) return c;
        throw new DataFormatException(source + ":" + lineNo + ":1: no column named '" + name + "'; columns: "
                + String.join(", ", headerCells));
    }

    private static int parseLabel(String cell, String source, int line, int col, int field) {
        try {
            double v = Double.parseDouble(cell);
            if (v == Math.rint(v) && v >= 0 && v <= Integer.MAX_VALUE) return (int) v;
            if (v == Math.rint(v) && v < 0) {
                throw new DataFormatException(source + ":" + line + ":" + col + ": label " + (long) v
                        + " is negative; labels are class indices 0, 1, 2, ...");
            }
        } catch (NumberFormatException ignored) {
            // reported below with the position
        }
        throw new DataFormatException(source + ":" + line + ":" + col + ": label (field " + (field + 1)
                + ") must be a class index 0, 1, 2, ..., got '" + cell + "'");
    }

    /** Splits one line into cells and their 1-based start columns; handles double quotes. */
    private void split(String line, String source, int lineNo, List<String> cells, List<Integer> starts) {
        cells.clear();
        starts.clear();
        int i = 0, n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') n--;
        while (true) {
            starts.add(i + 1);
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw new DataFormatException(source + ":" + lineNo + ":" + (i + 1) + ": unclosed quote");
                    }
                    char ch = line.charAt(j);
                    if (ch == '"') {
                        if (j + 1 < n && line.charAt(j + 1) == '"') {
                            sb.append('"');
                            j += 2;
                            continue;
                        }
                        j++;
                        break;
                    }
                    sb.append(ch);
                    j++;
                }
                cells.add(sb.toString());
                i = j;
                if (i < n && line.charAt(i) != delimiter) {
                    throw new DataFormatException(source + ":" + lineNo + ":" + (i + 1) + ": expected '" + delimiter
                            + "' after a quoted field, got '" + line.charAt(i) + "'");
                }
            } else {
                int j = line.indexOf(delimiter, i);
                if (j < 0 || j > n) j = n;
                cells.add(line.substring(i, j));
                i = j;
            }
            if (i >= n) break;
            i++; // the delimiter
        }
    }

    /** A growable float array (avoids boxing millions of features). */
    private static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
