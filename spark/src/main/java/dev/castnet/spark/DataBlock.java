package dev.castnet.spark;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.ImageShape;
import java.io.Serializable;

/** A {@link Dataset} as Spark can broadcast it: the same arrays, serializable. */
record DataBlock(String name, int features, float[] x, int[] labels, int classes, float[] targets, int targetSize,
        int[] image) implements Serializable {

    static DataBlock of(Dataset d) {
        ImageShape s = d.image();
        int[] image = s == null ? null : new int[] {s.height(), s.width(), s.channels()};
        return d.hasLabels()
                ? new DataBlock(d.name(), d.features(), d.x(), d.labels(), d.classes(), null, 0, image)
                : new DataBlock(d.name(), d.features(), d.x(), null, 0, d.targets(), d.targetSize(), image);
    }

    Dataset toDataset() {
        ImageShape s = image == null ? null : new ImageShape(image[0], image[1], image[2]);
        return labels != null ? Dataset.classification(name, x, features, labels, classes, s)
                : Dataset.regression(name, x, features, targets, targetSize, s);
    }
}
