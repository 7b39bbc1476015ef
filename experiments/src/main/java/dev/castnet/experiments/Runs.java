package dev.castnet.experiments;

import dev.castnet.runtime.Rng;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.data.Split;
import dev.castnet.runtime.train.EpochStats;
import dev.castnet.runtime.train.History;
import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.TrainOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/** Small helpers the experiments share: silent training options, subsets, history columns. */
final class Runs {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private Runs() {}

    /** Training options that print nothing. */
    static TrainOptions quiet() {
        return new TrainOptions().progress(Progress.Mode.NONE).log(NOWHERE);
    }

    /** A stratified split of {@code data}: {@code n} samples held as the second part, the rest as the first. */
    static Split holdOut(Dataset data, int n, long seed) {
        return Split.stratified(data, (double) n / data.size(), seed);
    }

    /** A stratified sample of about {@code n} rows. */
    static Dataset sample(Dataset data, int n, long seed) {
        return holdOut(data, n, seed).validation();
    }

    /** Two disjoint random samples of {@code a} and {@code b} rows (copies only those rows: cheap on a large set). */
    static Split disjoint(Dataset data, int a, int b, long seed) {
        int[] rows = new int[data.size()];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        Rng rng = new Rng(seed);
        for (int i = 0; i < a + b; i++) {
            int j = i + rng.nextInt(rows.length - i);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return new Split(data.subset(java.util.Arrays.copyOfRange(rows, 0, a), data.name() + "/sample"),
                data.subset(java.util.Arrays.copyOfRange(rows, a, a + b), data.name() + "/held-out"));
    }

    static double[] trainLoss(History h) {
        return h.epochs().stream().mapToDouble(EpochStats::trainLoss).toArray();
    }

    static double[] valLoss(History h) {
        return h.epochs().stream().mapToDouble(EpochStats::valLoss).toArray();
    }

    static double[] trainAccuracy(History h) {
        return h.epochs().stream().mapToDouble(EpochStats::trainAccuracy).toArray();
    }

    static double[] valAccuracy(History h) {
        return h.epochs().stream().mapToDouble(EpochStats::valAccuracy).toArray();
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) m = Math.min(m, v);
        return m;
    }

    static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) m = Math.max(m, v);
        return m;
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    static double last(double[] a) {
        return a[a.length - 1];
    }

    /** 0-based index of the first value at or below {@code target}, or −1. */
    static int firstAtOrBelow(double[] a, double target) {
        for (int i = 0; i < a.length; i++) if (a[i] <= target) return i;
        return -1;
    }

    /** Uniform in [lo, hi). */
    static double uniform(Rng rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    static List<Double> list(double... v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }

    /** Rounds to 4 significant digits, for the measured numbers of the report. */
    static double r4(double v) {
        if (!Double.isFinite(v) || v == 0) return v;
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }
}
