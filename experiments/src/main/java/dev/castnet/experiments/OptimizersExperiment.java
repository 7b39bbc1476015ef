package dev.castnet.experiments;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The eight optimizers, each its own generated class (optimizers.nn: the optimizer is a structural param, so
 * {@code OptimizerMlpVariants} and {@code OptimizerValleyVariants} hold one class per optimizer): the digits MLP
 * with the SPEC's default hyperparameters, and a two-weight linear neuron whose mse loss is a narrow tilted
 * valley, to show each method's path.
 */
final class OptimizersExperiment implements Experiment {
    static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop",
            "adam", "adamw");
    /** Learning rates on the valley: one for the plain and momentum methods, the adaptive ones near their scale. */
    static final Map<String, Double> VALLEY_LR = Map.of("sgd", 0.05, "momentum", 0.05, "nesterov", 0.05, "adagrad", 0.5,
            "adadelta", 1.0, "rmsprop", 0.02, "adam", 0.05, "adamw", 0.05);
    static final double VALLEY_TARGET = 1e-3;
    private static final double[] W_STAR = {1.5, -1.0};

    @Override
    public String id() {
        return "optimizers";
    }

    @Override
    public String section() {
        return "optimization algorithms";
    }

    @Override
    public String title() {
        return "SGD, momentum, Nesterov, AdaGrad, AdaDelta, RMSprop, Adam and AdamW";
    }

    @Override
    public String claim() {
        return "With the chapter's default hyperparameters, momentum, Nesterov and Adam end with a lower training loss"
                + " than plain SGD on the same network and data; on a narrow valley, momentum and Nesterov at SGD's"
                + " learning rate reach the minimum (loss " + VALLEY_TARGET + ") in fewer steps than SGD.";
    }

    @Override
    public Outcome run(Lab lab) throws IOException {
        Outcome.Builder m = new Outcome.Builder();
        int epochs = lab.size(20, 6);
        Split split = Split.stratified(lab.digits(), 0.2, 42);
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (String opt : OPTIMIZERS) {
            TrainableNetwork net = OptimizerMlpVariants.create(Map.of("opt", opt), 32, 42L);
            TrainResult r = new Trainer(net, Runs.quiet().epochs(epochs).batch(32).seed(42)
                    .preprocess(PreprocessSpec.zscore())).fit(split.train(), split.validation());
            curves.put(opt + " (lr " + Report.fmt(net.learningRate()) + ")", Runs.trainLoss(r.history()));
        }
        XYChart c = Charts.xy("Digits MLP, each optimizer with its default hyperparameters", "epoch",
                "training loss (cross-entropy)");
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int i = 0;
        Map<String, Double> finalLoss = new LinkedHashMap<>();
        try (Lab.Table csv = lab.csv("mlp_loss", "optimizer", "epoch", "train_loss")) {
            for (Map.Entry<String, double[]> e : curves.entrySet()) {
                Charts.line(c, e.getKey(), Charts.counting(epochs), e.getValue(), i++);
                for (int k = 0; k < epochs; k++) csv.row(e.getKey().split(" ")[0], k + 1, e.getValue()[k]);
                finalLoss.put(e.getKey().split(" ")[0], Runs.r4(Runs.last(e.getValue())));
            }
        }
        lab.figure(c, "mlp_loss");
        m.put("epochs", epochs);
        m.put("final_train_loss", finalLoss);

        // the valley: loss(w) = mean over x of (x·w − x·w*)², x with variances 1 and 0.04 along axes tilted by 30°
        int n = 64, steps = 300;
        Rng rng = new Rng(5);
        float[] x = new float[2 * n], t = new float[n];
        double cos = Math.cos(Math.PI / 6), sin = Math.sin(Math.PI / 6);
        for (int s = 0; s < n; s++) {
            double a = rng.nextGaussian(), b = 0.2 * rng.nextGaussian();
            x[2 * s] = (float) (cos * a - sin * b);
            x[2 * s + 1] = (float) (sin * a + cos * b);
            t[s] = (float) (x[2 * s] * W_STAR[0] + x[2 * s + 1] * W_STAR[1]);
        }
        Map<String, List<double[]>> paths = new LinkedHashMap<>();
        Map<String, Integer> reach = new LinkedHashMap<>();
        for (String opt : OPTIMIZERS) {
            TrainableNetwork net = OptimizerValleyVariants.create(Map.of("opt", opt), n, 1L);
            net.setLearningRate(VALLEY_LR.get(opt));
            List<double[]> path = new ArrayList<>();
            int reached = -1;
            for (int s = 0; s <= steps; s++) {
                double[] w = net.parameters().read("dense0.weight");
                double loss = net.trainStep(x, t, n); // at w, before the update
                path.add(new double[] {w[0], w[1], loss});
                if (reached < 0 && loss <= VALLEY_TARGET) reached = s;
            }
            paths.put(opt, path);
            reach.put(opt, reached);
        }
        TrainableNetwork probe = OptimizerValleyVariants.create(Map.of("opt", "sgd"), n, 1L);
        int g = 61;
        double[] xs = new double[g], ys = new double[g];
        for (int k = 0; k < g; k++) {
            xs[k] = -1.0 + 3.5 * k / (g - 1);
            ys[k] = -2.25 + 3.5 * k / (g - 1);
        }
        double[][] z = new double[g][g];
        float[] out = new float[n];
        try (Lab.Table csv = lab.csv("valley_surface", "w1", "w2", "loss")) {
            for (int iy = 0; iy < g; iy++) {
                for (int ix = 0; ix < g; ix++) {
                    probe.parameters().write("dense0.weight", new double[] {xs[ix], ys[iy]});
                    probe.forward(x, n, out);
                    double s = 0;
                    for (int k = 0; k < n; k++) s += (out[k] - t[k]) * (out[k] - t[k]);
                    z[iy][ix] = s / n;
                    csv.row(xs[ix], ys[iy], z[iy][ix]);
                }
            }
        }
        try (Lab.Table csv = lab.csv("valley_paths", "optimizer", "lr", "step", "w1", "w2", "loss")) {
            for (Map.Entry<String, List<double[]>> e : paths.entrySet()) {
                for (int s = 0; s < e.getValue().size(); s++) {
                    double[] p = e.getValue().get(s);
                    csv.row(e.getKey(), VALLEY_LR.get(e.getKey()), s, p[0], p[1], p[2]);
                }
            }
        }
        XYChart v = Charts.xy("A narrow tilted valley: " + steps + " steps of each optimizer from (0, 0)", "w1", "w2");
        v.getStyler().setXAxisMin(xs[0]).setXAxisMax(xs[g - 1]).setYAxisMin(ys[0]).setYAxisMax(ys[g - 1]);
        v.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        Charts.contours(v, xs, ys, z, new double[] {0.001, 0.01, 0.05, 0.2, 0.5, 1, 2});
        i = 0;
        for (Map.Entry<String, List<double[]>> e : paths.entrySet()) {
            List<Double> px = new ArrayList<>(), py = new ArrayList<>();
            for (double[] p : e.getValue()) {
                px.add(Math.max(xs[0], Math.min(xs[g - 1], p[0])));
                py.add(Math.max(ys[0], Math.min(ys[g - 1], p[1])));
            }
            Charts.line(v, e.getKey() + " (lr " + Report.fmt(VALLEY_LR.get(e.getKey())) + ")", px, py, i++);
        }
        lab.figure(v, "valley_paths");
        m.put("valley_steps", steps);
        m.put("valley_steps_to_target", reach);

        double sgd = finalLoss.get("sgd");
        boolean mlpHolds = finalLoss.get("momentum") < sgd && finalLoss.get("nesterov") < sgd && finalLoss.get("adam") < sgd;
        int rs = reach.get("sgd") < 0 ? Integer.MAX_VALUE : reach.get("sgd");
        boolean valleyHolds = reach.get("momentum") >= 0 && reach.get("momentum") < rs && reach.get("nesterov") >= 0
                && reach.get("nesterov") < rs;
        String headline = String.format(Locale.ROOT, "final training loss: sgd %.3f, momentum %.3f, nesterov %.3f,"
                + " adam %.3f; valley steps to %.0e: sgd %s, momentum %d, nesterov %d", sgd, finalLoss.get("momentum"),
                finalLoss.get("nesterov"), finalLoss.get("adam"), VALLEY_TARGET,
                reach.get("sgd") < 0 ? "> " + steps : String.valueOf(reach.get("sgd")), reach.get("momentum"),
                reach.get("nesterov"));
        String discussion = String.format(Locale.ROOT, """
                On the MLP every method runs with the SPEC's defaults (the chapter's): plain SGD at lr 0.01 is the \
                slowest; momentum and Nesterov accumulate a velocity ten times the gradient step along directions \
                where the gradients agree; the adaptive methods divide each parameter's step by a running size of \
                its gradients. On the valley (its floor is 25 times flatter than its walls) SGD must use a step small \
                enough for the steep walls and then crawls along the floor (%s); momentum builds up speed along the \
                floor and overshoots before it settles (%s), Nesterov, looking ahead, a little less (%s); AdaGrad's \
                steps shrink as its sum of squared gradients grows (%s); AdaDelta starts with tiny steps, its \
                unit-correcting numerator starting at sqrt(eps) (%s); RMSprop and Adam take steps of about lr in \
                every coordinate at first, heading diagonally rather than straight down the gradient (%s, %s); AdamW \
                follows Adam, pulled slightly towards zero by its decoupled weight decay 0.01 (%s). In brackets: steps \
                to loss %s out of %d.""", steps(reach, "sgd", steps), steps(reach, "momentum", steps),
                steps(reach, "nesterov", steps), steps(reach, "adagrad", steps), steps(reach, "adadelta", steps),
                steps(reach, "rmsprop", steps), steps(reach, "adam", steps), steps(reach, "adamw", steps),
                Report.fmt(VALLEY_TARGET), steps);
        return m.outcome(mlpHolds && valleyHolds, headline, discussion);
    }

    private static String steps(Map<String, Integer> reach, String opt, int budget) {
        int r = reach.get(opt);
        return r < 0 ? "not within " + budget : String.valueOf(r);
    }
}
