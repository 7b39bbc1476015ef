package dev.castnet.runtime.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory data set: features {@code x[size][features]} row-major as floats, and either class labels
 * ({@code labels[size]} in {@code [0, classes)}) or real targets ({@code targets[size][targetSize]}).
 * An optional {@link ImageShape} says how a row is laid out as an image (used by augmentation).
 *
 * <p>Arrays are shared, not copied: a data set is treated as immutable once built.
 */
public final class Dataset {
    private final String name;
    private final int size;
    private final int features;
    private final float[] x;
    private final int[] labels;
    private final int classes;
    private final float[] targets;
    private final int targetSize;
    private final ImageShape image;

    private Dataset(String name, int size, int features, float[] x, int[] labels, int classes, float[] targets,
            int targetSize, ImageShape image) {
        this.name = Objects.requireNonNull(name, "name");
        this.size = size;
        this.features = features;
        this.x = x;
        this.labels = labels;
        this.classes = classes;
        this.targets = targets;
        this.targetSize = targetSize;
        this.image = image;
        if (size < 0 || features < 1) throw new IllegalArgumentException(name + ": need features >= 1, got " + features);
        if (x.length != (long) size * features) {
            throw new IllegalArgumentException(name + ": " + size + " samples x " + features + " features need "
                    + (long) size * features + " values, got " + x.length);
        }
        if (image != null && image.size() != features) {
            throw new IllegalArgumentException(name + ": image shape " + image + " holds " + image.size()
                    + " values but a sample has " + features + " features");
        }
    }

    /**
     * A classification set; every label must lie in {@code [0, classes)}.
     *
     * @param name the set's name in messages
     * @param x the features {@code [size][features]}, row-major (shared, not copied)
     * @param features the features per sample
     * @param labels the class of each sample (shared, not copied)
     * @param classes the number of classes
     * @param image the image layout of a row, or null
     * @return the data set
     * @throws IllegalArgumentException for a label outside the classes, or sizes that do not agree
     */
    public static Dataset classification(String name, float[] x, int features, int[] labels, int classes,
            ImageShape image) {
        if (classes < 1) throw new IllegalArgumentException(name + ": classes must be >= 1, got " + classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": sample " + i + " has label " + labels[i]
                        + " outside [0, " + classes + ")");
            }
        }
        return new Dataset(name, labels.length, features, x, labels, classes, null, 0, image);
    }

    /**
     * A set with real targets {@code [size][targetSize]} (binary_cross_entropy, mse).
     *
     * @param name the set's name in messages
     * @param x the features {@code [size][features]}, row-major (shared, not copied)
     * @param features the features per sample
     * @param targets the targets {@code [size][targetSize]}, row-major (shared, not copied)
     * @param targetSize the targets per sample
     * @param image the image layout of a row, or null
     * @return the data set
     * @throws IllegalArgumentException for sizes that do not agree
     */
    public static Dataset regression(String name, float[] x, int features, float[] targets, int targetSize,
            ImageShape image) {
        if (targetSize < 1 || targets.length % targetSize != 0) {
            throw new IllegalArgumentException(name + ": " + targets.length + " targets do not split into rows of "
                    + targetSize);
        }
        return new Dataset(name, targets.length / targetSize, features, x, null, 0, targets, targetSize, image);
    }

    /** {@return the set's name}, used in messages */
    public String name() {
        return name;
    }

    /** {@return the number of samples} */
    public int size() {
        return size;
    }

    /** {@return the number of features per sample} */
    public int features() {
        return features;
    }

    /** {@return the features}, {@code [size][features]} row-major (shared: do not modify). */
    public float[] x() {
        return x;
    }

    /** {@return whether the samples have class labels} (else real targets) */
    public boolean hasLabels() {
        return labels != null;
    }

    /** {@return the class labels}, or null for a set with targets. */
    public int[] labels() {
        return labels;
    }

    /** {@return the number of classes}; 0 for a set with targets. */
    public int classes() {
        return classes;
    }

    /** {@return the targets {@code [size][targetSize]}}, or null for a classification set. */
    public float[] targets() {
        return targets;
    }

    /** {@return the number of targets per sample}; 0 for a classification set. */
    public int targetSize() {
        return targetSize;
    }

    /** {@return the image layout of a row}, or null when the features are not an image. */
    public ImageShape image() {
        return image;
    }

    /**
     * The same data under another name.
     *
     * @param newName the name
     * @return a data set sharing this one's arrays
     */
    public Dataset withName(String newName) {
        return new Dataset(newName, size, features, x, labels, classes, targets, targetSize, image);
    }

    /**
     * The same data with an image layout, for augmentation.
     *
     * @param shape the layout of a row, holding as many values as a sample has features
     * @return a data set sharing this one's arrays
     */
    public Dataset withImage(ImageShape shape) {
        return new Dataset(name, size, features, x, labels, classes, targets, targetSize, shape);
    }

    /** {@return the number of samples of each class} (classification sets only). */
    public int[] classCounts() {
        if (labels == null) throw new IllegalStateException(name + " has no class labels");
        int[] counts = new int[classes];
        for (int label : labels) counts[label]++;
        return counts;
    }

    /**
     * A new data set holding the given rows, in the given order (values copied).
     *
     * @param rows the 0-based rows to keep
     * @param subsetName the new set's name
     * @return the subset
     */
    public Dataset subset(int[] rows, String subsetName) {
        float[] sx = new float[rows.length * features];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= size) throw new IndexOutOfBoundsException("row " + r + " of " + size);
            System.arraycopy(x, r * features, sx, i * features, features);
        }
        if (labels != null) {
            int[] sl = new int[rows.length];
            for (int i = 0; i < rows.length; i++) sl[i] = labels[rows[i]];
            return new Dataset(subsetName, rows.length, features, sx, sl, classes, null, 0, image);
        }
        float[] st = new float[rows.length * targetSize];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(targets, rows[i] * targetSize, st, i * targetSize, targetSize);
        }
        return new Dataset(subsetName, rows.length, features, sx, null, 0, st, targetSize, image);
    }

    @Override
    public String toString() {
        return name + " (" + size + " samples, " + features + " features"
                + (image != null ? " as " + image + " images" : "")
                + (labels != null ? ", " + classes + " classes" : ", " + targetSize + " targets") + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset d && size == d.size && features == d.features && classes == d.classes
                && targetSize == d.targetSize && Arrays.equals(x, d.x) && Arrays.equals(labels, d.labels)
                && Arrays.equals(targets, d.targets) && Objects.equals(image, d.image);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, features, classes, Arrays.hashCode(labels));
    }
}
