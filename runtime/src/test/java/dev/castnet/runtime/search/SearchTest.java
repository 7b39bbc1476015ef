package dev.castnet.runtime.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.castnet.runtime.data.Digits;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.testing.SoftmaxRegression;
import dev.castnet.runtime.train.TrainOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {
    private static final Split DIGITS = Split.stratified(Digits.load(), 0.2, 42);

    @TempDir
    Path dir;

    private static SearchRunner runner() {
        return new SearchRunner(s -> new SoftmaxRegression(64, 10, 64, 1, 0.01, 0.9, 0),
                new TrainOptions().epochs(3).preprocess(PreprocessSpec.zscore()), Set.of());
    }

    @Test
    void gridEnumeratesEveryCombinationLastFastest() {
        SearchSpace s = new SearchSpace().add("lr", new Distribution.Choice(List.of(0.01, 0.1)))
                .add("batch", new Distribution.Range(16, 48, 16));
        List<Map<String, Object>> g = s.grid();
        assertEquals(6, g.size());
        assertEquals(Map.of("lr", 0.01, "batch", 16L), g.get(0));
        assertEquals(Map.of("lr", 0.01, "batch", 32L), g.get(1));
        assertEquals(Map.of("lr", 0.1, "batch", 48L), g.get(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SearchSpace().add("lr", new Distribution.LogUniform(1e-4, 1e-1)).grid());
        assertEquals("loguniform(1.0E-4, 0.1) cannot be enumerated; a grid search needs choice(…) or range(a, b, step)",
                e.getMessage());
    }

    @Test
    void randomDrawsAreSeededAndInBounds() {
        SearchSpace s = new SearchSpace().add("lr", new Distribution.LogUniform(1e-4, 1e-1))
                .add("dropout", new Distribution.Uniform(0.1, 0.5));
        List<Map<String, Object>> a = s.random(50, 7), b = s.random(50, 7);
        assertEquals(a, b);
        for (Map<String, Object> m : a) {
            double lr = (Double) m.get("lr"), p = (Double) m.get("dropout");
            assertTrue(lr >= 1e-4 && lr <= 1e-1 && p >= 0.1 && p <= 0.5, m.toString());
        }
        long small = a.stream().filter(m -> (Double) m.get("lr") < 1e-2).count();
        assertTrue(small > 25, "loguniform puts 2/3 of the draws below 1e-2, got " + small + " of 50");
    }

    @Test
    void trialsAreRankedAndParallelEqualsSequential() throws Exception {
        SearchSpace s = new SearchSpace().add("lr", new Distribution.Choice(List.of(1e-4, 0.05)))
                .add("dropout", new Distribution.Choice(List.of(0.0, 0.2)));
        List<TrialResult> seq = runner().run(s.grid(), DIGITS.train(), DIGITS.validation(), 1);
        List<TrialResult> par = runner().run(s.grid(), DIGITS.train(), DIGITS.validation(), 2);
        assertEquals(4, seq.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(seq.get(i).trial(), par.get(i).trial());
            assertEquals(seq.get(i).valLoss(), par.get(i).valLoss());
            assertEquals(seq.get(i).valAccuracy(), par.get(i).valAccuracy());
        }
        List<TrialResult> byAccuracy = new ArrayList<>(seq);
        byAccuracy.sort(Comparator.comparingDouble(TrialResult::valAccuracy).reversed());
        assertEquals(byAccuracy.get(0).valAccuracy(), seq.get(0).valAccuracy());
        assertEquals(0.05, seq.get(0).parameters().get("lr"), "a tiny lr cannot win in 3 epochs");

        Path csv = dir.resolve("search.csv");
        SearchRunner.writeCsv(seq, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("rank,trial,lr,dropout,val_loss,val_accuracy,train_loss,epochs_run,seconds,error", lines.get(0));
        assertEquals(5, lines.size());
    }

    @Test
    void anUnknownHyperparameterFailsOnlyItsTrial() throws InterruptedException {
        SearchSpace s = new SearchSpace().add("beta1", new Distribution.Choice(List.of(0.9)));
        List<TrialResult> r = runner().run(s.grid(), DIGITS.train(), DIGITS.validation(), 1);
        assertTrue(r.get(0).failed());
        assertEquals("no hyperparameter beta1", r.get(0).error());
    }

    private static TrialResult result(int trial, double loss, double accuracy) {
        return new TrialResult(trial, Map.of("lr", 0.01 * trial), loss, accuracy, 0.5, 3, 0.1, null);
    }

    @Test
    void sortsByTheMonitoredFigureWithFailuresLast() {
        TrialResult lowLoss = result(1, 0.2, 0.90), highAccuracy = result(2, 0.3, 0.95), tie = result(3, 0.2, 0.90);
        TrialResult failed = new TrialResult(4, Map.of("lr", 1.0), Double.NaN, Double.NaN, Double.NaN, 0, 0.1, "diverged");
        List<TrialResult> all = List.of(failed, tie, highAccuracy, lowLoss);
        assertEquals(List.of(lowLoss, tie, highAccuracy, failed), SearchRunner.sort(all, "val_loss"));
        assertEquals(List.of(highAccuracy, lowLoss, tie, failed), SearchRunner.sort(all, "val_accuracy"));
        assertEquals(SearchRunner.sort(all, "val_accuracy"), SearchRunner.sort(all));
        assertThrows(IllegalArgumentException.class, () -> SearchRunner.sort(all, "loss"));
    }

    @Test
    void formatsHyperparametersAsWritten() {
        assertEquals("0.001", SearchRunner.value(1e-3));
        assertEquals("0.000123457", SearchRunner.value(1.2345678e-4));
        assertEquals("2.5e-7", SearchRunner.value(2.5e-7));
        assertEquals("1e-5", SearchRunner.value(1e-5));
        assertEquals("0.5", SearchRunner.value(0.5));
        assertEquals("64", SearchRunner.value(64L));
        assertEquals("relu", SearchRunner.value("relu"));
        assertEquals("0", SearchRunner.value(0.0));
    }

    @Test
    void theListenerHearsEveryTrialOnce() throws InterruptedException {
        SearchSpace s = new SearchSpace().add("lr", new Distribution.Choice(List.of(0.01, 0.05, 0.1)));
        List<Integer> heard = new ArrayList<>();
        List<TrialResult> r = runner().onTrialEnd(t -> heard.add(t.trial()))
                .run(s.grid(), DIGITS.train(), DIGITS.validation(), 2);
        assertEquals(3, r.size());
        assertEquals(Set.of(1, 2, 3), Set.copyOf(heard));
        assertEquals(3, heard.size());
    }

    @Test
    void plotsTheFigureAgainstTheFirstNumericHyperparameter() throws IOException {
        List<TrialResult> r = new ArrayList<>();
        r.add(new TrialResult(1, Map.of("act", "relu", "lr", 1e-3), 0.3, 0.9, 0.2, 3, 0.1, null));
        r.add(new TrialResult(2, Map.of("act", "relu", "lr", 1e-1), 0.2, 0.95, 0.2, 3, 0.1, null));
        r.add(new TrialResult(3, Map.of("act", "tanh", "lr", 1e-3), Double.NaN, Double.NaN, Double.NaN, 0, 0.1, "x"));
        assertEquals("lr", SearchPlot.xAxis(r.subList(0, 2)));
        assertEquals(null, SearchPlot.xAxis(r.subList(0, 1)), "one value does not make an axis");
        Path png = dir.resolve("plots/search.png");
        SearchPlot.write(r, png);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G');
    }
}
