package dev.castnet.cli;

import dev.castnet.runtime.data.CsvReader;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Digits;
import dev.castnet.runtime.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data digits|fashion-mnist|DIR|FILE.csv} and the CSV's {@code --label}/{@code --header}, shared by
 * {@code train} and {@code eval}.
 */
final class DataOption {
    @Option(names = "--data", paramLabel = "digits|fashion-mnist|DIR|FILE.csv", defaultValue = "digits",
            description = "training data: the bundled UCI digits (default), Fashion-MNIST (under "
                    + "/usr/share/datasets/fashion-mnist or $CASTNET_DATA), a folder of MNIST-style IDX files, "
                    + "or a CSV file with a label column")
    String data;

    @Option(names = "--label", paramLabel = "NAME|INDEX",
            description = "CSV label column by header name or 0-based index (default: the last column)")
    String label;

    @Option(names = "--header", description = "the CSV's first line is a header (implied by a --label name)")
    boolean header;

    /** The data and, where it has one, its test split. */
    record Loaded(Dataset train, Dataset test) {}

    Loaded load() {
        if (data.equals("digits")) return new Loaded(Digits.load(), null);
        if (data.equals("fashion-mnist")) {
            FashionMnist.Data d = FashionMnist.load();
            return new Loaded(d.train(), d.test());
        }
        Path path = Path.of(data);
        if (Files.isDirectory(path)) {
            FashionMnist.Data d = FashionMnist.load(path);
            return new Loaded(d.train(), d.test());
        }
        if (Files.isRegularFile(path)) {
            CsvReader csv = new CsvReader();
            if (label == null) {
                csv.header(header).labelColumn(-1);
            } else if (label.matches("-?\\d+")) {
                csv.header(header).labelColumn(Integer.parseInt(label));
            } else {
                csv.header(true).labelColumn(label);
            }
            return new Loaded(csv.read(path), null);
        }
        throw new UserError("--data: '" + data + "' is neither digits, fashion-mnist, a folder of IDX files nor a CSV file", 2);
    }
}
