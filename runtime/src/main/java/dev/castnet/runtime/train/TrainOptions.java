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
    private boolean fitPreprocessingOnAugmented = true;
    private Progress.Mode progress = Progress.Mode.AUTO;
    private PrintStream log = System.out;
    private Path checkpoint;
    private PruneSchedule prune;

    /** The defaults of the {@code train} block, as listed on the class. */
    public TrainOptions() {}

    /**
     * Sets the number of epochs (default 10).
     *
     * @param n at least 1
     * @return these options
     */
    public TrainOptions epochs(int n) {
        if (n < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + n);
        epochs = n;
        return this;
    }

    /**
     * Sets the mini-batch size (default 32); at most the network's {@code maxBatch}.
     *
     * @param n at least 1
     * @return these options
     */
    public TrainOptions batch(int n) {
        if (n < 1) throw new IllegalArgumentException("batch must be >= 1, got " + n);
        batch = n;
        return this;
    }

    /**
     * Sets the fraction held out (stratified) by {@link Trainer#fit(dev.castnet.runtime.data.Dataset)} (default 0.1).
     *
     * @param fraction in [0, 1); 0 for none
     * @return these options
     */
    public TrainOptions validation(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation must be in [0, 1), got " + fraction);
        }
        validation = fraction;
        return this;
    }

    /**
     * Seeds the split, the shuffling and the augmentation (default 42; the network's own generator is seeded at
     * construction).
     *
     * @param s the seed
     * @return these options
     */
    public TrainOptions seed(long s) {
        seed = s;
        return this;
    }

    /**
     * Sets whether the training samples are reshuffled every epoch (default true).
     *
     * @param on whether to shuffle
     * @return these options
     */
    public TrainOptions shuffle(boolean on) {
        shuffle = on;
        return this;
    }

    /**
     * Sets the learning-rate schedule (default {@link LrSchedule#none()}).
     *
     * @param s the schedule
     * @return these options
     */
    public TrainOptions schedule(LrSchedule s) {
        schedule = s;
        return this;
    }

    /**
     * Sets the preprocessing, fitted on the training split (default {@code PreprocessSpec.none()}).
     *
     * @param p the preprocessing
     * @return these options
     */
    public TrainOptions preprocess(PreprocessSpec p) {
        preprocess = p;
        return this;
    }

    /**
     * Sets the augmentation of image data (default none).
     *
     * @param a the augmentation; null for none
     * @return these options
     */
    public TrainOptions augment(AugmentOptions a) {
        augment = a == null ? AugmentOptions.none() : a;
        return this;
    }

    /**
     * Sets early stopping (default none).
     *
     * @param c the configuration, or null for none
     * @return these options
     */
    public TrainOptions earlyStop(EarlyStopping.Config c) {
        earlyStop = c;
        return this;
    }

    /**
     * With augmentation, whether the preprocessing is fitted on one augmented pass over the training split (default
     * true: the statistics of what the network is fed) or on the clean images (which lets PCA whitening magnify
     * what augmentation puts into the images' blank directions; kept to show that problem).
     *
     * @param on whether to fit on augmented images
     * @return these options
     */
    public TrainOptions fitPreprocessingOnAugmented(boolean on) {
        fitPreprocessingOnAugmented = on;
        return this;
    }

    /**
     * Sets whether the training accuracy is reported, from each step's own outputs (default true).
     *
     * @param on whether to report it
     * @return these options
     */
    public TrainOptions trainAccuracy(boolean on) {
        trainAccuracy = on;
        return this;
    }

    /**
     * Sets the progress display (default {@link Progress.Mode#AUTO}).
     *
     * @param mode a bar, lines, nothing, or automatic
     * @return these options
     */
    public TrainOptions progress(Progress.Mode mode) {
        progress = mode;
        return this;
    }

    /**
     * Sets where epoch lines and notes go (default {@code System.out}).
     *
     * @param out the stream
     * @return these options
     */
    public TrainOptions log(PrintStream out) {
        log = out;
        return this;
    }

    /**
     * Sets where a checkpoint is written after every epoch and at the end (default none).
     *
     * @param path the checkpoint file, or null for none
     * @return these options
     */
    public TrainOptions checkpoint(Path path) {
        checkpoint = path;
        return this;
    }

    /**
     * Sets magnitude pruning during (or after) training (SPEC §6).
     *
     * @param schedule how far and when to prune, or null for none (the default)
     * @return these options
     */
    public TrainOptions prune(PruneSchedule schedule) {
        prune = schedule;
        return this;
    }

    /** {@return the pruning schedule}, or null for none. */
    public PruneSchedule prune() {
        return prune;
    }

    /** {@return an independent copy} (options are mutable; search trials each get their own). */
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
        c.fitPreprocessingOnAugmented = fitPreprocessingOnAugmented;
        c.progress = progress;
        c.log = log;
        c.checkpoint = checkpoint;
        c.prune = prune;
        return c;
    }

    /** {@return the number of epochs} */
    public int epochs() {
        return epochs;
    }

    /** {@return the mini-batch size} */
    public int batch() {
        return batch;
    }

    /** {@return the fraction held out for validation} */
    public double validation() {
        return validation;
    }

    /** {@return the seed of the split, the shuffling and the augmentation} */
    public long seed() {
        return seed;
    }

    /** {@return whether the samples are reshuffled every epoch} */
    public boolean shuffle() {
        return shuffle;
    }

    /** {@return the learning-rate schedule} */
    public LrSchedule schedule() {
        return schedule;
    }

    /** {@return the preprocessing} */
    public PreprocessSpec preprocess() {
        return preprocess;
    }

    /** {@return the augmentation} (the identity for none). */
    public AugmentOptions augment() {
        return augment;
    }

    /** {@return the early-stopping configuration}, or null for none. */
    public EarlyStopping.Config earlyStop() {
        return earlyStop;
    }

    /** {@return whether the preprocessing is fitted on augmented images} */
    public boolean fitPreprocessingOnAugmented() {
        return fitPreprocessingOnAugmented;
    }

    /** {@return whether the training accuracy is reported} */
    public boolean trainAccuracy() {
        return trainAccuracy;
    }

    /** {@return the progress display} */
    public Progress.Mode progress() {
        return progress;
    }

    /** {@return where epoch lines and notes go} */
    public PrintStream log() {
        return log;
    }

    /** {@return the checkpoint file}, or null for none. */
    public Path checkpoint() {
        return checkpoint;
    }
}
