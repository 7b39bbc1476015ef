package dev.castnet.experiments;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.preprocess.PreprocessSpec;
import dev.castnet.runtime.preprocess.Preprocessing;
import dev.castnet.runtime.preprocess.Preprocessor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fig 7.1: the generated one-neuron network {@code Neuron} (normalization.nn), y = tanh(w1·x1 + w2·x2 + b), fitted
 * by full-batch gradient descent to targets made by known weights, on inputs of very different scales and on the
 * same inputs z-scored by the runtime's preprocessing. Each run takes the best learning rate of one grid.
 */
final class NormalizationExperiment implements Experiment {
    static final double TARGET_LOSS = 1e-3;
    static final double[] LEARNING_RATES = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5};
    private static final double W1 = 0.3, W2 = -2.0, B = -0.5;

    @Override
    public String id() {
        return "normalization";
    }

    @Override
    public String section() {
        return "fig 7.1";
    }

    @Override
    public String title() {
        return "Normalizing the inputs rounds the loss surface";
    }

    @Override
    public String claim() {
        return "With x1 in [0, 10] and x2 in [0, 1], gradient descent on z-scored inputs reaches the same loss in at"
                + " least 5 times fewer steps than on the raw inputs, each at its best learning rate.";
    }

    /** One fit: the steps to reach the target loss (−1 if never), and the path of (w1, w2, b, loss) per step. */
    record Fit(double lr, int steps, List<double[]> path) {}

    @Override
    public Outcome run(Lab lab) throws IOException {
        int n = 200;
        int maxSteps = lab.size(5000, 3000);
        Rng rng = new Rng(7);
        float[] x = new float[2 * n];
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) Runs.uniform(rng, 0, 10);
            x[2 * i + 1] = (float) Runs.uniform(rng, 0, 1);
            t[i] = (float) Math.tanh(W1 * x[2 * i] + W2 * x[2 * i + 1] + B);
        }
        Dataset raw = Dataset.regression("neuron", x, 2, t, 1, null);
        Preprocessor z = Preprocessing.fit(PreprocessSpec.zscore(), raw);
        float[] xz = x.clone();
        z.apply(xz, n, xz);

        Outcome.Builder m = new Outcome.Builder();
        Map<String, Fit> best = new LinkedHashMap<>();
        try (Lab.Table steps = lab.csv("steps", "lr", "steps_raw", "steps_zscored")) {
            Fit bestRaw = null, bestZ = null;
            for (double lr : LEARNING_RATES) {
                Fit fr = fit(x, t, n, lr, maxSteps);
                Fit fz = fit(xz, t, n, lr, maxSteps);
                steps.row(lr, fr.steps(), fz.steps());
                if (fr.steps() >= 0 && (bestRaw == null || fr.steps() < bestRaw.steps())) bestRaw = fr;
                if (fz.steps() >= 0 && (bestZ == null || fz.steps() < bestZ.steps())) bestZ = fz;
            }
            best.put("raw", bestRaw);
            best.put("zscored", bestZ);
        }
        Fit fr = best.get("raw"), fz = best.get("zscored");
        int stepsRaw = fr == null ? maxSteps + 1 : fr.steps();
        int stepsZ = fz == null ? maxSteps + 1 : fz.steps();
        m.put("target_loss", TARGET_LOSS);
        m.put("max_steps", maxSteps);
        m.put("steps_raw", fr == null ? -1 : stepsRaw);
        m.put("best_lr_raw", fr == null ? Double.NaN : fr.lr());
        m.put("steps_zscored", fz == null ? -1 : stepsZ);
        m.put("best_lr_zscored", fz == null ? Double.NaN : fz.lr());
        double speedup = (double) stepsRaw / stepsZ;
        m.put("speedup", Runs.r4(speedup));

        if (fr != null) surface(lab, "raw", "Raw x1 in [0, 10], x2 in [0, 1]", x, t, n, fr);
        if (fz != null) surface(lab, "zscored", "Z-scored inputs", xz, t, n, fz);

        boolean holds = fr != null && fz != null && speedup >= 5 || fr == null && fz != null;
        String headline = String.format(Locale.ROOT, "loss %.0e in %s steps on raw inputs (best lr %s) and %d steps"
                + " z-scored (best lr %s): %.0fx fewer", TARGET_LOSS, fr == null ? "more than " + maxSteps : stepsRaw,
                fr == null ? "-" : Report.fmt(fr.lr()), stepsZ, fz == null ? "-" : Report.fmt(fz.lr()), speedup);
        String discussion = "The raw problem's loss surface is a long narrow valley: the gradient along w1 is about"
                + " ten times steeper than along w2 (x1 is ten times larger), so a learning rate small enough not to"
                + " diverge across the valley crawls along it. Z-scoring gives both inputs unit variance and the"
                + " contours become nearly round, so one learning rate suits every direction. The contours are drawn"
                + " at the fitted bias; the path is the best run's (w1, w2) after each step.";
        return m.outcome(holds, headline, discussion);
    }

    /** Full-batch gradient descent from zero weights until the loss is at most {@link #TARGET_LOSS}. */
    static Fit fit(float[] x, float[] t, int n, double lr, int maxSteps) {
        Neuron net = new Neuron(n, 1L);
        net.setLearningRate(lr);
        List<double[]> path = new ArrayList<>();
        for (int s = 0; s <= maxSteps; s++) {
            double[] p = point(net, 0);
            double loss = net.trainStep(x, t, n); // the loss at p, before this step's update
            p[3] = loss;
            path.add(p);
            if (!Double.isFinite(loss) || loss > 1e6) return new Fit(lr, -1, path);
            if (loss <= TARGET_LOSS) return new Fit(lr, s, path); // reached after s updates
        }
        return new Fit(lr, -1, path);
    }

    private static double[] point(TrainableNetwork net, double loss) {
        double[] w = net.parameters().read("dense0.weight");
        return new double[] {w[0], w[1], net.parameters().read("dense0.bias")[0], loss};
    }

    /** The mse of the network's inference outputs on all n samples. */
    static double loss(TrainableNetwork net, float[] x, float[] t, int n) {
        float[] out = new float[n];
        net.forward(x, n, out);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double e = out[i] - t[i];
            s += e * e;
        }
        return s / n;
    }

    private static void surface(Lab lab, String name, String title, float[] x, float[] t, int n, Fit fit)
            throws IOException {
        double[] end = fit.path().get(fit.path().size() - 1);
        // a square window around the start (0, 0) and the minimum, so that both axes have the same scale
        double cx = end[0] / 2, cy = end[1] / 2;
        double half = 0.75 * Math.max(Math.abs(end[0]), Math.abs(end[1])) + 0.1;
        int g = 61;
        double[] xs = new double[g], ys = new double[g];
        for (int i = 0; i < g; i++) {
            xs[i] = cx - half + 2 * half * i / (g - 1);
            ys[i] = cy - half + 2 * half * i / (g - 1);
        }
        Neuron net = new Neuron(n, 1L);
        net.parameters().write("dense0.bias", new double[] {end[2]});
        double[][] z = new double[g][g];
        try (Lab.Table csv = lab.csv("surface_" + name, "w1", "w2", "loss")) {
            for (int iy = 0; iy < g; iy++) {
                for (int ix = 0; ix < g; ix++) {
                    net.parameters().write("dense0.weight", new double[] {xs[ix], ys[iy]});
                    z[iy][ix] = loss(net, x, t, n);
                    csv.row(xs[ix], ys[iy], z[iy][ix]);
                }
            }
        }
        try (Lab.Table csv = lab.csv("path_" + name, "step", "w1", "w2", "b", "loss")) {
            for (int s = 0; s < fit.path().size(); s++) {
                double[] p = fit.path().get(s);
                csv.row(s, p[0], p[1], p[2], p[3]);
            }
        }
        XYChart c = Charts.xy(String.format(Locale.ROOT, "%s: loss contours, descent path (lr %s, %d steps)",
                title, Report.fmt(fit.lr()), fit.steps()), "w1", "w2");
        c.getStyler().setXAxisMin(xs[0]).setXAxisMax(xs[g - 1]).setYAxisMin(ys[0]).setYAxisMax(ys[g - 1]);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        Charts.contours(c, xs, ys, z, new double[] {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3});
        int stride = Math.max(1, fit.path().size() / 400);
        List<Double> px = new ArrayList<>(), py = new ArrayList<>();
        for (int s = 0; s < fit.path().size(); s += stride) {
            px.add(fit.path().get(s)[0]);
            py.add(fit.path().get(s)[1]);
        }
        px.add(end[0]);
        py.add(end[1]);
        XYSeries path = Charts.line(c, "gradient descent from (0, 0)", px, py, 3);
        path.setMarker(SeriesMarkers.CIRCLE);
        path.setMarkerColor(Charts.PALETTE[3]);
        XYSeries min = c.addSeries("fitted weights", new double[] {end[0]}, new double[] {end[1]});
        min.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        min.setMarker(SeriesMarkers.DIAMOND);
        min.setMarkerColor(Charts.PALETTE[2]);
        c.getStyler().setMarkerSize(4);
        lab.figure(c, "contours_" + name);
    }
}
