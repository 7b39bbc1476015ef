package dev.castnet.experiments;

import dev.castnet.runtime.TrainableNetwork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fig 7.4: the generated {@code Recurrence} and {@code RecurrenceClipped} (gradient_explosion.nn: {@code rnn 1
 * activation=sigmoid h0=0.3} over 100 steps of zero input, mse against 0.65), identical but for {@code clip norm 1}.
 * For large w the recurrence has two stable fixed points, and which one h_100 reaches flips across a thin band of
 * (w, b): a cliff in the loss, with enormous gradients on its face. Both networks descend from the same point on it.
 */
final class GradientExplosionExperiment implements Experiment {
    static final int STEPS = 100;
    static final double TARGET = 0.65;
    static final double W0 = 6;
    static final double LR = 1.0;
    static final int DESCENT = 300;

    @Override
    public String id() {
        return "gradient_explosion";
    }

    @Override
    public String section() {
        return "fig 7.4, gradient clipping";
    }

    @Override
    public String title() {
        return "Clipping keeps gradient descent on the cliff's side";
    }

    @Override
    public String claim() {
        return "The loss of h_t = σ(w·h_{t−1} + b) after 100 steps has a cliff where the gradient norm is thousands of"
                + " times its size elsewhere; from a point on it, one unclipped gradient step throws (w, b) more than 10"
                + " units away onto a plateau (loss still above 0.05 after " + DESCENT + " steps), while with clip norm 1 the same"
                + " descent reaches a loss below 0.01.";
    }

    /** The loss and its gradient with respect to w (recurrent weight) and b (either bias) at (w, b). */
    record Point(double w, double b, double loss, double gw, double gb) {
        double norm() {
            return Math.hypot(gw, gb);
        }
    }

    @Override
    public Outcome run(Lab lab) throws IOException {
        Outcome.Builder m = new Outcome.Builder();
        Recurrence probe = new Recurrence(1, 1L);
        int g = lab.size(81, 41);
        double[] ws = new double[g], bs = new double[g];
        for (int i = 0; i < g; i++) {
            ws[i] = 10.0 * i / (g - 1);
            bs[i] = -6 + 8.0 * i / (g - 1);
        }
        double[][] z = new double[g][g];
        double typical = 0;
        int counted = 0;
        try (Lab.Table csv = lab.csv("surface", "w", "b", "loss", "gradient_norm")) {
            for (int ib = 0; ib < g; ib++) {
                for (int iw = 0; iw < g; iw++) {
                    Point p = at(probe, ws[iw], bs[ib]);
                    z[ib][iw] = p.loss();
                    csv.row(ws[iw], bs[ib], p.loss(), p.norm());
                    typical += p.norm();
                    counted++;
                }
            }
        }
        typical /= counted; // the mean gradient norm over the grid, where the cliff's thin face is almost never sampled

        // the cliff at w = W0: bisection on b between the basin of the low fixed point and that of the high one
        double lo = -5, hi = -1;
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
            double mid = (lo + hi) / 2;
            if (at(probe, W0, mid).loss() > 0.2) lo = mid;
            else hi = mid;
        }
        double cliff = lo;
        // a start on the cliff's face: the first offset below the edge where the gradient is large
        Point start = at(probe, W0, cliff - 1e-3);
        for (int k = 3; k <= 14; k++) {
            start = at(probe, W0, cliff - Math.pow(10, -k));
            if (start.norm() >= 1000 * typical) break;
        }
        try (Lab.Table csv = lab.csv("gradient_slice", "side", "k", "b", "loss", "gradient_norm")) {
            double[] k = new double[13], below = new double[13], above = new double[13];
            for (int i = 0; i < 13; i++) {
                k[i] = i + 1;
                Point pb = at(probe, W0, cliff - Math.pow(10, -k[i]));
                Point pa = at(probe, W0, cliff + Math.pow(10, -k[i]));
                below[i] = Math.max(pb.norm(), 1e-12);
                above[i] = Math.max(pa.norm(), 1e-12);
                csv.row("below", k[i], pb.b(), pb.loss(), pb.norm());
                csv.row("above", k[i], pa.b(), pa.loss(), pa.norm());
            }
            XYChart s = Charts.xy(String.format(Locale.ROOT, "Gradient norm near the cliff at w = %.0f (b_cliff = %.6f)",
                    W0, cliff), "k, where |b − b_cliff| = 10^−k", "‖∇L‖ (log)");
            s.getStyler().setYAxisLogarithmic(true);
            s.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
            Charts.line(s, "b below the cliff (low fixed point)", k, below, 0).setMarker(SeriesMarkers.CIRCLE);
            Charts.line(s, "b above the cliff (high fixed point)", k, above, 1).setMarker(SeriesMarkers.CIRCLE);
            lab.figure(s, "gradient_slice");
        }

