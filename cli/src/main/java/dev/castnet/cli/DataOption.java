package dev.castnet.cli;

import dev.castnet.dsl.model.LossKind;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.Shape;
import dev.castnet.runtime.data.DataSets;
import dev.castnet.runtime.data.ImageShape;
import java.io.PrintWriter;
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
                    + "a folder of images with one subfolder per class (DIR/CLASS/*.png|jpg, or DIR/train/CLASS/… "
                    + "and DIR/test/CLASS/…; read at the network's input HxWxC), "
                    + "or a CSV file with a label column (a header line is recognised)")
    String data;

    @Option(names = "--label", paramLabel = "NAME", description = "CSV label column by header name (default: the last"
            + " column); a class index for cross_entropy, a real value for a network with one mse or"
            + " binary_cross_entropy output")
    String label;

    @Option(names = "--target", split = ",", paramLabel = "NAME", description = "CSV target columns by header name,"
            + " read as real values (mse or binary_cross_entropy; one per network output)")
    List<String> targets = new ArrayList<>();

    /**
     * Loads the data for {@code network}, whose input shape says how a folder of images is read; notes go to
     * {@code out}. A CSV file's targets are real values when --target names them, or when the network has one output
     * and loss mse or binary_cross_entropy (a regression: history, summary and eval then report MSE, MAE and R²); for
     * binary_cross_entropy a column of only 0 and 1 stays class labels, so accuracy is reported. Otherwise the label
     * column holds class indices (one-hot targets for several mse outputs).
     */
    DataSets.Loaded load(Network network, PrintWriter out) {
        boolean realLoss = network.loss() != LossKind.CROSS_ENTROPY;
        if (!targets.isEmpty() && !realLoss) {
            throw new UserError("--target: network " + network.name() + " uses cross_entropy, which needs class labels;"
                    + " name the label column with --label", 2);
        }
        boolean real = !targets.isEmpty() || realLoss && network.output().size() == 1;
        if (real && Files.isRegularFile(Path.of(data))) {
            DataSets.Loaded loaded = DataSets.loadRealTargets(data, label, targets);
            if (network.loss() == LossKind.BINARY_CROSS_ENTROPY && targets.isEmpty()) {
                return new DataSets.Loaded(DataSets.binaryLabelsIfPossible(loaded.train()), null);
            }
            return loaded;
        }
        if (!targets.isEmpty()) {
            throw new UserError("--target: real-valued targets are read from a .csv file, but --data " + data
                    + " is not one", 2);
        }
        ImageShape image = imageShape(network.input());
        if (image == null && DataSets.isImageFolder(data)) {
            throw new UserError(network.pos() + ": network " + network.name() + " takes input " + network.input()
                    + ", a vector, but --data " + data + " is a folder of images, which are read at the input's size and"
                    + " channels: declare it as input HxWxC (for example input 28x28x1 for gray images, input 32x32x3"
                    + " for RGB)");
        }
        // a CSV label the network cannot predict is an error at its line
        return DataSets.load(label == null ? data : data + "#" + label, image, TrainCommand.classes(network), note -> {
            out.println(note);
            out.flush();
        });
    }

    /** An image input as it is; a sequence TxF as a T x F gray image (one row per step); a vector as none. */
    static ImageShape imageShape(Shape input) {
        return switch (input.rank()) {
            case 3 -> new ImageShape(input.dim(0), input.dim(1), input.dim(2));
            case 2 -> new ImageShape(input.dim(0), input.dim(1), 1);
            default -> null;
        };
    }
}
