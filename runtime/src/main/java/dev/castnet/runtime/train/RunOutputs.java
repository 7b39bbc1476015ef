package dev.castnet.runtime.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a training run leaves in its output folder: {@code model.ckpt} (the finished model with its
 * preprocessing and trainer state), {@code network.nn} (the spec, written before the first epoch),
 * {@code history.csv}, {@code loss.png}, {@code accuracy.png} and {@code summary.json}. Each is written
 * atomically: a crash leaves the previous file or the new one, never a part.
 */
public final class RunOutputs {
    public static final String CHECKPOINT = "model.ckpt";
    public static final String SPEC = "network.nn";
    public static final String HISTORY = "history.csv";
    public static final String SUMMARY = "summary.json";
    /** Every file a run writes, the checkpoint first. */
    public static final List<String> FILES = List.of(CHECKPOINT, SPEC, HISTORY, "loss.png", "accuracy.png", SUMMARY);

    private RunOutputs() {}

    /** The run files present in {@code dir}, in {@link #FILES} order. */
    public static List<String> present(Path dir) {
        List<String> found = new ArrayList<>();
        for (String f : FILES) if (Files.exists(dir.resolve(f))) found.add(f);
        return found;
    }

    /** Writes the network's spec as {@code dir/network.nn}, so that a checkpoint can be evaluated even if the run is killed. */
    public static Path writeSpec(Path dir, String specText) throws IOException {
        Path spec = dir.resolve(SPEC);
        AtomicWrite.text(spec, specText);
        return spec;
    }

    /** Writes every file; {@code test} is the test split's evaluation or null. Returns the files written. */
    public static List<Path> write(Path dir, Trainer trainer, TrainResult result, Evaluation test) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Path ckpt = dir.resolve(CHECKPOINT);
        Path written = trainer.options().checkpoint();
        if (written == null || !written.toAbsolutePath().normalize().equals(ckpt.toAbsolutePath().normalize())) {
            trainer.checkpoint().write(ckpt); // the trainer already wrote its final state where it checkpoints
        }
        files.add(ckpt);
        Path csv = dir.resolve(HISTORY);
        result.history().writeCsv(csv);
        files.add(csv);
        files.addAll(result.history().plot(dir));
        Path summary = dir.resolve(SUMMARY);
        Summary.of(trainer.network().networkName(), result, test).write(summary);
        files.add(summary);
        return files;
    }
}
