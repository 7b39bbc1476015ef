package dev.castnet.cli;

import dev.castnet.runtime.data.DataSets;
import picocli.CommandLine.Option;

/** {@code --data digits|fashion-mnist|DIR|FILE.csv} and the CSV's {@code --label}, shared by {@code train} and {@code eval}. */
final class DataOption {
    @Option(names = "--data", paramLabel = "digits|fashion-mnist|DIR|FILE.csv", defaultValue = "digits",
            description = "training data: the bundled UCI digits (default), Fashion-MNIST (under "
                    + "/usr/share/datasets/fashion-mnist or $CASTNET_DATA), a folder of MNIST-style IDX files, "
                    + "or a CSV file with a label column (a header line is recognised)")
    String data;

    @Option(names = "--label", paramLabel = "NAME", description = "CSV label column by header name (default: the last column)")
    String label;

    DataSets.Loaded load() {
        return load(0);
    }

    /** The data for a network of {@code classes} classes (0: as many as the labels say). */
    DataSets.Loaded load(int classes) {
        return DataSets.load(label == null ? data : data + "#" + label, classes);
    }
}
