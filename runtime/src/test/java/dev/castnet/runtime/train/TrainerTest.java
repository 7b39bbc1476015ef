package dev.castnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.augment.AugmentOptions;
import dev.castnet.runtime.checkpoint.Checkpoint;
import dev.castnet.runtime.checkpoint.Tensor;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Digits;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.preprocess.Preprocessor;
import dev.castnet.runtime.testing.SoftmaxRegression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final Dataset DIGITS = Digits.load();

    @TempDir
    Path dir;

    private static SoftmaxRegression net(long seed, double dropout) {
        return new SoftmaxRegression(64, 10, 64, seed, 0.05, 0.9, dropout);
    }

    private static TrainOptions quiet() {
        return new TrainOptions().progress(Progress.Mode.NONE).preprocess(PreprocessSpec.zscore()).validation(0.2);
    }

    @Test
    void softmaxRegressionLearnsDigits() throws IOException {
        SoftmaxRegression net = net(1, 0);
        TrainResult r = new Trainer(net, quiet().epochs(15).batch(32)).fit(DIGITS);
        assertEquals(15, r.epochsRun());
        assertTrue(r.validation().accuracy() > 0.85, "validation accuracy " + r.validation().accuracy());
        List<EpochStats> h = r.history().epochs();
        assertTrue(h.get(14).trainLoss() < h.get(0).trainLoss() / 2, "loss did not fall: " + h);
        assertTrue(h.get(14).trainAccuracy() > 0.9, "train accuracy " + h.get(14).trainAccuracy());
        assertFalse(r.interrupted());

        Path csv = dir.resolve("history.csv");
        r.history().writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy,seconds,samples_per_second", lines.get(0));
        assertEquals(16, lines.size());
        assertTrue(lines.get(15).startsWith("15,0.0500000"), lines.get(15));

        List<Path> plots = r.history().plot(dir);
        assertEquals(List.of(dir.resolve("loss.png"), dir.resolve("accuracy.png")), plots);
        for (Path p : plots) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(p), 8);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, p.toString());
        }

        Summary s = Summary.of(net.networkName(), r, null);
        String json = s.toJson();
        assertTrue(json.startsWith("{\n  \"network\": \"SoftmaxRegression\",\n  \"epochs_run\": 15,\n"), json);
        assertFalse(json.contains("test_accuracy"));
        assertTrue(Summary.of("n", r, new Evaluation(10, 0.5, 0.75)).toJson().contains("\"test_accuracy\": 0.75,"));
    }

    @Test
    void validationMetricsAreComputedFromOutputs() {
        SoftmaxRegression net = net(2, 0);
        Trainer t = new Trainer(net, quiet().epochs(2));
        Split split = Split.stratified(DIGITS, 0.2, 42);
        TrainResult r = t.fit(split.train(), split.validation());
        // recompute by hand with predict on preprocessed rows
        Preprocessor pre = t.preprocessor();
        Dataset v = split.validation();
        float[] x = v.x().clone();
        pre.apply(x, v.size(), x);
        int correct = 0;
        double loss = 0;
        float[] out = new float[10];
        for (int i = 0; i < v.size(); i++) {
            if (net.predict(x, i * 64) == v.labels()[i]) correct++;
            net.forward(Arrays.copyOfRange(x, i * 64, i * 64 + 64), 1, out);
            loss -= Math.log(out[v.labels()[i]]);
        }
        assertEquals((double) correct / v.size(), r.validation().accuracy(), 1e-12);
        assertEquals(loss / v.size(), r.validation().loss(), 1e-9);
        assertEquals(r.validation(), t.evaluate(v));
        int[][] confusion = t.confusion(v);
        int diagonal = 0, total = 0;
        for (int c = 0; c < 10; c++) {
            diagonal += confusion[c][c];
            for (int p = 0; p < 10; p++) total += confusion[c][p];
            assertEquals(v.classCounts()[c], Arrays.stream(confusion[c]).sum(), "row " + c);
        }
        assertEquals(v.size(), total);
        assertEquals(correct, diagonal);
    }

    @Test
    void scheduleSetsTheRatePerEpoch() {
        SoftmaxRegression net = net(3, 0);
        TrainResult r = new Trainer(net, quiet().epochs(5).schedule(LrSchedule.step(2, 0.5))).fit(DIGITS);
        double[] lrs = r.history().epochs().stream().mapToDouble(EpochStats::learningRate).toArray();
        assertArrayEquals(new double[] {0.05, 0.05, 0.025, 0.025, 0.0125}, lrs, 1e-15);
        assertEquals(0.0125, net.learningRate(), 1e-15);
    }

    @Test
    void restoreBestLeavesTheBestEpochsParameters() {
        SoftmaxRegression net = new SoftmaxRegression(64, 10, 64, 4, 0.5, 0.9, 0.3); // noisy on purpose
        TrainOptions o = quiet().epochs(30).earlyStop(new EarlyStopping.Config("val_loss", 2, 0, true));
        TrainResult r = new Trainer(net, o).fit(DIGITS);
        double bestLoss = r.history().epochs().stream().mapToDouble(EpochStats::valLoss).min().orElseThrow();
        assertEquals(bestLoss, r.validation().loss(), 0.0, "final model should be the best epoch's");
        assertEquals(bestLoss, r.history().epochs().get(r.bestEpoch() - 1).valLoss());
        if (r.stoppedEarly()) assertTrue(r.epochsRun() < 30);
        else assertEquals(30, r.epochsRun());
    }

    @Test
    void divergenceNamesEpochStepAndHints() {
        SoftmaxRegression net = new SoftmaxRegression(64, 10, 64, 5, 1e37, 0, 0);
        Trainer t = new Trainer(net, new TrainOptions().progress(Progress.Mode.NONE).epochs(3));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(DIGITS));
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1, step " + e.step() + " of 51: the loss is "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; lower the learning rate (now 1.00e+37) or add `clip norm 5.0` to"
                + " SoftmaxRegression, and consider `preprocess zscore`"), e.getMessage());
    }

    @Test
    void populationStatisticsSeeTheWholePreprocessedTrainingSet() {
        SoftmaxRegression net = net(6, 0.1).withPopulationBatchNorm();
        Trainer t = new Trainer(net, quiet().epochs(1).augment(AugmentOptions.parse("shift=1")));
        Split split = Split.stratified(DIGITS, 0.2, 42);
        t.fit(split.train(), split.validation());
        assertEquals(0, net.populationLayerBegun);
        assertTrue(net.populationEnded);
        assertEquals(split.train().size(), net.populationSamples);
        float[] x = split.train().x().clone();
        t.preprocessor().apply(x, split.train().size(), x);
        double[] sum = new double[64];
        for (int i = 0; i < split.train().size(); i++) for (int j = 0; j < 64; j++) sum[j] += x[i * 64 + j];
        assertArrayEquals(sum, net.populationSum, 1e-9); // no augmentation in the statistics pass
    }

    @Test
    void mismatchedSizesAreExplained() {
        SoftmaxRegression net = new SoftmaxRegression(50, 10, 64, 7, 0.1, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(net, quiet()).fit(DIGITS));
        assertEquals("network SoftmaxRegression takes 50 inputs but the data has 64 features", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(net(1, 0), quiet().batch(100)).fit(DIGITS));
        assertEquals("batch 100 exceeds the network's maxBatch 64; construct SoftmaxRegression with maxBatch >= 100",
                e.getMessage());
    }

    /** Everything a resumed run must reproduce: parameters, optimizer state, generators, history. */
    private static void assertSameState(Trainer a, Trainer b) {
        Checkpoint ca = a.checkpoint(), cb = b.checkpoint();
        assertEquals(ca.parameters(), cb.parameters());
        assertEquals(ca.optimizerState(), cb.optimizerState());
        assertEquals(ca.optimizerStep(), cb.optimizerStep());
        for (String g : List.of(Checkpoint.NETWORK_RNG, "shuffle", "augment")) {
            assertArrayEquals(ca.generators().get(g), cb.generators().get(g), g);
        }
        assertEquals(a.history().epochs().stream().map(EpochStats::withoutTiming).toList(),
                b.history().epochs().stream().map(EpochStats::withoutTiming).toList());
    }

    @Test
    void resumedTrainingMatchesUninterruptedTrainingExactly() {
        TrainOptions base = quiet().epochs(6).batch(50).schedule(LrSchedule.cosine())
                .augment(AugmentOptions.parse("rotate=10 shift=1 noise=0.05"))
                .earlyStop(new EarlyStopping.Config("val_accuracy", 10, 0, true));

        SoftmaxRegression a = net(11, 0.2);
        Trainer ta = new Trainer(a, base.checkpoint(dir.resolve("a.ckpt")));
        TrainResult ra = ta.fit(DIGITS);
        assertEquals(6, ra.epochsRun());

        SoftmaxRegression b = net(11, 0.2);
        Path bPath = dir.resolve("b.ckpt");
        Trainer tb = new Trainer(b, quiet().epochs(6).batch(50).schedule(LrSchedule.cosine())
                .augment(AugmentOptions.parse("rotate=10 shift=1 noise=0.05"))
                .earlyStop(new EarlyStopping.Config("val_accuracy", 10, 0, true)).checkpoint(bPath));
        tb.onEpochEnd((stats, trainer) -> {
            if (stats.epoch() == 3) trainer.requestStop();
        });
        TrainResult rb = tb.fit(DIGITS);
        assertTrue(rb.interrupted());
        assertEquals(3, rb.epochsRun());

        // a different initial seed: everything must come from the checkpoint
        SoftmaxRegression c = net(999, 0.2);
        Trainer tc = new Trainer(c, quiet().epochs(6).batch(50).schedule(LrSchedule.cosine())
                .augment(AugmentOptions.parse("rotate=10 shift=1 noise=0.05"))
                .earlyStop(new EarlyStopping.Config("val_accuracy", 10, 0, true)));
        tc.resumeFrom(bPath);
        assertEquals(3, tc.epochsDone());
        TrainResult rc = tc.fit(DIGITS);
        assertEquals(6, rc.epochsRun());
        assertFalse(rc.interrupted());
        assertSameState(ta, tc);
        assertEquals(ra.validation(), rc.validation());
        Map<String, Tensor> finalA = Checkpoint.readAll(a.parameters());
        assertEquals(finalA, Checkpoint.readAll(c.parameters()));
        assertNotEquals(finalA, Checkpoint.readAll(net(11, 0.2).parameters()));
    }

    @Test
    void resumeRefusesACheckpointWithoutTrainerState() throws IOException {
        SoftmaxRegression net = net(1, 0);
        Path p = dir.resolve("bare.ckpt");
        Checkpoint.capture(net).write(p);
        Exception e = assertThrows(RuntimeException.class, () -> new Trainer(net(2, 0), quiet()).resumeFrom(p));
        assertEquals(p + ": checkpoint of 'SoftmaxRegression' holds no trainer state (epoch, learning rate, generators);"
                + " it can be evaluated but not resumed", e.getMessage());
    }

    @Test
    void resumingAnotherNetworksCheckpointSaysSo() throws IOException {
        Path p = dir.resolve("other.ckpt");
        SoftmaxRegression other = new SoftmaxRegression("Other", 64, 10, 64, 1, 0.05, 0.9, 0);
        new Trainer(other, quiet().epochs(1).checkpoint(p)).fit(DIGITS);
        // this run uses early stopping, the checkpoint's did not: the network is still what is wrong
        Trainer t = new Trainer(net(1, 0), quiet().earlyStop(new EarlyStopping.Config("val_loss", 3, 0, false)));
        Exception e = assertThrows(RuntimeException.class, () -> t.resumeFrom(p));
        assertTrue(e.getMessage().startsWith(p + ": checkpoint of network 'Other' (fingerprint "), e.getMessage());
        assertTrue(e.getMessage().endsWith("): it was written for another spec; load it with the network that wrote it"),
                e.getMessage());
    }

    @Test
    void dataOfASingleClassIsAWarning() {
        int n = 100;
        float[] x = new float[n * 64];
        for (int i = 0; i < x.length; i++) x[i] = i % 17;
        Dataset one = Dataset.classification("ones", x, 64, new int[n], 10, null);
        TrainResult r = new Trainer(net(1, 0), quiet().epochs(1)).fit(one);
        assertEquals(List.of("every one of the 80 training samples of ones/train has label 0: the network can only "
                + "learn to predict that class; check the data and its label column"), r.warnings());
        assertTrue(new Trainer(net(1, 0), quiet().epochs(1)).fit(DIGITS).warnings().stream()
                .noneMatch(w -> w.contains("label")));
    }

    @Test
    void aCheckpointFolderIsNamedAsSuch() throws IOException {
        Exception e = assertThrows(RuntimeException.class, () -> Checkpoint.read(dir));
        assertEquals(dir + ": is a folder, not a checkpoint file; name the checkpoint in it", e.getMessage());
    }
}