        List<Point> plain = descend(new Recurrence(1, 1L), start);
        List<Point> clipped = descend(new RecurrenceClipped(1, 1L), start);
        try (Lab.Table csv = lab.csv("descent", "clip", "step", "w", "b", "loss", "gradient_norm")) {
            for (int i = 0; i < plain.size(); i++) row(csv, "none", i, plain.get(i));
            for (int i = 0; i < clipped.size(); i++) row(csv, "norm 1", i, clipped.get(i));
        }
        XYChart c = Charts.xy("Loss surface of h₁₀₀ = σ(w·h₉₉ + b)…, h₀ = 0.3, and descent from the cliff",
                "w (recurrent weight)", "b (bias)");
        c.getStyler().setXAxisMin(ws[0]).setXAxisMax(ws[g - 1]).setYAxisMin(bs[0]).setYAxisMax(bs[g - 1]);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        Charts.contours(c, ws, bs, z, new double[] {0.001, 0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.4});
        path(c, "without clipping", plain, ws, bs, 3);
        path(c, "clip norm 1", clipped, ws, bs, 2);
        XYSeries s0 = c.addSeries("start", new double[] {start.w()}, new double[] {start.b()});
        s0.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s0.setMarker(SeriesMarkers.DIAMOND);
        s0.setMarkerColor(java.awt.Color.BLACK);
        lab.figure(c, "surface");

        XYChart n = Charts.xy("Gradient norm along each descent", "step", "‖∇L‖ (log)");
        n.getStyler().setYAxisLogarithmic(true);
        Charts.line(n, "without clipping", Charts.counting(plain.size()), norms(plain), 3);
        Charts.line(n, "clip norm 1 (before clipping)", Charts.counting(clipped.size()), norms(clipped), 2);
        lab.figure(n, "gradient_norms");

