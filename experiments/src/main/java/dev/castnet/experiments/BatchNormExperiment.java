package dev.castnet.experiments;

import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.util.Locale;
import org.knowm.xchart.XYChart;

/**
 * Batch normalization: the generated {@code DeepSigmoid} and {@code DeepSigmoidBn} (batchnorm.nn, ten sigmoid layers
 * of 64) trained on the digits from the same seed with the same optimizer; then {@code DeepSigmoidBnPopulation},
 * identical but for {@code stats=population}, whose training is the same step for step, so that the two batchnorm
 * networks differ only in the statistics inference uses.
 */
final class BatchNormExperiment implements Experiment {
    static final double TARGET_LOSS = 0.5;

    @Override
    public String id() {
        return "batchnorm";
    }

    @Override
    public String section() {
        return "batch normalization, Algorithm 7.1";
    }

    @Override
    public String title() {
        return "Batch normalization speeds up a deep sigmoid network";
    }

    @Override
    public String claim() {
        return "A ten-layer sigmoid MLP with batchnorm reaches training loss " + TARGET_LOSS + " in at most half the"
                + " epochs the same MLP needs without it; at inference, running averages and whole-dataset (population)"
                + " statistics give validation accuracies within 2 points of each other.";
    }

    @Override
    public Outcome run(Lab lab) throws IOException {
        Outcome.Builder m = new Outcome.Builder();
        int epochs = lab.size(30, 12);
        Split split = Split.stratified(lab.digits(), 0.2, 42);
        TrainResult plain = train(new DeepSigmoid(32, 42L), split, epochs);
        DeepSigmoidBn bnNet = new DeepSigmoidBn(32, 42L);
        TrainResult bn = train(bnNet, split, epochs);
        DeepSigmoidBnPopulation popNet = new DeepSigmoidBnPopulation(32, 42L);
        TrainResult pop = train(popNet, split, epochs);

        double[] lossPlain = Runs.trainLoss(plain.history()), lossBn = Runs.trainLoss(bn.history());
        double[] valPlain = Runs.valLoss(plain.history()), valBn = Runs.valLoss(bn.history());
        try (Lab.Table csv = lab.csv("loss", "epoch", "train_loss_plain", "train_loss_batchnorm", "val_loss_plain",
                "val_loss_batchnorm")) {
            for (int e = 0; e < epochs; e++) csv.row(e + 1, lossPlain[e], lossBn[e], valPlain[e], valBn[e]);
        }
        XYChart c = Charts.xy("Ten sigmoid layers on the digits, with and without batchnorm", "epoch",
                "cross-entropy loss");
        double[] x = Charts.counting(epochs);
        Charts.line(c, "training, plain", x, lossPlain, 0);
        Charts.line(c, "validation, plain", x, valPlain, 0).setLineStyle(dashed());
        Charts.line(c, "training, batchnorm", x, lossBn, 1);
        Charts.line(c, "validation, batchnorm", x, valBn, 1).setLineStyle(dashed());
        c.getStyler().setYAxisLogarithmic(true);
        lab.figure(c, "loss");

        int reachPlain = Runs.firstAtOrBelow(lossPlain, TARGET_LOSS) + 1;
        int reachBn = Runs.firstAtOrBelow(lossBn, TARGET_LOSS) + 1;
        m.put("epochs", epochs);
        m.put("target_train_loss", TARGET_LOSS);
        m.put("epochs_to_target_plain", reachPlain == 0 ? -1 : reachPlain);
        m.put("epochs_to_target_batchnorm", reachBn == 0 ? -1 : reachBn);
        m.put("final_train_loss_plain", Runs.r4(Runs.last(lossPlain)));
        m.put("final_train_loss_batchnorm", Runs.r4(Runs.last(lossBn)));
        m.put("val_accuracy_plain", Runs.r4(plain.validation().accuracy()));
        double accRunning = m.put("val_accuracy_batchnorm_running", Runs.r4(bn.validation().accuracy()));
        double accPop = m.put("val_accuracy_batchnorm_population", Runs.r4(pop.validation().accuracy()));
        boolean sameTraining = java.util.Arrays.equals(bnNet.parameters().read("dense0.weight"),
                popNet.parameters().read("dense0.weight"));
        m.put("same_weights_running_and_population", sameTraining);
        double worst = 0;
        try (Lab.Table csv = lab.csv("statistics", "layer", "feature", "running_mean", "population_mean", "running_var",
                "population_var")) {
            for (int l = 0; l < bnNet.batchNormLayers(); l++) {
                double[] rm = bnNet.parameters().read("batchnorm" + l + ".running_mean");
                double[] rv = bnNet.parameters().read("batchnorm" + l + ".running_var");
                double[] pm = popNet.parameters().read("batchnorm" + l + ".running_mean");
                double[] pv = popNet.parameters().read("batchnorm" + l + ".running_var");
                for (int f = 0; f < rm.length; f++) {
                    csv.row(l, f, rm[f], pm[f], rv[f], pv[f]);
                    worst = Math.max(worst, Math.abs(rv[f] - pv[f]) / pv[f]);
                }
            }
        }
        m.put("max_relative_difference_running_vs_population_variance", Runs.r4(worst));

        boolean faster = reachBn > 0 && (reachPlain == 0 || 2 * reachBn <= reachPlain);
        boolean statsAgree = Math.abs(accRunning - accPop) <= 0.02;
        String headline = String.format(Locale.ROOT, "training loss %.1f after %s epochs with batchnorm, %s without;"
                + " validation accuracy %.1f%% (running) vs %.1f%% (population)", TARGET_LOSS,
                reachBn == 0 ? "more than " + epochs : String.valueOf(reachBn),
                reachPlain == 0 ? "more than " + epochs : String.valueOf(reachPlain), 100 * accRunning, 100 * accPop);
        String discussion = String.format(Locale.ROOT, """
                Without batchnorm every sigmoid layer shifts and squashes the distribution its successor sees, and the \
                gradient shrinks on its way down through ten layers of slope at most 1/4; normalizing each layer's \
                input per mini-batch keeps the sigmoids in their steep range, so the same optimizer makes fast \
                progress from the first epoch, while the plain network crawls at first (training loss after 3 \
                epochs: %.3f with batchnorm, %.3f without). Later the plain network catches up on the training set \
                and goes past it (%.3f against %.3f at the end: the noise of batch statistics also regularizes), but \
                it generalizes worse (validation accuracy %.1f%% against %.1f%%). The two batchnorm networks train \
                identically (same weights: %s); at inference one uses the running averages (momentum 0.1) and the \
                other the exact mean and variance of the whole training set computed after training, and the running \
                variances differ from the population ones by at most %.0f%%.""", lossBn[Math.min(2, epochs - 1)],
                lossPlain[Math.min(2, epochs - 1)], Runs.last(lossPlain), Runs.last(lossBn),
                100 * plain.validation().accuracy(), 100 * bn.validation().accuracy(), sameTraining, 100 * worst);
        return m.outcome(faster && statsAgree && sameTraining, headline, discussion);
    }

    private static TrainResult train(TrainableNetwork net, Split split, int epochs) {
        return new Trainer(net, Runs.quiet().epochs(epochs).batch(32).seed(42).preprocess(PreprocessSpec.zscore()))
                .fit(split.train(), split.validation());
    }

    static java.awt.BasicStroke dashed() {
        return new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10,
                new float[] {6, 4}, 0);
    }
}
