package dev.castnet.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bundled UCI handwritten digits (1797 samples of 8x8 pixels with values 0..16, 10 classes), the data set
 * of the default run. Features are kept as given (0..16 as floats); pick a {@code preprocess} to rescale.
 */
public final class Digits {
    /** The bundled file on the class path. */
    public static final String RESOURCE = "/dev/castnet/runtime/data/digits.csv.gz";
    /** Each sample is an 8x8 gray image. */
    public static final ImageShape IMAGE = new ImageShape(8, 8, 1);
    /** The ten digits. */
    public static final int CLASSES = 10;

    private Digits() {}

    /** {@return the bundled UCI handwritten digits}: 1797 samples of 64 features (values 0..16), labels 0..9. */
    public static Dataset load() {
        try (InputStream in = Digits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from castnet-runtime");
            return new CsvReader().labelColumn(-1).classes(CLASSES).image(IMAGE).read(in, "digits.csv.gz", "digits");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
