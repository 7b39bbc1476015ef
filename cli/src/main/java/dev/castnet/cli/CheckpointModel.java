package dev.castnet.cli;

import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.model.Network;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.train.RunOutputs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkpoint and the network that wrote it, found by fingerprint in the spec next to it ({@code network.nn},
 * which {@code castnet train} and {@code castnet compress} copy there) or in {@code --spec}: what {@code eval} and
 * {@code compress} start from.
 */
record CheckpointModel(Checkpoint checkpoint, NetworkModel model, Network variant, Path specPath) {

    /** Reads the checkpoint and finds its network; null when the spec has errors (printed to {@code err}). */
    static CheckpointModel find(Path file, Path specFile, String command, PrintWriter err) {
        if (Files.isDirectory(file)) {
            Path inside = file.resolve(RunOutputs.CHECKPOINT);
            throw new UserError(file + " is a folder; pass the checkpoint file" + (Files.isRegularFile(inside)
                    ? " in it: castnet " + command + " " + inside : ", such as the " + RunOutputs.CHECKPOINT
                    + " that castnet train writes into its --out folder (" + file + " holds none)"), 2);
        }
        if (!Files.isRegularFile(file)) throw new UserError(file + ": no such checkpoint file", 2);
        Checkpoint c = Checkpoint.read(file);
        Path nn = specFile != null ? specFile : file.toAbsolutePath().getParent().resolve("network.nn");
        if (!Files.isRegularFile(nn)) {
            throw new UserError(file + ": no spec next to it (" + nn + "); name it with --spec FILE.nn", 2);
        }
        SpecResult result = Specs.load(nn, err);
        if (result == null) return null;
        List<String> seen = new ArrayList<>();
        for (NetworkModel m : result.networks()) {
            for (Network n : m.variants()) {
                seen.add(n.className() + " " + n.fingerprint().substring(0, 12));
                if (n.fingerprint().equals(c.fingerprint())) return new CheckpointModel(c, m, n, nn);
            }
        }
        throw new UserError(file + " was written by network " + c.networkName() + " (fingerprint "
                + c.fingerprint().substring(0, Math.min(12, c.fingerprint().length())) + "), which " + nn
                + " does not define (it has " + String.join(", ", seen) + ")");
    }
}
