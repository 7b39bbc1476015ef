package dev.castnet.cli;

import dev.castnet.dsl.SpecLoader;
import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.Text;
import dev.castnet.dsl.model.Diagnostic;
import dev.castnet.dsl.model.NetworkModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loading specs for the commands: every diagnostic printed, a clear error when the file is missing. */
final class Specs {
    private Specs() {}

    /** Loads and validates; prints every diagnostic to {@code err}. Returns null when there were errors. */
    static SpecResult load(Path file, PrintWriter err) {
        if (Files.isDirectory(file)) throw new UserError(file + " is a folder; pass a .nn network spec file");
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file (expected a .nn network spec)");
        }
        SpecResult result = SpecLoader.load(file);
        for (Diagnostic d : result.diagnostics()) err.println(Text.printable(d.toString()));
        err.flush();
        return result.hasErrors() ? null : result;
    }

    /** The network named {@code name}, or the only one of the file. */
    static NetworkModel pick(SpecResult result, Path file, String name) {
        List<NetworkModel> networks = result.networks();
        if (name == null) {
            if (networks.size() == 1) return networks.get(0);
            throw new UserError(file + " holds " + networks.size() + " networks ("
                    + String.join(", ", networks.stream().map(NetworkModel::name).toList())
                    + "); choose one with --network NAME");
        }
        for (NetworkModel n : networks) if (n.name().equals(name)) return n;
        throw new UserError("--network: " + file + " has no network '" + name + "'; it has "
                + String.join(", ", networks.stream().map(NetworkModel::name).toList()));
    }
}