        double firstJump = Math.hypot(plain.get(1).w() - plain.get(0).w(), plain.get(1).b() - plain.get(0).b());
        Point endPlain = plain.get(plain.size() - 1), endClipped = clipped.get(clipped.size() - 1);
        m.put("w_start", W0);
        m.put("b_cliff", cliff);
        m.put("b_start", start.b());
        m.put("gradient_norm_at_start", Runs.r4(start.norm()));
        m.put("mean_gradient_norm_over_grid", Runs.r4(typical));
        m.put("learning_rate", LR);
        m.put("descent_steps", plain.size() - 1);
        m.put("first_step_length_unclipped", Runs.r4(firstJump));
        m.put("end_unclipped", List.of(Runs.r4(endPlain.w()), Runs.r4(endPlain.b())));
        m.put("end_loss_unclipped", Runs.r4(endPlain.loss()));
        m.put("end_clipped", List.of(Runs.r4(endClipped.w()), Runs.r4(endClipped.b())));
        m.put("end_loss_clipped", Runs.r4(endClipped.loss()));
        boolean holds = start.norm() >= 1000 * typical && firstJump > 10 && endPlain.loss() > 0.05
                && endClipped.loss() < 0.01;
        String headline = String.format(Locale.ROOT, "gradient norm %.3g on the cliff (mean over the grid %.2g): the"
                + " unclipped step jumps %.0f units and ends at loss %.3f; clipped, loss %.4f", start.norm(), typical,
                firstJump, endPlain.loss(), endClipped.loss());
        String discussion = String.format(Locale.ROOT, """
                For w above 4 the map h ↦ σ(w·h + b) has two stable fixed points, one low and one high; after 100 \\
                steps h₁₀₀ sits on one of them, and which one depends on which side of the unstable fixed point h₀ = \\
                0.3 falls. Across a band of b far thinner than any grid (at w = %.0f it lies at b = %.15f) the loss \\
                jumps from about 0.33 to about 0.09: the cliff of the figure, where the contours bunch up. On its face \\
                the gradient is %.3g, against %.2g on average over the grid. A gradient step of lr %.1f there moves \\
                (w, b) by %.0f units, onto a plateau where h₁₀₀ saturates and the gradient vanishes, and the run never \\
                comes back (loss %.3f after %d steps). With `clip norm 1.0` (Algorithm 7.2) the step keeps the \\
                gradient's direction but is at most %.1f long, so the descent walks down from the cliff into the valley \\
                of h₁₀₀ = 0.65 (loss %.4f). The surface is drawn from %d × %d points (CSV with w, b, loss and gradient \\
                norm); the paths are clamped to the drawing.""", W0, cliff, start.norm(), typical, LR, firstJump,
                endPlain.loss(), plain.size() - 1, LR, endClipped.loss(), g, g);
        return m.outcome(holds, headline, discussion);
    }

    /** Loss and gradient at (w, b) with the learning rate at 0, so that the step moves nothing. */
    static Point at(TrainableNetwork net, double w, double b) {
        set(net, w, b);
        double lr = net.learningRate();
        net.setLearningRate(0);
        double loss = net.trainStep(new double[STEPS], new double[] {TARGET}, 1);
        net.setLearningRate(lr);
        return new Point(w, b, loss, net.gradients().read("rnn0.recurrent_weight")[0],
                net.gradients().read("rnn0.bias")[0]);
    }

    private static void set(TrainableNetwork net, double w, double b) {
        net.parameters().write("rnn0.weight", new double[] {0});
        net.parameters().write("rnn0.recurrent_weight", new double[] {w});
        net.parameters().write("rnn0.bias", new double[] {b});
        net.parameters().write("rnn0.recurrent_bias", new double[] {0});
    }

    /** {@link #DESCENT} steps of the network's own update (sgd at {@link #LR}, and its clipping) from {@code start}. */
    static List<Point> descend(TrainableNetwork net, Point start) {
        set(net, start.w(), start.b());
        net.setLearningRate(LR);
        double[] x = new double[STEPS], t = {TARGET};
        List<Point> path = new ArrayList<>();
        for (int s = 0; s <= DESCENT; s++) {
            double w = net.parameters().read("rnn0.recurrent_weight")[0];
            double b = net.parameters().read("rnn0.bias")[0] + net.parameters().read("rnn0.recurrent_bias")[0];
            double loss = net.trainStep(x, t, 1); // at (w, b), then the update
            path.add(new Point(w, b, loss, net.gradients().read("rnn0.recurrent_weight")[0],
                    net.gradients().read("rnn0.bias")[0]));
        }
        return path;
    }

    private static void row(Lab.Table csv, String clip, int step, Point p) throws IOException {
        csv.row(clip, step, p.w(), p.b(), p.loss(), p.norm());
    }

    private static double[] norms(List<Point> path) {
        return path.stream().mapToDouble(p -> Math.max(p.norm(), 1e-12)).toArray();
    }

    private static void path(XYChart c, String name, List<Point> path, double[] ws, double[] bs, int color) {
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (Point p : path) {
            x.add(Math.max(ws[0], Math.min(ws[ws.length - 1], p.w())));
            y.add(Math.max(bs[0], Math.min(bs[bs.length - 1], p.b())));
        }
        Charts.line(c, name, x, y, color).setMarker(SeriesMarkers.CIRCLE);
    }
}
