package dev.castnet.runtime.train;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.augment.Augmenter;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.checkpoint.CheckpointException;
import dev.castnet.runtime.checkpoint.Tensor;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.Preprocessing;
import dev.castnet.runtime.preprocess.Preprocessor;
import dev.castnet.runtime.prune.Pruner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a generated network: seeded shuffling, mini-batches (the last one may be smaller), augmentation and
 * preprocessing per batch, a learning-rate schedule per epoch, validation, early stopping, a progress
 * display, per-epoch checkpoints, and after the last epoch batchnorm population statistics.
 *
 * <pre>{@code
 * TrainResult r = new Trainer(net, new TrainOptions().epochs(20).preprocess(PreprocessSpec.zscore()))
 *         .fit(Digits.load());
 * }</pre>
 *
 * <p>A run is reproducible from its seeds: the split, the shuffles and the augmentation draw from generators
 * seeded by {@link TrainOptions#seed}, dropout from the network's own. A checkpoint holds all of their
 * states, so {@link #resumeFrom} continues exactly as the uninterrupted run would have.
 *
 * <p>With {@link TrainOptions#prune pruning}, masks are recomputed on the schedule's steps during the ramp (or
 * once after the last epoch), and early stopping only watches epochs whose weights have the final sparsity, so the
 * epoch it restores is a pruned one.
 *
 * <p>Metrics: see {@link EpochStats}. Validation loss is computed here from the network's inference outputs
 * (cross-entropy on the softmax probabilities with log clamped at −100, as PyTorch's {@code BCELoss}).
 */
public final class Trainer {
    private static final long AUGMENT_SEED_MIX = 0x6A09E667F3BCC909L;
    private static final long PREPROCESS_SEED_MIX = 0xBB67AE8584CAA73BL;
    /**
     * An epoch whose mean training loss exceeds the untrained network's loss this many times has diverged, even
     * while the loss is still finite: no learning rate that trains makes the loss a hundred times worse than
     * it was before training (Adam with lr=1e6 reaches 1e13 on the digits, where the untrained network has 2.3).
     */
    static final double DIVERGENCE_FACTOR = 100;

    /** Called after each epoch (after its checkpoint is written). */
    public interface EpochListener {
        /**
         * Called after each epoch, after its checkpoint is written.
         *
         * @param stats the epoch's figures
         * @param trainer the trainer, for example to {@link Trainer#requestStop()} it
         */
        void epochEnded(EpochStats stats, Trainer trainer);
    }

    private final TrainableNetwork net;
    private final TrainOptions options;
    private final Rng shuffleRng;
    private final Rng augmentRng;
    private final Pruner pruner;
    private final List<String> warnings = new ArrayList<>();
    private EpochListener listener;
    private volatile boolean stopRequested;

    private Preprocessor pre;
    private BatchBuffers buffers;
    private History history = new History();
    private EarlyStopping early;
    private double baseLr;
    private int epochsDone;
    private boolean finished;
    private Map<String, Tensor> best;
    /**
     * The untrained network's mean loss on the first training samples (inference mode, one batch), the
     * yardstick for divergence; NaN until {@link #fit} measures it. Not the first step's loss: with a batch of
     * one that can be near 0 by chance.
     */
    private double baselineLoss = Double.NaN;

    /**
     * A trainer for a network; nothing is trained until {@link #fit}.
     *
     * @param net the network, generated with a {@code maxBatch} of at least the options' batch
     * @param options how to train; kept, not copied
     */
    public Trainer(TrainableNetwork net, TrainOptions options) {
        this.net = net;
        this.options = options;
        shuffleRng = new Rng(options.seed());
        augmentRng = new Rng(options.seed() ^ AUGMENT_SEED_MIX);
        baseLr = net.learningRate();
        early = options.earlyStop() == null ? null : new EarlyStopping(options.earlyStop());
        pruner = options.prune() == null ? null : new Pruner(net, options.prune());
    }

    /**
     * Sets the listener called after each epoch (after its checkpoint).
     *
     * @param l the listener
     * @return this trainer
     */
    public Trainer onEpochEnd(EpochListener l) {
        listener = l;
        return this;
    }

    /** Ends the run after the current epoch (and its checkpoint), e.g. from a listener or a signal handler. */
    public void requestStop() {
        stopRequested = true;
    }

    /** {@return the network being trained} */
    public TrainableNetwork network() {
        return net;
    }

    /** {@return the training options} */
    public TrainOptions options() {
        return options;
    }

    /** {@return the fitted (or restored) preprocessing}; null before {@link #fit} or {@link #resumeFrom}. */
    public Preprocessor preprocessor() {
        return pre;
    }

    /** {@return the per-epoch figures so far} */
    public History history() {
        return history;
    }

    /** {@return the number of epochs completed so far} (restored ones included). */
    public int epochsDone() {
        return epochsDone;
    }

    /**
     * Uses a fitted preprocessing (a loaded model's) instead of fitting one in {@link #fit}: fine-tuning a trained
     * model must see its inputs as it was trained on them.
     *
     * @param fitted the preprocessing the model was trained behind
     * @return this trainer
     */
    public Trainer usePreprocessor(Preprocessor fitted) {
        pre = fitted;
        buffers = null;
        return this;
    }

    /**
     * Reads a checkpoint file and {@link #resumeFrom(Checkpoint) resumes} from it.
     *
     * @param path the checkpoint file
     * @return this trainer
     * @throws CheckpointException when the file is damaged or does not fit, naming the file
     */
    public Trainer resumeFrom(Path path) {
        try {
            return resumeFrom(Checkpoint.read(path));
        } catch (CheckpointException e) {
            throw e.getMessage().startsWith(path.toString()) ? e : new CheckpointException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores the network (parameters, optimizer, generator) and the trainer's state (epoch, generators, early
     * stopping, history, best parameters, preprocessing). Everything is checked before anything is written; the next
     * {@link #fit} continues with the following epoch, exactly as the uninterrupted run would have.
     *
     * @param c the checkpoint, written by a trainer of the same network
     * @return this trainer
     * @throws CheckpointException when the checkpoint does not fit the network or holds no trainer state
     */
    public Trainer resumeFrom(Checkpoint c) {
        c.verifyCompatible(net); // another network's checkpoint is named as such before its contents are judged
        Map<String, double[]> ts = c.trainerState();
        double[] epoch = ts.get("epoch");
        double[] lr = ts.get("base_lr");
        long[] shuffle = c.generators().get("shuffle");
        long[] augment = c.generators().get("augment");
        if (epoch == null || lr == null || shuffle == null || augment == null) {
            throw new CheckpointException("checkpoint of '" + c.networkName() + "' holds no trainer state (epoch,"
                    + " learning rate, generators); it can be evaluated but not resumed");
        }
        double[] earlyState = ts.get("early_stop");
        if (early != null && earlyState == null) {
            throw new CheckpointException("the run uses early stopping but the checkpoint was written without it");
        }
        Preprocessor restoredPre = Preprocessing.restore(c.preprocessKind(), c.preprocessState());
        c.restoreInto(net); // verifies every tensor before writing any
        pre = restoredPre;
        epochsDone = (int) epoch[0];
        baseLr = lr[0];
        double[] fin = ts.get("finished");
        finished = fin != null && fin[0] != 0;
        shuffleRng.restore(shuffle);
        augmentRng.restore(augment);
        if (early != null) early.restore(earlyState);
        history = History.restore(ts);
        double[] baseline = ts.get("baseline_loss");
        baselineLoss = baseline != null ? baseline[0] : Double.NaN;
        best = c.bestParameters().isEmpty() ? null : c.bestParameters();
        if (finished && epochsDone < options.epochs() && !(early != null && early.shouldStop())) {
            // a completed run asked for more epochs goes on from its final parameters, as Keras's
            // fit(initial_epoch=...) does (not bit-identical to one longer run: its end-of-run steps were applied)
            finished = false;
        }
        return this;
    }

    /** {@return whether the run is complete}: a {@link #fit} now trains no further epoch. */
    public boolean finished() {
        return finished || epochsDone >= options.epochs() || (early != null && early.shouldStop());
    }

    /**
     * Loads a trained model for evaluation or prediction: the network's tensors and the preprocessing, not the
     * trainer's state (any checkpoint of this network will do, finished or not).
     *
     * @param c the checkpoint
     * @return this trainer
     * @throws CheckpointException when the checkpoint does not fit the network
     */
    public Trainer loadModel(Checkpoint c) {
        Preprocessor restoredPre = Preprocessing.restore(c.preprocessKind(), c.preprocessState());
        c.restoreInto(net);
        pre = restoredPre;
        buffers = null;
        return this;
    }

    /**
     * Reads a checkpoint file and {@link #loadModel(Checkpoint) loads} it.
     *
     * @param path the checkpoint file
     * @return this trainer
     * @throws CheckpointException when the file is damaged or does not fit, naming the file
     */
    public Trainer loadModel(Path path) {
        Checkpoint c = Checkpoint.read(path);
        try {
            return loadModel(c);
        } catch (CheckpointException e) {
            throw new CheckpointException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Splits the data (stratified, {@link TrainOptions#validation} held out, seeded by {@link TrainOptions#seed}) and
     * trains.
     *
     * @param data the labelled or target data
     * @return the run's figures
     * @throws TrainingDivergedException when the loss becomes NaN or infinite, or grows a hundredfold
     */
    public TrainResult fit(Dataset data) {
        if (options.validation() > 0) {
            Split split = Split.stratified(data, options.validation(), options.seed());
            return fit(split.train(), split.validation());
        }
        return fit(data, null);
    }

    /**
     * Trains on {@code train}, validating on {@code validation}.
     *
     * @param train the training data
     * @param validation the validation data, or null (or empty) for none
     * @return the run's figures
     * @throws TrainingDivergedException when the loss becomes NaN or infinite, or grows a hundredfold
     * @throws IllegalArgumentException when the data does not fit the network or the options (features, classes, batch,
     *     early stopping without validation data)
     */
    public TrainResult fit(Dataset train, Dataset validation) {
        if (train.size() == 0) throw new IllegalArgumentException("training set " + train.name() + " is empty");
        Dataset val = validation == null || validation.size() == 0 ? null : validation;
        if (early != null && val == null) {
            throw new IllegalArgumentException("early_stop monitors " + early.config().monitor() + " but there is no"
                    + " validation data; set validation > 0 or remove early_stop");
        }
        if (pruner != null) pruner.check(options.epochs());
        boolean regression = !train.hasLabels();
        if (early != null && regression && early.config().monitor().equals("val_accuracy")) {
            throw new IllegalArgumentException("early_stop monitors val_accuracy, which real-valued targets do not have;"
                    + " monitor val_loss (or, from Java, val_mse, val_mae or val_r2)");
        }
        if (early != null && !regression && early.config().regressionMetric()) {
            throw new IllegalArgumentException("early_stop monitors " + early.config().monitor() + ", a metric of"
                    + " real-valued targets, but " + train.name() + " has class labels; monitor val_loss or val_accuracy");
        }
        if (options.batch() > net.maxBatch()) {
            throw new IllegalArgumentException("batch " + options.batch() + " exceeds the network's maxBatch "
                    + net.maxBatch() + "; construct " + net.networkName() + " with maxBatch >= " + options.batch());
        }
        if (train.hasLabels() && epochsDone == 0) {
            int[] counts = train.classCounts();
            int present = 0, label = -1;
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] > 0) {
                    present++;
                    label = k;
                }
            }
            if (present == 1) {
                warnings.add("every one of the " + train.size() + " training samples of " + train.name() + " has label "
                        + label + ": the network can only learn to predict that class; check the data and its label"
                        + " column");
            }
        }
        if (pre == null) {
            pre = Preprocessing.fit(options.preprocess(), preprocessingFitData(train));
            for (String w : pre.warnings()) warnings.add(options.preprocess().kind().name().toLowerCase(Locale.ROOT)
                    + ": " + w);
        }
        prepareBuffers(train.features(), !options.augment().isIdentity());
        Augmenter aug = null;
        if (!options.augment().isIdentity()) {
            if (train.image() == null) {
                throw new IllegalArgumentException("augment needs image data (input HxWxC), but " + train.name()
                        + " has plain features; remove augment or declare the image shape");
            }
            aug = new Augmenter(train.image(), options.augment());
        }
        float[] trainTargets = buffers.targetsFor(train);
        float[] valTargets = val == null ? null : buffers.targetsFor(val);

        RegressionMetrics trainMetrics = regression ? new RegressionMetrics(net.outputSize()) : null;
        if (Double.isNaN(baselineLoss)) baselineLoss = untrainedLoss(train, trainTargets);
        Progress progress = Progress.create(options.progress(), options.log());
        for (String w : warnings) progress.message("warning: " + w);
        int n = train.size();
        int[] order = new int[n];
        int epochs = options.epochs();
        int batch = options.batch();
        double trainSeconds = 0;
        double epochSeconds = 0;
        int epochsThisRun = 0;
        try {
            while (epochsDone < epochs && !(early != null && early.shouldStop()) && !stopRequested && !finished) {
                int epoch = epochsDone;
                double lr = options.schedule().rate(baseLr, epoch, epochs);
                net.setLearningRate(lr);
                for (int i = 0; i < n; i++) order[i] = i;
                if (options.shuffle()) shuffle(order, shuffleRng);
                progress.startEpoch(epoch + 1, epochs, n);
                long t0 = System.nanoTime();
                double lossSum = 0, correct = 0;
                if (trainMetrics != null) trainMetrics.reset();
                int steps = (n + batch - 1) / batch;
                for (int s = 0; s < steps; s++) {
                    int start = s * batch;
                    int m = Math.min(batch, n - start);
                    buffers.load(train, trainTargets, order, start, m, aug, augmentRng);
                    if (pruner != null) pruner.beforeStep((long) epoch * steps + s, steps);
                    double loss = buffers.trainStep(m);
                    if (options.trainAccuracy()) {
                        buffers.lastOutputs(m); // training-mode outputs of this step, before its update
                        correct += buffers.correct(m, train.hasLabels());
                        if (trainMetrics != null) buffers.addRegression(trainMetrics, m);
                    }
                    if (!Double.isFinite(loss)) throw diverged(loss, epoch + 1, s + 1, steps, lr);
                    lossSum += loss * m;
                    progress.step(m, lossSum / (start + m));
                }
                long t1 = System.nanoTime();
                if (baselineLoss > 0 && lossSum / n > DIVERGENCE_FACTOR * baselineLoss) {
                    throw divergedSlowly(lossSum / n, epoch + 1, steps, lr);
                }
                Evaluation v = val == null ? new Evaluation(0, Double.NaN, Double.NaN) : evaluate(val, valTargets);
                long t2 = System.nanoTime();
                double seconds = (t2 - t0) / 1e9;
                trainSeconds += (t1 - t0) / 1e9;
                epochSeconds += seconds;
                epochsThisRun++;
                boolean trainMetricsKnown = trainMetrics != null && options.trainAccuracy();
                EpochStats stats = new EpochStats(epoch + 1, lr, lossSum / n,
                        options.trainAccuracy() && !regression ? correct / n : Double.NaN, v.loss(), v.accuracy(),
                        seconds, n / Math.max((t1 - t0) / 1e9, 1e-9), trainMetricsKnown ? trainMetrics.mse() : Double.NaN,
                        trainMetricsKnown ? trainMetrics.mae() : Double.NaN,
                        trainMetricsKnown ? trainMetrics.r2() : Double.NaN, v.mse(), v.mae(), v.r2());
                history.add(stats);
                epochsDone = epoch + 1;
                if (early != null && (pruner == null || pruner.settled(epochsDone))) {
                    double metric = early.config().value(v);
                    if (early.update(epoch, metric) && early.config().restoreBest()) {
                        best = Checkpoint.readAll(net.parameters());
                    }
                }
                progress.endEpoch(stats, epochs);
                if (epochsDone < epochs && !(early != null && early.shouldStop())) writeCheckpoint();
                if (listener != null) listener.epochEnded(stats, this);
            }
        } finally {
            progress.close();
        }
        boolean complete = epochsDone >= epochs || (early != null && early.shouldStop()) || finished;
        boolean stoppedEarly = early != null && early.shouldStop();
        if (complete && !finished) {
            if (stoppedEarly) {
                progress.message(String.format(Locale.ROOT, "early stopping after epoch %d: %s did not improve for %d"
                        + " epochs (best %.6g at epoch %d)", epochsDone, early.config().monitor(), early.waited(),
                        early.best(), early.bestEpoch() + 1));
            }
            if (early != null && early.config().restoreBest() && best != null) {
                Checkpoint.writeAll(best, net.parameters());
                if (early.bestEpoch() + 1 != epochsDone) {
                    progress.message("restored the parameters of epoch " + (early.bestEpoch() + 1));
                }
            }
            if (pruner != null) pruner.afterTraining();
            populationStatistics(train);
            finished = true;
        }
        if (complete || stopRequested) writeCheckpoint();
        Evaluation finalVal = val == null ? new Evaluation(0, Double.NaN, Double.NaN) : evaluate(val, valTargets);
        return new TrainResult(history, finalVal, epochsDone, stoppedEarly,
                early == null || early.bestEpoch() < 0 ? 0 : early.bestEpoch() + 1, !complete,
                epochsThisRun == 0 ? Double.NaN : epochSeconds / epochsThisRun,
                trainSeconds == 0 ? Double.NaN : (double) n * epochsThisRun / trainSeconds, List.copyOf(warnings));
    }

    /**
     * What the preprocessing is fitted on: with augmentation, one augmented pass over the training split (drawn from
     * its own generator, so the training draws are unchanged), because that is what the network is fed. Fitted on
     * clean images, PCA whitening divides the directions in which they have almost no variance (the always-blank
     * border of the digits) by sqrt(λ + eps) ≈ 0.003, and the shifted, rotated or noisy pixels augmentation puts
     * there reach the network magnified a few hundred times (the digits then train to 14% accuracy instead of 97%);
     * a z-score of a nearly constant pixel does the same on a smaller scale.
     */
    private Dataset preprocessingFitData(Dataset train) {
        if (options.augment().isIdentity() || train.image() == null || !options.fitPreprocessingOnAugmented()) {
            return train;
        }
        float[] x = new float[train.x().length];
        new Augmenter(train.image(), options.augment()).applyBatch(train.x(), train.size(), x,
                new Rng(options.seed() ^ PREPROCESS_SEED_MIX));
        return train.hasLabels()
                ? Dataset.classification(train.name(), x, train.features(), train.labels(), train.classes(), train.image())
                : Dataset.regression(train.name(), x, train.features(), train.targets(), train.targetSize(), train.image());
    }

    private TrainingDivergedException diverged(double loss, int epoch, int step, int steps, double lr) {
        return new TrainingDivergedException(String.format(Locale.ROOT, "training diverged in epoch %d, step %d of %d:"
                + " the loss is %s; %s", epoch, step, steps, Double.isNaN(loss) ? "NaN" : "infinite", hints(lr)),
                epoch, step);
    }

    private TrainingDivergedException divergedSlowly(double loss, int epoch, int steps, double lr) {
        return new TrainingDivergedException(String.format(Locale.ROOT, "training diverged in epoch %d: its mean"
                + " training loss %.3g is more than %.0f times the untrained network's %.3g; %s", epoch, loss,
                DIVERGENCE_FACTOR, baselineLoss, hints(lr)), epoch, steps);
    }

    private String hints(double lr) {
        return String.format(Locale.ROOT, "lower the learning rate (now %.3g) or add `clip norm 5.0` to %s%s", lr,
                net.networkName(), options.preprocess().kind() == dev.castnet.runtime.preprocess.PreprocessSpec.Kind.NONE
                        ? ", and consider `preprocess zscore`" : "");
    }

    /** The mean loss of the network as it is now on the first (up to one batch of) training samples, in inference mode. */
    private double untrainedLoss(Dataset train, float[] targets) {
        int m = Math.min(buffers.capacity, train.size());
        buffers.load(train, targets, null, 0, m, null, null);
        buffers.forward(m);
        return buffers.lossSum(m, train.hasLabels()) / m;
    }

    /** Whole-training-set statistics for every batchnorm layer with {@code stats=population}, layer by layer. */
    private void populationStatistics(Dataset train) {
        for (int layer = 0; layer < net.batchNormLayers(); layer++) {
            if (!net.batchNormPopulation(layer)) continue;
            net.beginPopulationStatistics(layer);
            for (int start = 0; start < train.size(); start += buffers.capacity) {
                int m = Math.min(buffers.capacity, train.size() - start);
                buffers.load(train, null, null, start, m, null, null);
                buffers.accumulatePopulation(m);
            }
            net.endPopulationStatistics();
        }
    }

    private void prepareBuffers(int features, boolean augment) {
        if (pre.inputSize() != features) {
            throw new IllegalArgumentException("the data has " + features + " features but the preprocessing ("
                    + pre.kind() + ") was fitted on " + pre.inputSize());
        }
        if (pre.outputSize() != net.inputSize()) {
            throw new IllegalArgumentException("network " + net.networkName() + " takes " + net.inputSize()
                    + " inputs but the data has " + pre.outputSize() + " features"
                    + (pre.outputSize() != features ? " after " + pre.kind() : ""));
        }
        if (buffers == null || buffers.features != features || augment) {
            buffers = new BatchBuffers(net, pre, features, net.maxBatch(), augment);
        }
    }

    /**
     * Loss and accuracy of the network on a data set in inference mode, with the fitted preprocessing.
     *
     * @param data the data to evaluate
     * @return its loss and accuracy (accuracy NaN where undefined)
     * @throws IllegalStateException before {@link #fit}, {@link #resumeFrom} or {@link #loadModel}
     */
    public Evaluation evaluate(Dataset data) {
        if (pre == null) {
            throw new IllegalStateException("no preprocessing yet: call fit or resumeFrom before evaluate");
        }
        if (buffers == null || buffers.features != data.features()) prepareBuffers(data.features(), false);
        return evaluate(data, buffers.targetsFor(data));
    }

    /**
     * The confusion matrix on a labelled data set in inference mode.
     *
     * @param data labelled data
     * @return counts {@code [true class][predicted class]}, {@code max(classes, outputs)} square
     */
    public int[][] confusion(Dataset data) {
        if (!data.hasLabels()) throw new IllegalArgumentException(data.name() + " has no class labels");
        evaluate(data); // validates sizes and prepares the buffers
        int k = Math.max(data.classes(), net.outputSize() == 1 ? 2 : net.outputSize());
        int[][] m = new int[k][k];
        for (int start = 0; start < data.size(); start += buffers.capacity) {
            int n = Math.min(buffers.capacity, data.size() - start);
            buffers.load(data, null, null, start, n, null, null);
            buffers.forward(n);
            for (int i = 0; i < n; i++) m[buffers.labels[i]][buffers.predicted(i)]++;
        }
        return m;
    }

    private Evaluation evaluate(Dataset data, float[] targets) {
        if (data.features() != buffers.features) {
            throw new IllegalArgumentException(data.name() + " has " + data.features() + " features, the training data "
                    + buffers.features);
        }
        return Evaluator.evaluate(buffers, data, targets);
    }

    /**
     * {@return the complete state now}: the network's, the trainer's and the preprocessing, ready to {@link
     * Checkpoint#write}.
     */
    public Checkpoint checkpoint() {
        Checkpoint c = Checkpoint.capture(net);
        c.generators().put("shuffle", shuffleRng.state());
        c.generators().put("augment", augmentRng.state());
        if (pre != null) c.setPreprocessing(pre.kind(), pre.state());
        Map<String, double[]> ts = c.trainerState();
        ts.put("epoch", new double[] {epochsDone});
        ts.put("base_lr", new double[] {baseLr});
        ts.put("finished", new double[] {finished ? 1 : 0});
        if (early != null) ts.put("early_stop", early.state());
        if (!Double.isNaN(baselineLoss)) ts.put("baseline_loss", new double[] {baselineLoss});
        history.saveTo(ts);
        if (best != null) c.bestParameters().putAll(best);
        return c;
    }

    private void writeCheckpoint() {
        Path path = options.checkpoint();
        if (path == null) return;
        try {
            checkpoint().write(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    /** Fisher–Yates. */
    static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
