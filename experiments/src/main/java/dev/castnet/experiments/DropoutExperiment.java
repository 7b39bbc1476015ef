package dev.castnet.experiments;

import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.preprocess.Preprocessing;
import dev.castnet.runtime.preprocess.Preprocessor;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Dropout: the generated {@code FashionDropout} (regularization.nn, 784-256-256-10) on 1000 Fashion-MNIST images
 * with p = 0, 0.2 and 0.5 (set on the live network), and the probes {@code DropoutInverted} / {@code DropoutScaleAtTest}, whose training-mode
 * outputs are averaged over many masks and compared with their inference outputs.
 */
final class DropoutExperiment implements Experiment {
    static final double[] P = {0, 0.2, 0.5};

    @Override
    public String id() {
        return "dropout";
    }

    @Override
    public String section() {
        return "dropout";
    }

    @Override
    public String title() {
        return "Dropout narrows the generalization gap";
    }

    @Override
    public String claim() {
        return "On a network that overfits 1000 Fashion-MNIST images, dropout p = 0.5 ends with a lower validation"
                + " loss and a smaller gap between validation and training loss than p = 0, and both inverted dropout and scale_at_test give inference outputs equal"
                + " to the average training-mode output (relative RMS difference under 5%, against 100% for the"
                + " unscaled alternative).";
    }

    @Override
    public Outcome run(Lab lab) throws IOException {
        Outcome.Builder m = new Outcome.Builder();
        Split split = Runs.disjoint(lab.fashion().train(), 1000, lab.size(1000, 500), 42);
        Dataset train = split.train(), val = split.validation();
        int epochs = lab.size(60, 15);
        Map<String, TrainResult> results = new LinkedHashMap<>();
        for (double p : P) {
            FashionDropout net = new FashionDropout(64, 42L);
            for (int i = 0; i < net.dropoutLayers(); i++) net.setDropout(i, p);
            results.put("p = " + p, new Trainer(net, Runs.quiet().epochs(epochs).batch(64).seed(42)
                    .preprocess(PreprocessSpec.minmax(0, 1))).fit(train, val));
        }
        XYChart c = Charts.xy("Training (solid) and validation (dashed) loss, 1000 Fashion-MNIST images", "epoch",
                "cross-entropy loss (log)");
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int i = 0;
        Map<String, Double> gap = new LinkedHashMap<>(), valLoss = new LinkedHashMap<>(), acc = new LinkedHashMap<>();
        try (Lab.Table csv = lab.csv("loss", "p", "epoch", "train_loss", "val_loss")) {
            for (Map.Entry<String, TrainResult> e : results.entrySet()) {
                double[] tl = Runs.trainLoss(e.getValue().history()), vl = Runs.valLoss(e.getValue().history());
                for (int k = 0; k < epochs; k++) csv.row(e.getKey().substring(4), k + 1, tl[k], vl[k]);
                Charts.line(c, "training, " + e.getKey(), Charts.counting(epochs), tl, i);
                Charts.line(c, "validation, " + e.getKey(), Charts.counting(epochs), vl, i++)
                        .setLineStyle(BatchNormExperiment.dashed());
                gap.put(e.getKey(), Runs.r4(e.getValue().validation().loss() - Runs.last(tl)));
                valLoss.put(e.getKey(), Runs.r4(e.getValue().validation().loss()));
                acc.put(e.getKey(), Runs.r4(e.getValue().validation().accuracy()));
            }
        }
        lab.figure(c, "loss");
        m.put("epochs", epochs);
        m.put("val_minus_train_loss", gap);
        m.put("val_loss", valLoss);
        m.put("val_accuracy", acc);

        // E[training-mode output] against the inference output, for each mode, on 64 digits
        int n = 64, draws = lab.size(4000, 1000);
        Dataset digits = lab.digits();
        Preprocessor z = Preprocessing.fit(PreprocessSpec.zscore(), digits);
        float[] x = new float[n * 64];
        System.arraycopy(digits.x(), 0, x, 0, x.length);
        z.apply(x, n, x);
        double inverted = expectationError(new DropoutInverted(n, 3L), x, n, draws);
        double scaleAtTest = expectationError(new DropoutScaleAtTest(n, 3L), x, n, draws);
        m.put("masks_averaged", draws);
        m.put("expectation_error_inverted", Runs.r4(inverted));
        m.put("expectation_error_scale_at_test", Runs.r4(scaleAtTest));
        try (Lab.Table csv = lab.csv("expectation", "mode", "masks", "relative_rms_difference")) {
            csv.row("inverted", draws, inverted);
            csv.row("scale_at_test", draws, scaleAtTest);
        }

        boolean holds = gap.get("p = 0.5") < gap.get("p = 0.0") && valLoss.get("p = 0.5") < valLoss.get("p = 0.0")
                && inverted < 0.05 && scaleAtTest < 0.05;
        String headline = String.format(Locale.ROOT, "validation-training gap %.3f (p = 0), %.3f (p = 0.2), %.3f"
                + " (p = 0.5); mean training output vs inference: %.1f%% (inverted), %.1f%% (scale_at_test)",
                gap.get("p = 0.0"), gap.get("p = 0.2"), gap.get("p = 0.5"), 100 * inverted, 100 * scaleAtTest);
        String discussion = String.format(Locale.ROOT, """
                Dropping units at random keeps the network from relying on any one of them, so it fits the 1000 \
                training images less closely: the validation loss stops climbing and the gap to the training loss \
                narrows as p grows. The two modes \
                differ only in where the factor 1 − p goes: inverted dropout (castnet's default, PyTorch's) scales the \
                kept units by 1/(1 − p) in training and does nothing at inference; scale_at_test (the textbook's and \
                the original paper's) leaves training alone and multiplies by 1 − p at inference. Either way the \
                inference output is the expectation of the training output: averaged over %d random masks (learning \
                rate 0, so the weights stay put), the training-mode outputs of a linear head come within %.1f%% and \
                %.1f%% (RMS, relative) of the inference outputs; without the factor the difference would be 100%%.""",
                draws, 100 * inverted, 100 * scaleAtTest);
        return m.outcome(holds, headline, discussion);
    }

    /** RMS of (mean training-mode output − inference output) over RMS of the inference output. */
    static double expectationError(TrainableNetwork net, float[] x, int n, int draws) {
        int out = net.outputSize();
        float[] targets = new float[n * out], outputs = new float[n * out], inference = new float[n * out];
        double[] sum = new double[n * out];
        net.setLearningRate(0); // training-mode passes only: the update moves nothing
        for (int d = 0; d < draws; d++) {
            net.trainStep(x, targets, n);
            net.lastOutputs(outputs, n);
            for (int k = 0; k < sum.length; k++) sum[k] += outputs[k];
        }
        net.forward(x, n, inference);
        double diff = 0, norm = 0;
        for (int k = 0; k < sum.length; k++) {
            double e = sum[k] / draws - inference[k];
            diff += e * e;
            norm += (double) inference[k] * inference[k];
        }
        return Math.sqrt(diff / norm);
    }
}
