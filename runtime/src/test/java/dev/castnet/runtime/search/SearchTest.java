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
}
