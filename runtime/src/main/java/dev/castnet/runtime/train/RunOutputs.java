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
    /** The checkpoint's file name. */
    public static final String CHECKPOINT = "model.ckpt";
    /** The spec copy's file name. */
    public static final String SPEC = "network.nn";
    /** The history's file name. */
    public static final String HISTORY = "history.csv";
    /** The summary's file name. */
    public static final String SUMMARY = "summary.json";
    /** Every file a run writes, the checkpoint first. */
    public static final List<String> FILES = List.of(CHECKPOINT, SPEC, HISTORY, "loss.png", "accuracy.png", SUMMARY);

    private RunOutputs() {}

    /**
     * The run files present in a folder.
     *
     * @param dir the run folder
     * @return the names of {@link #FILES} that exist there, in that order
     */
    public static List<String> present(Path dir) {
        List<String> found = new ArrayList<>();
        for (String f : FILES) if (Files.exists(dir.resolve(f))) found.add(f);
        return found;
    }

    /**
     * Writes the network's spec as {@code dir/network.nn}, atomically, so that a checkpoint can be evaluated even if
     * the run is killed.
     *
     * @param dir the run folder
     * @param specText the spec's text
     * @return the file written
     * @throws IOException when it cannot be written
     */
    public static Path writeSpec(Path dir, String specText) throws IOException {
        Path spec = dir.resolve(SPEC);
        AtomicWrite.text(spec, specText);
        return spec;
    }

    /**
     * Writes every file of a finished run: the checkpoint (unless the trainer already wrote it there), the history, the
     * plots and the summary.
     *
     * @param dir the run folder, created if missing
     * @param trainer the trainer that ran
     * @param result what {@link Trainer#fit} returned
     * @param test the test split's evaluation, or null
     * @return the files written
     * @throws IOException when they cannot be written
     */
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
