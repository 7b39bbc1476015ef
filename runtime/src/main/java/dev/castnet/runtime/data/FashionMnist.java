package dev.castnet.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (or MNIST: the files have the same names) from IDX files: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or
 * with {@code .gz}. Images are 28x28x1, pixels scaled to [0, 1].
 */
public final class FashionMnist {
    /** Where the data is looked for when no folder is given. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The ten clothing classes. */
    public static final int CLASSES = 10;

    private FashionMnist() {}

    /**
     * The training set and the test set.
     *
     * @param train the 60 000 training images
     * @param test the 10 000 test images
     */
    public record Data(Dataset train, Dataset test) {}

    /**
     * {@return the training and test sets} from {@code $CASTNET_DATA} (the folder itself or its {@code fashion-mnist}
     * subfolder) when set, else from {@link #DEFAULT_DIR}.
     */
    public static Data load() {
        return load(defaultDir());
    }

    /** {@return the folder {@link #load()} reads} */
    public static Path defaultDir() {
        String env = System.getenv("CASTNET_DATA");
        if (env != null && !env.isBlank()) {
            Path root = Path.of(env);
            Path sub = root.resolve("fashion-mnist");
            return Files.isDirectory(sub) ? sub : root;
        }
        return DEFAULT_DIR;
    }

    /**
     * Loads the training and test sets from a folder of IDX files.
     *
     * @param dir the folder holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     *     {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each raw or with {@code .gz}
     * @return the training set and the test set
     * @throws DataFormatException when a file is missing or malformed, naming it
     */
    public static Data load(Path dir) {
        Dataset train = Idx.load(find(dir, "train-images-idx3-ubyte"), find(dir, "train-labels-idx1-ubyte"), CLASSES,
                "fashion-mnist/train");
        Dataset test = Idx.load(find(dir, "t10k-images-idx3-ubyte"), find(dir, "t10k-labels-idx1-ubyte"), CLASSES,
                "fashion-mnist/test");
        return new Data(train, test);
    }

    /** {@code dir/base} or {@code dir/base.gz}, whichever exists. */
    static Path find(Path dir, String base) {
        List<Path> tried = new ArrayList<>();
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return p;
            tried.add(p);
        }
        throw new DataFormatException("no " + base + " in " + dir + " (looked for " + tried.get(0) + " and "
                + tried.get(1) + "); set CASTNET_DATA or pass the folder with the IDX files");
    }
}
