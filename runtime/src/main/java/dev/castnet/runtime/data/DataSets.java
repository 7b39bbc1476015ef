package dev.castnet.runtime.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Resolves the command line's {@code --data} value:
 * <ul>
 * <li>{@code digits} — the bundled UCI digits (no test split);
 * <li>{@code fashion-mnist} — Fashion-MNIST from {@link FashionMnist#defaultDir()} (train and test);
 * <li>a folder — IDX files named as in MNIST/Fashion-MNIST (train and test);
 * <li>a {@code .csv} or {@code .csv.gz} file — label in the last column, or in the column named after {@code #}
 * ({@code iris.csv#species}); a header line is recognised when its cells are not all numbers.
 * </ul>
 */
public final class DataSets {
    private DataSets() {}

    /** The training data and, when the source has one, the test split (else null). */
    public record Loaded(Dataset train, Dataset test) {}

    public static Loaded load(String spec) {
        String s = spec.trim();
        if (s.equals("digits")) return new Loaded(Digits.load(), null);
        if (s.equals("fashion-mnist") || s.equals("fashion_mnist")) {
            FashionMnist.Data d = FashionMnist.load();
            return new Loaded(d.train(), d.test());
        }
        String label = null;
        int hash = s.lastIndexOf('#');
        if (hash > 0) {
            label = s.substring(hash + 1);
            s = s.substring(0, hash);
        }
        Path p = Path.of(s);
        if (Files.isDirectory(p)) {
            FashionMnist.Data d = FashionMnist.load(p);
            return new Loaded(d.train().withName(p.getFileName() + "/train"), d.test().withName(p.getFileName() + "/test"));
        }
        if (Files.isRegularFile(p)) return new Loaded(csv(p, label), null);
        throw new IllegalArgumentException("--data " + spec + ": no such file or folder; expected digits,"
                + " fashion-mnist, a folder of IDX files or a .csv file");
    }

    /** Reads a CSV file whose label is in column {@code label} (null: the last column), detecting a header. */
    public static Dataset csv(Path p, String label) {
        boolean header = hasHeader(p);
        CsvReader reader = new CsvReader().header(header || label != null);
        if (label != null) reader.labelColumn(label);
        return reader.read(p);
    }

    /**
     * Reads a CSV file with real-valued targets: the columns named {@code targets}, else the column {@code label},
     * else the last column.
     */
    public static Dataset csvTargets(Path p, String label, List<String> targets) {
        boolean header = hasHeader(p);
        CsvReader reader = new CsvReader().header(header || label != null || !targets.isEmpty()).realTargets(true);
        if (!targets.isEmpty()) reader.targetColumns(targets);
        else if (label != null) reader.labelColumn(label);
        return reader.read(p);
    }

    /**
     * As {@link #load(String)}, but a CSV file's targets are real values (a regression): the columns {@code targets},
     * else the column {@code label}, else the last. Other sources have class labels, so asking them for real targets
     * is an error.
     */
    public static Loaded loadRealTargets(String spec, String label, List<String> targets) {
        Path p = Path.of(spec.trim());
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("--data " + spec + ": real-valued targets are read from a .csv file"
                    + (Files.isDirectory(p) || spec.equals("digits") || spec.startsWith("fashion")
                            ? ", but this data has class labels" : ", and there is no such file"));
        }
        return new Loaded(csvTargets(p, label, targets), null);
    }

    /**
     * When every target of a single-column regression set is 0 or 1, the same data as class labels: what a
     * {@code binary_cross_entropy} network with one output reports accuracy on. Otherwise {@code data} itself.
     */
    public static Dataset binaryLabelsIfPossible(Dataset data) {
        if (data.hasLabels() || data.targetSize() != 1) return data;
        float[] t = data.targets();
        int[] labels = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] != 0 && t[i] != 1) return data;
            labels[i] = (int) t[i];
        }
        return Dataset.classification(data.name(), data.x(), data.features(), labels, 2, data.image());
    }

    private static boolean hasHeader(Path p) {
        try (InputStream raw = Files.newInputStream(p)) {
            InputStream in = new java.io.BufferedInputStream(raw);
            in.mark(2);
            int b0 = in.read(), b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) in = new GZIPInputStream(in);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                for (String cell : line.split(",")) {
                    try {
                        Double.parseDouble(cell.trim().replace("\"", ""));
                    } catch (NumberFormatException e) {
                        return true;
                    }
                }
                return false;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
