package dev.castnet.experiments;

import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The symmetry problem: the generated networks of symmetry.nn, 32 tanh units initialized all equal
 * ({@code constant(0.1)}), all zero, or at random (Xavier), and one unit, trained alike on the digits.
 */
final class SymmetryExperiment implements Experiment {
    @Override
    public String id() {
        return "symmetry";
    }

    @Override
    public String section() {
        return "parameter initialization";
    }

    @Override
    public String title() {
        return "Equal initial weights keep hidden units equal";
    }

    @Override
    public String claim() {
        return "Hidden units that start with equal weights stay equal through training (largest difference between two"
                + " units' weights at most 1e-6 of the weights' size), so the 32-unit layer computes what one unit computes"
                + " (the network folded into a single unit predicts the same class for every validation sample), while"
                + " random initialization breaks the symmetry and learns far better (20 points or more).";
    }

    @Override
    public Outcome run(Lab lab) throws IOException {
        Outcome.Builder m = new Outcome.Builder();
        int epochs = lab.size(30, 10);
        Split split = Split.stratified(lab.digits(), 0.2, 42);
        Map<String, TrainableNetwork> nets = new LinkedHashMap<>();
        nets.put("32 units, constant(0.1)", new SymmetricConstant(32, 42L));
        nets.put("32 units, zeros", new SymmetricZeros(32, 42L));
        nets.put("32 units, Xavier", new RandomInit(32, 42L));
        nets.put("1 unit, Xavier", new SingleUnit(32, 42L));
        Map<String, TrainResult> results = new LinkedHashMap<>();
        Trainer constantTrainer = null;
        for (Map.Entry<String, TrainableNetwork> e : nets.entrySet()) {
            Trainer t = new Trainer(e.getValue(), Runs.quiet().epochs(epochs).batch(32).seed(42)
                    .preprocess(PreprocessSpec.zscore()));
            results.put(e.getKey(), t.fit(split.train(), split.validation()));
            if (constantTrainer == null) constantTrainer = t;
        }
        // fold the trained equal-unit network into one unit: unit 0's incoming weights, the outgoing weights summed
        TrainableNetwork constant = nets.get("32 units, constant(0.1)");
        SingleUnit folded = new SingleUnit(32, 1L);
        double[] w0 = constant.parameters().read("dense0.weight");
        double[] incoming = new double[64];
        for (int k = 0; k < 64; k++) incoming[k] = w0[k * 32];
        folded.parameters().write("dense0.weight", incoming);
        folded.parameters().write("dense0.bias", new double[] {constant.parameters().read("dense0.bias")[0]});
        double[] v = constant.parameters().read("dense1.weight");
        double[] out = new double[10];
        for (int j = 0; j < 32; j++) for (int k = 0; k < 10; k++) out[k] += v[j * 10 + k];
        folded.parameters().write("dense1.weight", out);
        folded.parameters().write("dense1.bias", constant.parameters().read("dense1.bias"));
        float[] xv = split.validation().x().clone();
        constantTrainer.preprocessor().apply(xv, split.validation().size(), xv);
        int disagree = 0, foldedCorrect = 0;
        for (int s = 0; s < split.validation().size(); s++) {
            int a = constant.predict(xv, s * 64), b = folded.predict(xv, s * 64);
            if (a != b) disagree++;
            if (b == split.validation().labels()[s]) foldedCorrect++;
        }
        double accFolded = (double) foldedCorrect / split.validation().size();
        XYChart c = Charts.xy("Validation accuracy: equal vs random initial weights (digits)", "epoch",
                "validation accuracy");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        int i = 0;
        try (Lab.Table csv = lab.csv("accuracy", "network", "epoch", "train_loss", "val_accuracy")) {
            for (Map.Entry<String, TrainResult> e : results.entrySet()) {
                double[] acc = Runs.valAccuracy(e.getValue().history());
                double[] loss = Runs.trainLoss(e.getValue().history());
                for (int k = 0; k < acc.length; k++) csv.row(e.getKey(), k + 1, loss[k], acc[k]);
                Charts.line(c, e.getKey(), Charts.counting(acc.length), acc, i++);
            }
        }
        lab.figure(c, "accuracy");

        double spreadConstant = unitSpread(nets.get("32 units, constant(0.1)"));
        double spreadZeros = unitSpread(nets.get("32 units, zeros"));
        double spreadRandom = unitSpread(nets.get("32 units, Xavier"));
        m.put("epochs", epochs);
        m.put("max_unit_difference_constant", spreadConstant);
        m.put("max_unit_difference_zeros", spreadZeros);
        m.put("max_unit_difference_random", Runs.r4(spreadRandom));
        m.put("max_abs_weight_constant", Runs.r4(maxAbs(nets.get("32 units, constant(0.1)"))));
        double accConstant = m.put("val_accuracy_constant", Runs.r4(results.get("32 units, constant(0.1)").validation().accuracy()));
        double accZeros = m.put("val_accuracy_zeros", Runs.r4(results.get("32 units, zeros").validation().accuracy()));
        double accRandom = m.put("val_accuracy_random", Runs.r4(results.get("32 units, Xavier").validation().accuracy()));
        double accSingle = m.put("val_accuracy_single_unit", Runs.r4(results.get("1 unit, Xavier").validation().accuracy()));
        m.put("val_accuracy_constant_folded_to_one_unit", Runs.r4(accFolded));
        m.put("validation_samples_where_folded_unit_disagrees", disagree);

        double scale = maxAbs(nets.get("32 units, constant(0.1)"));
        boolean holds = spreadConstant <= 1e-6 * scale && spreadZeros == 0 && disagree == 0
                && accRandom >= accConstant + 0.20;
        String headline = String.format(Locale.ROOT, "equal start: units differ by %.1e after training, %.1f%% accuracy,"
                + " the same as its one-unit fold (%d disagreements); random start %.1f%%", spreadConstant,
                100 * accConstant, disagree, 100 * accRandom);
        String discussion = String.format(Locale.ROOT, """
                With every weight of a layer equal, every hidden unit computes the same output and receives the same \
                gradient, so every update keeps them equal: after training the 32 columns of the first weight matrix \
                are still identical (largest difference %.1g; random initialization: %.3g). The layer is one unit \
                written 32 times: folded into a one-unit network (unit 0's weights in, the 32 outgoing weights summed) \
                it predicts the same class for all %d validation samples (%.1f%%; a one-unit network trained from a \
                random start reached %.1f%%). With all weights \
                zero it is worse: the output layer's zero weights send no gradient back, the hidden weights never move \
                (difference %.1g) and only the output biases learn (%.1f%%, the frequency of the commonest class).""",
                spreadConstant, spreadRandom, split.validation().size(), 100 * accFolded, 100 * accSingle, spreadZeros,
                100 * accZeros);
        return m.outcome(holds, headline, discussion);
    }

    /** The largest difference between any hidden unit's incoming weights and unit 0's. */
    static double unitSpread(TrainableNetwork net) {
        int[] shape = net.parameters().shape("dense0.weight");
        double[] w = net.parameters().read("dense0.weight");
        double worst = 0;
        for (int in = 0; in < shape[0]; in++) {
            for (int u = 1; u < shape[1]; u++) worst = Math.max(worst, Math.abs(w[in * shape[1] + u] - w[in * shape[1]]));
        }
        return worst;
    }

    private static double maxAbs(TrainableNetwork net) {
        double m = 0;
        for (double v : net.parameters().read("dense0.weight")) m = Math.max(m, Math.abs(v));
        return m;
    }
}
