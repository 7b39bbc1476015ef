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
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Resolves the command line's {@code --data} value:
 * <ul>
 * <li>{@code digits} — the bundled UCI digits (no test split);
 * <li>{@code fashion-mnist} — Fashion-MNIST from {@link FashionMnist#defaultDir()} (train and test);
 * <li>a folder of IDX files named as in MNIST/Fashion-MNIST (train and test);
 * <li>a folder of images with one subfolder per class ({@link ImageFolder}: {@code DIR/CLASS/…}, or
 * {@code DIR/train/CLASS/…} with {@code DIR/test/CLASS/…}), read at the network's input shape;
 * <li>a {@code .csv} or {@code .csv.gz} file — label in the last column, or in the column named after {@code #}
 * ({@code iris.csv#species}); a header line is recognised when its cells are not all numbers.
 * </ul>
 * A folder that holds IDX files ({@code *-idx1-ubyte}, {@code *-idx3-ubyte}, raw or {@code .gz}) is read as IDX;
 * otherwise one with subfolders is read as images; any other folder is refused.
 */
public final class DataSets {
    private DataSets() {}

    /**
     * The training data and, when the source has one, the test split (else null).
     *
     * @param train the training data
     * @param test the test split, or null
     */
    public record Loaded(Dataset train, Dataset test) {}

    /**
     * {@link #load(String, ImageShape, Consumer)} without an image shape: a folder of images is refused.
     *
     * @param spec {@code digits}, {@code fashion-mnist}, a folder of IDX files, or a CSV file (with {@code #label})
     * @return the training data and the test split, if any
     */
    public static Loaded load(String spec) {
        return load(spec, null, note -> {});
    }

    /**
     * {@link #load(String, ImageShape, int, Consumer)} for labels of any number of classes.
     *
     * @param spec {@code digits}, {@code fashion-mnist}, a folder, or a CSV file (with {@code #label})
     * @param image the shape a folder of images is read at, or null
     * @param notes hears what an image folder holds before it is decoded
     * @return the training data and the test split, if any
     */
    public static Loaded load(String spec, ImageShape image, Consumer<String> notes) {
        return load(spec, image, 0, notes);
    }

    /**
     * Loads the data {@code spec} names. {@code image} is the shape a folder of images is read at (the network's input;
     * null when it is not an image, and a folder of images is then refused); {@code notes} hears what an image folder
     * holds (classes, counts, skipped files) before its images are decoded. For a network that tells {@code classes}
     * apart, a CSV label outside {@code [0, classes)} is reported at its line and column (0: the largest label + 1
     * classes).
     *
     * @param spec {@code digits}, {@code fashion-mnist}, a folder of IDX files, a folder of images, or a {@code .csv} /
     *     {@code .csv.gz} file, optionally with {@code #label} naming its label column
     * @param image the shape a folder of images is read at, or null
     * @param classes the classes a CSV's labels must lie in, or 0 for any
     * @param notes hears what an image folder holds before it is decoded
     * @return the training data and the test split, if any
     * @throws DataFormatException when the data cannot be read, naming the file and the place
     * @throws IllegalArgumentException for a folder that is neither IDX files nor class folders, or images without a
     *     shape
     */
    public static Loaded load(String spec, ImageShape image, int classes, Consumer<String> notes) {
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
            if (hasIdxFiles(p)) {
                FashionMnist.Data d = FashionMnist.load(p);
                return new Loaded(d.train().withName(p.getFileName() + "/train"), d.test().withName(p.getFileName() + "/test"));
            }
            if (ImageFolder.looksLikeImageFolder(p)) {
                if (image == null) {
                    throw new IllegalArgumentException("--data " + spec + ": a folder of images is read at the size"
                            + " and channels of the network's input, which must then be an image: input HxWxC");
                }
                ImageFolder.checkChannels(p, image);
                ImageFolder folder = ImageFolder.scan(p);
                notes.accept(folder.summary());
                notes.accept(String.format(Locale.ROOT, "  reading %d images as %s (%s, bilinear resize, pixels in"
                        + " [0, 1])", folder.imageCount(), image, switch (image.channels()) {
                            case 1 -> "gray";
                            case 3 -> "RGB";
                            case 4 -> "RGBA";
                            default -> image.channels() + " channels";
                        }));
                ImageFolder.Data d = folder.load(image);
                return new Loaded(d.train(), d.test());
            }
            throw new IllegalArgumentException("--data " + spec + ": a folder with neither IDX files (train-images-idx3-ubyte"
                    + "[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]) nor"
                    + " class subfolders of images (" + s + "/CLASS/IMAGE.png, or " + s + "/train/CLASS/… with " + s
                    + "/test/CLASS/…)");
        }
        if (Files.isRegularFile(p)) return new Loaded(csv(p, label, classes), null);
        throw new IllegalArgumentException("--data " + spec + ": no such file or folder; expected digits,"
                + " fashion-mnist, a folder of IDX files or of images, or a .csv file");
    }

    /**
     * Whether {@code spec} names a folder that {@link #load} reads as images (not IDX files).
     *
     * @param spec a {@code --data} value
     * @return true for a folder with class folders and no IDX files
     */
    public static boolean isImageFolder(String spec) {
        Path p = Path.of(spec.trim());
        return Files.isDirectory(p) && !hasIdxFiles(p) && ImageFolder.looksLikeImageFolder(p);
    }

    /** Whether {@code dir} holds a file named like MNIST's, {@code NAME-idxN-ubyte} or {@code NAME-idxN-ubyte.gz}. */
    static boolean hasIdxFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> Files.isRegularFile(f) && IDX_NAME.matcher(f.getFileName().toString()).matches());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static final Pattern IDX_NAME = Pattern.compile(".+-idx[0-9]-ubyte(\\.gz)?");

    /**
     * Reads a CSV file whose label is in column {@code label} (null: the last column), detecting a header.
     *
     * @param p the file
     * @param label the label column's header name, or null for the last column
     * @return the data set
     */
    public static Dataset csv(Path p, String label) {
        return csv(p, label, 0);
    }

    /**
     * As {@link #csv(Path, String)}, every label in {@code [0, classes)} (0: any).
     *
     * @param p the file
     * @param label the label column's header name, or null for the last column
     * @param classes the classes the labels must lie in, or 0 for any
     * @return the data set
     */
    public static Dataset csv(Path p, String label, int classes) {
        boolean header = hasHeader(p);
        CsvReader reader = new CsvReader().header(header || label != null).classes(classes);
        if (label != null) reader.labelColumn(label);
        return reader.read(p);
    }

    /**
     * Reads a CSV file with real-valued targets: the columns named {@code targets}, else the column {@code label},
     * else the last column.
     *
     * @param p the file
     * @param label the target column's header name, or null
     * @param targets the target columns' header names, or empty
     * @return the data set, with real-valued targets
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
     *
     * @param spec a CSV file
     * @param label the target column's header name, or null
     * @param targets the target columns' header names, or empty
     * @return the data set, with no test split
     * @throws IllegalArgumentException for a source that is not a CSV file
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
     *
     * @param data a data set
     * @return the same samples with class labels 0 and 1, or {@code data}
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
