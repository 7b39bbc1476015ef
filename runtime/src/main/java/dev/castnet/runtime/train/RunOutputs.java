package dev.castnet.runtime.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a training run leaves in its output folder: {@code model.ckpt} (the finished model with its
 * preprocessing and trainer state), {@code history.csv}, {@code loss.png}, {@code accuracy.png} and
 * {@code summary.json}.
 */
public final class RunOutputs {
    public static final String CHECKPOINT = "model.ckpt";
    public static final String HISTORY = "history.csv";
    public static final String SUMMARY = "summary.json";

    private RunOutputs() {}

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
