package dev.castnet.runtime.train;

import dev.castnet.runtime.augment.AugmentOptions;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.prune.PruneSchedule;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How the {@link Trainer} runs, set fluently: {@code new TrainOptions().epochs(30).batch(64).seed(42)}.
 * Defaults match the {@code train { }} block's: epochs 10, batch 32, validation 0.1, seed 42, shuffle true,
 * preprocess none, no augmentation, no early stopping, no schedule, no pruning.
 */
public final class TrainOptions {
    private int epochs = 10;
    private int batch = 32;
    private double validation = 0.1;
    private long seed = 42;
    private boolean shuffle = true;
    private LrSchedule schedule = LrSchedule.none();
    private PreprocessSpec preprocess = PreprocessSpec.none();
    private AugmentOptions augment = AugmentOptions.none();
    private EarlyStopping.Config earlyStop;
    private boolean trainAccuracy = true;
    private Progress.Mode progress = Progress.Mode.AUTO;
    private PrintStream log = System.out;
    private Path checkpoint;
    private PruneSchedule prune;

    public TrainOptions epochs(int n) {
        if (n < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + n);
        epochs = n;
        return this;
    }

    public TrainOptions batch(int n) {
        if (n < 1) throw new IllegalArgumentException("batch must be >= 1, got " + n);
        batch = n;
        return this;
    }

    /** Fraction of the data held out (stratified) by {@link Trainer#fit(dev.castnet.runtime.data.Dataset)}; 0 for none. */
    public TrainOptions validation(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation must be in [0, 1), got " + fraction);
        }
        validation = fraction;
        return this;
    }

    /** Seeds the split, the shuffling and the augmentation (the network's own generator is seeded at construction). */
    public TrainOptions seed(long s) {
        seed = s;
        return this;
    }

    public TrainOptions shuffle(boolean on) {
        shuffle = on;
        return this;
    }

    public TrainOptions schedule(LrSchedule s) {
        schedule = s;
        return this;
    }

    public TrainOptions preprocess(PreprocessSpec p) {
        preprocess = p;
        return this;
    }

    public TrainOptions augment(AugmentOptions a) {
        augment = a == null ? AugmentOptions.none() : a;
        return this;
    }

    /** Early stopping, or null for none. */
    public TrainOptions earlyStop(EarlyStopping.Config c) {
        earlyStop = c;
        return this;
    }

    /** Whether to report the training accuracy, from each step's own outputs (default true). */
    public TrainOptions trainAccuracy(boolean on) {
        trainAccuracy = on;
        return this;
    }

    public TrainOptions progress(Progress.Mode mode) {
        progress = mode;
        return this;
    }

    /** Where epoch lines and notes go (default {@code System.out}). */
    public TrainOptions log(PrintStream out) {
        log = out;
        return this;
    }

    /** Writes a checkpoint here after every epoch and at the end (null: none). */
    public TrainOptions checkpoint(Path path) {
        checkpoint = path;
        return this;
    }

    /** Magnitude pruning during (or after) training, or null for none (SPEC §6). */
    public TrainOptions prune(PruneSchedule schedule) {
        prune = schedule;
        return this;
    }

    public PruneSchedule prune() {
        return prune;
    }

    /** An independent copy (options are mutable; search trials each get their own). */
    public TrainOptions copy() {
        TrainOptions c = new TrainOptions();
        c.epochs = epochs;
        c.batch = batch;
        c.validation = validation;
        c.seed = seed;
        c.shuffle = shuffle;
        c.schedule = schedule;
        c.preprocess = preprocess;
        c.augment = augment;
        c.earlyStop = earlyStop;
        c.trainAccuracy = trainAccuracy;
        c.progress = progress;
        c.log = log;
        c.checkpoint = checkpoint;
        c.prune = prune;
        return c;
    }

    public int epochs() {
        return epochs;
    }

    public int batch() {
        return batch;
    }

    public double validation() {
        return validation;
    }

    public long seed() {
        return seed;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public LrSchedule schedule() {
        return schedule;
    }

    public PreprocessSpec preprocess() {
        return preprocess;
    }

    public AugmentOptions augment() {
        return augment;
    }

    public EarlyStopping.Config earlyStop() {
        return earlyStop;
    }

    public boolean trainAccuracy() {
        return trainAccuracy;
    }

    public Progress.Mode progress() {
        return progress;
    }

    public PrintStream log() {
        return log;
    }

    public Path checkpoint() {
        return checkpoint;
    }
}
