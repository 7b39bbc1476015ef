package dev.castnet.cli;

import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.runtime.data.DataSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --data digits|fashion-mnist|DIR|FILE.csv} and the CSV's {@code --label} or {@code --target}, shared by
 * {@code train}, {@code eval} and {@code search}.
 */
final class DataOption {
    @Option(names = "--data", paramLabel = "digits|fashion-mnist|DIR|FILE.csv", defaultValue = "digits",
            description = "training data: the bundled UCI digits (default), Fashion-MNIST (under "
                    + "/usr/share/datasets/fashion-mnist or $CASTNET_DATA), a folder of MNIST-style IDX files, "
                    + "or a CSV file with a label column (a header line is recognised)")
    String data;

    @Option(names = "--label", paramLabel = "NAME", description = "CSV label column by header name (default: the last"
            + " column); a class index for cross_entropy, a real value for a network with one mse or"
            + " binary_cross_entropy output")
    String label;

    @Option(names = "--target", split = ",", paramLabel = "NAME", description = "CSV target columns by header name,"
            + " read as real values (mse or binary_cross_entropy; one per network output)")
    List<String> targets = new ArrayList<>();

    /** The data with class labels (the --label column read as class indices). */
    DataSets.Loaded load() {
        if (!targets.isEmpty()) {
            throw new UserError("--target names real-valued target columns, which only a network with loss mse or"
                    + " binary_cross_entropy reads; use --label for class labels", 2);
        }
        return DataSets.load(label == null ? data : data + "#" + label);
    }

    /**
     * The data as {@code variant} reads it. A CSV file's targets are real values when --target names them, or when the
     * network has one output and loss mse or binary_cross_entropy (a regression: history, summary and eval then
     * report MSE, MAE and R²); for binary_cross_entropy a column of only 0 and 1 stays class labels, so accuracy is
     * reported. Otherwise the label column holds class indices (one-hot targets for several mse outputs).
     */
    DataSets.Loaded load(Network variant) {
        boolean realLoss = variant.loss() != LossKind.CROSS_ENTROPY;
        if (!targets.isEmpty() && !realLoss) {
            throw new UserError("--target: network " + variant.name() + " uses cross_entropy, which needs class labels;"
                    + " name the label column with --label", 2);
        }
        boolean real = !targets.isEmpty() || realLoss && variant.output().size() == 1;
        if (!real) return load();
        if (!Files.isRegularFile(Path.of(data))) {
            if (!targets.isEmpty()) {
                throw new UserError("--target: real-valued targets are read from a .csv file, but --data " + data
                        + " is not one", 2);
            }
            return load(); // digits, Fashion-MNIST, IDX folders: class labels
        }
        DataSets.Loaded loaded = DataSets.loadRealTargets(data, label, targets);
        if (variant.loss() == LossKind.BINARY_CROSS_ENTROPY && targets.isEmpty()) {
            return new DataSets.Loaded(DataSets.binaryLabelsIfPossible(loaded.train()), null);
        }
        return loaded;
    }
}
