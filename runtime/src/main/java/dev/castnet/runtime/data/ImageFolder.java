package dev.castnet.runtime.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A user's own images, one subfolder per class, as torchvision's {@code ImageFolder} and Keras's
 * {@code image_dataset_from_directory} read them:
 * <pre>
 * DIR/CLASS/IMAGE                     every image is training data, no test split
 * DIR/train/CLASS/IMAGE               training data
 * DIR/test/CLASS/IMAGE                the test split (or DIR/val/…, DIR/validation/…: the first that exists)
 * </pre>
 * <ul>
 * <li>The classes are the class folders' names, sorted ({@link String#compareTo}: case-sensitive, so {@code B}
 * comes before {@code a}); class i gets label i, as in both frameworks.
 * <li>An image is a file ending in {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp} or {@code .gif} (any
 * case: Keras's list, all of which ImageIO reads), in its class folder or any folder below it. Other files are
 * skipped and listed in the {@link #summary()}; hidden files and folders (names starting with {@code .}) are
 * ignored, so {@code .DS_Store} or {@code .ipynb_checkpoints} never become data or classes. Symbolic links are
 * followed.
 * <li>A class folder without images, a test split whose class folders differ from the training split's, and
 * a file that does not decode are errors that name the folder or file.
 * <li>Samples are ordered by label, then by folder, then by file name, so a load is the same on every machine.
 * <li>Each image is decoded with ImageIO, converted to the target's channels (1: luminance, 3: RGB, 4: RGBA;
 * alpha dropped unless asked for), resized to its height and width with bilinear interpolation (Keras's
 * default; the aspect ratio is not kept, nothing is cropped), pixels scaled to [0, 1] (as the IDX reader does),
 * stored HWC row-major (channels last, the layout of {@code input HxWxC}). Images are decoded one at a time
 * into one float array for the whole split.
 * </ul>
 */
public final class ImageFolder {
    /** The file endings read as images (compared case-insensitively). */
    public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    /** The folders next to {@code train/} that hold the test split, in order of preference. */
    public static final List<String> TEST_FOLDERS = List.of("test", "val", "validation");

    /** How many classes the summary names; the rest are counted (all are in {@link #classes()}). */
    private static final int LISTED = 30;

    /**
     * The decoded training split, the test split (null when the folder has none) and the class names by label.
     *
     * @param train the training split
     * @param test the test split, or null
     * @param classes the class names; label i is {@code classes.get(i)}
     */
    public record Data(Dataset train, Dataset test, List<String> classes) {}

    /** The images of one split, in load order, with their labels. */
    private record Part(String name, Path dir, List<Path> files, int[] labels, int[] counts) {}

    private final Path root;
    private final List<String> classes;
    private final Part train;
    private final Part test;
    private final List<Path> skipped;
    private final List<Path> unused;

    private ImageFolder(Path root, List<String> classes, Part train, Part test, List<Path> skipped, List<Path> unused) {
        this.root = root;
        this.classes = List.copyOf(classes);
        this.train = train;
        this.test = test;
        this.skipped = List.copyOf(skipped);
        this.unused = List.copyOf(unused);
    }

    /**
     * Scans and decodes a folder in one go: {@code scan(dir).load(shape)}.
     *
     * @param dir the folder of class folders
     * @param shape the shape every image is read at
     * @return the training split, the test split (or null) and the class names
     */
    public static Data load(Path dir, ImageShape shape) {
        return scan(dir).load(shape);
    }

    /**
     * Whether {@code dir} has the layout of an image folder: at least one subfolder that is not hidden (a folder of IDX
     * files has none). Says nothing about the files inside; {@link #scan} checks them.
     *
     * @param dir a folder
     * @return true when it has a subfolder that is not hidden
     */
    public static boolean looksLikeImageFolder(Path dir) {
        return Files.isDirectory(dir) && !subfolders(dir).isEmpty();
    }

    /**
     * Lists the classes and image files of a folder without decoding anything.
     *
     * @param dir the folder of class folders (or of {@code train/} and {@code test/})
     * @return the scan
     * @throws DataFormatException for a class folder without images or test classes that differ from the training ones
     */
    public static ImageFolder scan(Path dir) {
        if (!Files.isDirectory(dir)) throw new DataFormatException(dir + ": no such folder");
        String base = displayName(dir);
        List<Path> skipped = new ArrayList<>();
        List<Path> unused = new ArrayList<>();
        Path trainDir = dir.resolve("train");
        if (Files.isDirectory(trainDir) && !subfolders(trainDir).isEmpty()) {
            Path testDir = null;
            for (String name : TEST_FOLDERS) {
                Path p = dir.resolve(name);
                if (Files.isDirectory(p) && testDir == null) testDir = p;
            }
            for (Path p : subfolders(dir)) {
                if (!p.equals(trainDir) && !p.equals(testDir)) unused.add(p);
            }
            unused.addAll(looseFiles(dir));
            unused.addAll(looseFiles(trainDir));
            if (testDir != null) unused.addAll(looseFiles(testDir));
            List<String> classes = classNames(trainDir);
            Part train = part(base + "/train", trainDir, classes, skipped);
            Part test = null;
            if (testDir != null) {
                List<String> testClasses = classNames(testDir);
                if (!testClasses.equals(classes)) {
                    throw new DataFormatException(testDir + ": the test split's class folders " + testClasses
                            + " differ from the training split's " + classes + " in " + trainDir
                            + "; both need the same class folders, since labels are numbered by sorted folder name");
                }
                test = part(base + "/" + testDir.getFileName(), testDir, classes, skipped);
            }
            return new ImageFolder(dir, classes, train, test, skipped, unused);
        }
        List<String> classes = classNames(dir);
        if (classes.isEmpty()) {
            throw new DataFormatException(dir + ": no class folders; a folder of images holds one subfolder of"
                    + " images per class (" + dir + "/CLASS/IMAGE.png, or " + dir + "/train/CLASS/… with "
                    + dir + "/test/CLASS/…)");
        }
        unused.addAll(looseFiles(dir));
        return new ImageFolder(dir, classes, part(base, dir, classes, skipped), null, skipped, unused);
    }

    /** {@return the class names}; label i is {@code classes().get(i)}. */
    public List<String> classes() {
        return classes;
    }

    /** {@return the number of images in both splits} */
    public int imageCount() {
        return train.files().size() + (test == null ? 0 : test.files().size());
    }

    /** {@return the number of images per class in the training split} */
    public int[] trainCounts() {
        return train.counts().clone();
    }

    /** {@return the number of images per class in the test split}, or null when there is none. */
    public int[] testCounts() {
        return test == null ? null : test.counts().clone();
    }

    /**
     * {@return the folder of the test split} ({@code DIR/test}, {@code DIR/val} or {@code DIR/validation}), or null.
     */
    public Path testFolder() {
        return test == null ? null : test.dir();
    }

    /** {@return the files in class folders that are not images} (by their ending) and were left out, in scan order. */
    public List<Path> skipped() {
        return skipped;
    }

    /**
     * {@return the files and folders outside every class folder}, which were not read (a README, a stray image,
     * {@code val/} next to {@code test/}).
     */
    public List<Path> unused() {
        return unused;
    }

    /**
     * {@return what was found, in a few lines}: the classes with their labels, images per class and split, skipped
     * files and unused folders.
     */
    public String summary() {
        String nl = System.lineSeparator();
        StringBuilder s = new StringBuilder();
        s.append(root).append(": ").append(classes.size()).append(classes.size() == 1 ? " class" : " classes")
                .append(", labelled in sorted folder-name order:");
        int shown = Math.min(classes.size(), LISTED);
        for (int i = 0; i < shown; i++) s.append(i == 0 ? " " : ", ").append(i).append(' ').append(classes.get(i));
        if (shown < classes.size()) s.append(" and ").append(classes.size() - shown).append(" more");
        s.append(nl).append(counts(train));
        if (test != null) s.append(nl).append(counts(test));
        else s.append(", no test split");
        if (!skipped.isEmpty()) {
            s.append(nl).append("  skipped ").append(skipped.size()).append(skipped.size() == 1 ? " file" : " files")
                    .append(" not ending in ").append(String.join(" ", EXTENSIONS)).append(": ").append(examples(skipped));
        }
        if (!unused.isEmpty()) s.append(nl).append("  outside the class folders, not read: ").append(examples(unused));
        return s.toString();
    }

    private String counts(Part p) {
        int total = p.files().size();
        StringBuilder s = new StringBuilder("  ").append(p.name()).append(": ").append(total)
                .append(total == 1 ? " image (" : " images (");
        int shown = Math.min(classes.size(), LISTED);
        for (int i = 0; i < shown; i++) {
            if (i > 0) s.append(", ");
            s.append(classes.get(i)).append(' ').append(p.counts()[i]);
        }
        if (shown < classes.size()) s.append(" and ").append(classes.size() - shown).append(" more classes");
        return s.append(')').toString();
    }

    private static String examples(List<Path> paths) {
        int shown = Math.min(3, paths.size());
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shown; i++) s.append(i > 0 ? ", " : "").append(paths.get(i));
        if (paths.size() > shown) s.append(" and ").append(paths.size() - shown).append(" more");
        return s.toString();
    }

    /**
     * Decodes every image as {@code shape} (see the class comment for the conversion).
     *
     * @param shape the height, width and channels (1, 3 or 4) every image is read at
     * @return the training split, the test split (or null) and the class names
     * @throws DataFormatException naming the file when one does not decode
     */
    public Data load(ImageShape shape) {
        checkChannels(root, shape);
        return new Data(decode(train, shape), test == null ? null : decode(test, shape), classes);
    }

    /** Refuses a shape whose channel count is not 1 (gray), 3 (RGB) or 4 (RGBA). */
    static void checkChannels(Path dir, ImageShape shape) {
        int c = shape.channels();
        if (c != 1 && c != 3 && c != 4) {
            throw new IllegalArgumentException(dir + ": images are read with 1 (gray), 3 (RGB) or 4 (RGBA) channels,"
                    + " not " + c + " (as " + shape + "); declare the input as HxWx1, HxWx3 or HxWx4");
        }
    }

    private Dataset decode(Part p, ImageShape shape) {
        int n = p.files().size();
        long values = (long) n * shape.size();
        if (values > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(p.dir() + ": " + n + " images of " + shape + " make " + values
                    + " values, more than one Java array holds; read them at a smaller size or split the folder");
        }
        float[] x = new float[(int) values];
        for (int i = 0; i < n; i++) ImageDecoder.read(p.files().get(i), shape, x, i * shape.size());
        return Dataset.classification(p.name(), x, shape.size(), p.labels().clone(), classes.size(), shape);
    }

    /** The images of each class folder of {@code dir}, labelled by {@code classes}; other files go to skipped. */
    private static Part part(String name, Path dir, List<String> classes, List<Path> skipped) {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int[] counts = new int[classes.size()];
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = dir.resolve(classes.get(label));
            List<Path> other = new ArrayList<>();
            List<Path> images = imagesUnder(classDir, other);
            if (images.isEmpty()) {
                throw new DataFormatException(classDir + ": a class folder without images (none ending in "
                        + String.join(" ", EXTENSIONS) + (other.isEmpty() ? "" : "; it holds " + examples(other))
                        + "); add images or remove the folder");
            }
            skipped.addAll(other);
            files.addAll(images);
            for (int i = 0; i < images.size(); i++) labels.add(label);
            counts[label] = images.size();
        }
        return new Part(name, dir, files, labels.stream().mapToInt(Integer::intValue).toArray(), counts);
    }

    /** Image files in and below {@code dir}, sorted by folder then name (as torchvision's sorted walk). */
    private static List<Path> imagesUnder(Path dir, List<Path> other) {
        List<Path> images = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (hidden(f) || !attrs.isRegularFile()) return FileVisitResult.CONTINUE;
                    (isImage(f) ? images : other).add(f);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Comparator<Path> order = Comparator.comparing((Path p) -> p.getParent().toString())
                .thenComparing(p -> p.getFileName().toString());
        images.sort(order);
        other.sort(order);
        return images;
    }

    /** Whether a file's name ends in one of {@link #EXTENSIONS}, in any case. */
    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String e : EXTENSIONS) if (name.endsWith(e)) return true;
        return false;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static List<String> classNames(Path dir) {
        return subfolders(dir).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** The subfolders of {@code dir} that are not hidden, sorted by name. */
    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !hidden(p) && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Files directly in {@code dir}, which belong to no class. */
    private static List<Path> looseFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !hidden(p) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String displayName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? dir.toString() : name.toString();
    }
}
