package dev.castnet.experiments;

import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.train.EarlyStopping;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Early stopping: the generated {@code FashionEarlyStopped} (regularization.nn) on 1000 Fashion-MNIST images, trained with
 * {@code early_stop monitor=val_loss patience=10 restore_best} and, from the same seed, for the whole budget.
 */
final class EarlyStoppingExperiment implements Experiment {
    static final int PATIENCE = 10;

    @Override
    public String id() {
        return "early_stopping";
    }

    @Override
    public String section() {
        return "early stopping";
    }

    @Override
    public String title() {
        return "Early stopping keeps the best epoch";
    }

    @Override
    public String claim() {
        return "On a network that overfits, early stopping (patience " + PATIENCE + ") stops well before the epoch"
                + " budget and, restoring the best epoch, ends with that epoch's validation loss, lower than where the"
                + " full run ends.";
    }

    @Override
    public Outcome run(Lab lab) throws IOException {
        Outcome.Builder m = new Outcome.Builder();
        Split split = Runs.disjoint(lab.fashion().train(), 1000, lab.size(1000, 500), 42);
        Dataset train = split.train(), val = split.validation();
        int budget = lab.size(60, 35);
        TrainResult full = new Trainer(new FashionEarlyStopped(64, 42L), Runs.quiet().epochs(budget).batch(64).seed(42)
                .preprocess(PreprocessSpec.minmax(0, 1))).fit(train, val);
        TrainResult early = new Trainer(new FashionEarlyStopped(64, 42L), Runs.quiet().epochs(budget).batch(64).seed(42)
                .preprocess(PreprocessSpec.minmax(0, 1))
                .earlyStop(new EarlyStopping.Config("val_loss", PATIENCE, 0, true))).fit(train, val);

        double[] valFull = Runs.valLoss(full.history()), trainFull = Runs.trainLoss(full.history());
        double[] valEarly = Runs.valLoss(early.history());
        int stopped = early.epochsRun(), best = early.bestEpoch();
        boolean sameUntilStop = true;
        for (int e = 0; e < stopped; e++) sameUntilStop &= valEarly[e] == valFull[e];
        try (Lab.Table csv = lab.csv("loss", "epoch", "train_loss", "val_loss", "val_loss_early_stopping_run")) {
            for (int e = 0; e < budget; e++) csv.row(e + 1, trainFull[e], valFull[e], e < stopped ? valEarly[e] : Double.NaN);
        }
        XYChart c = Charts.xy("1000 Fashion-MNIST images, " + budget + " epochs, and where early stopping stopped", "epoch",
                "cross-entropy loss (log)");
        c.getStyler().setYAxisLogarithmic(true);
        double[] x = Charts.counting(budget);
        Charts.line(c, "training", x, trainFull, 0);
        Charts.line(c, "validation", x, valFull, 1);
        double lo = Runs.min(trainFull), hi = Runs.max(valFull);
        Charts.vertical(c, "best epoch " + best + " (restored)", best, lo, hi, 2);
        Charts.vertical(c, "stopped after epoch " + stopped, stopped, lo, hi, 3);
        lab.figure(c, "loss");

        double restored = early.validation().loss();
        double bestHistory = valEarly[best - 1];
        m.put("epoch_budget", budget);
        m.put("patience", PATIENCE);
        m.put("stopped_after_epoch", stopped);
        m.put("best_epoch", best);
        m.put("val_loss_best_epoch", Runs.r4(bestHistory));
        m.put("val_loss_restored_model", Runs.r4(restored));
        m.put("val_loss_full_run_end", Runs.r4(Runs.last(valFull)));
        m.put("val_accuracy_restored_model", Runs.r4(early.validation().accuracy()));
        m.put("val_accuracy_full_run_end", Runs.r4(full.validation().accuracy()));
        m.put("same_history_until_stop", sameUntilStop);
        boolean holds = early.stoppedEarly() && stopped <= budget * 3 / 4
                && Math.abs(restored - bestHistory) <= 1e-6 * bestHistory && restored < Runs.last(valFull)
                && sameUntilStop;
        String headline = String.format(Locale.ROOT, "stopped after epoch %d of %d, restored epoch %d: validation loss"
                + " %.4f, against %.4f at the end of the full run", stopped, budget, best, restored, Runs.last(valFull));
        String discussion = String.format(Locale.ROOT, """
                The network memorizes its 1000 training images: the training loss keeps falling while the validation \
                loss reaches its minimum at epoch %d and then climbs. Early stopping watched the validation loss, \
                waited %d epochs without improvement, stopped after epoch %d and wrote the parameters of epoch %d back. \
                Both runs are the same computation up to the stop (same seed; identical validation losses: %s), so the \
                full run shows what the remaining %d epochs would have done.""", best, PATIENCE, stopped, best,
                sameUntilStop, budget - stopped);
        return m.outcome(holds, headline, discussion);
    }
}
