package dev.castnet.runtime.search;

import dev.castnet.runtime.TrainableNetwork;
import dev.castnet.runtime.data.Dataset;
import dev.castnet.runtime.train.Progress;
import dev.castnet.runtime.train.TrainOptions;
import dev.castnet.runtime.train.TrainResult;
import dev.castnet.runtime.train.Trainer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs search trials: each builds a fresh network (structural parameters choose the generated variant),
 * sets the live hyperparameters, trains on the training split and is scored on the validation split. Every
 * trial uses the same seeds, so trials differ only by their hyperparameters and a trial is a pure function
 * of (network, hyperparameters, data, seed).
 *
 * <p>Live names: any optimizer hyperparameter or regularizer the network knows ({@code lr}, {@code rho},
 * {@code beta1}, {@code l2}, {@code clip}, …, through {@link TrainableNetwork#setHyperparameter}),
 * {@code dropout} (every dropout layer) and {@code dropout[i]}, and the trainer's {@code batch} and
 * {@code epochs}. Every other name is structural and is handed to the factory.
 */
public final class SearchRunner {

    /** Builds the network of one trial; {@code structural} holds the searched names that are not live. */
    @FunctionalInterface
    public interface NetworkFactory {
        /**
         * A fresh network for one trial.
         *
         * @param structural the trial's values of the structural names, by name
         * @return a new network whose {@code maxBatch} holds the largest batch searched
         */
        TrainableNetwork create(Map<String, Object> structural);
    }

    private static final Pattern DROPOUT_I = Pattern.compile("dropout\\[(\\d+)]");
    private static final Set<String> TRAINER_NAMES = Set.of("batch", "epochs");

    private final NetworkFactory factory;
    private final TrainOptions base;
    private final Set<String> structural;
    private final Object listenerLock = new Object();
    private Consumer<TrialResult> listener;

    /**
     * A runner of trials.
     *
     * @param factory builds each trial's network
     * @param base the training options every trial starts from (copied per trial)
     * @param structuralNames the searched names the factory consumes (structural {@code param}s); all others are set on
     *     the network or the trainer
     */
    public SearchRunner(NetworkFactory factory, TrainOptions base, Set<String> structuralNames) {
        this.factory = factory;
        this.base = base;
        this.structural = new LinkedHashSet<>(structuralNames);
    }

    /**
     * Sets the listener called once per finished trial, in the order trials finish (which varies with
     * {@code parallel}); calls never overlap, so the listener needs no locking of its own.
     *
     * @param l the listener
     * @return this runner
     */
    public SearchRunner onTrialEnd(Consumer<TrialResult> l) {
        listener = l;
        return this;
    }

    /**
     * Runs trials on up to {@code parallel} threads.
     *
     * @param trials each trial's hyperparameters by name
     * @param train the training split, shared by every trial
     * @param validation the validation split every trial is scored on
     * @param parallel how many trials run at once
     * @return the results, sorted best first (see {@link #sort(List)})
     * @throws InterruptedException when the thread is interrupted while waiting
     * @throws IllegalArgumentException without validation data
     */
    public List<TrialResult> run(List<Map<String, Object>> trials, Dataset train, Dataset validation, int parallel)
            throws InterruptedException {
        if (validation == null || validation.size() == 0) {
            throw new IllegalArgumentException("a search scores trials on validation data; set validation > 0");
        }
        int threads = Math.max(1, Math.min(parallel, trials.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "castnet-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    TrialResult r = runTrial(index + 1, trials.get(index), train, validation);
                    if (listener != null) {
                        synchronized (listenerLock) {
                            listener.accept(r);
                        }
                    }
                    return r;
                }));
            }
            List<TrialResult> results = new ArrayList<>();
            for (Future<TrialResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("search trial failed: " + e.getCause(), e.getCause());
                }
            }
            return sort(results);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One trial; a failure (such as divergence) is recorded in the result, not thrown.
     *
     * @param trial the trial's number, from 1
     * @param params its hyperparameters by name
     * @param train the training split
     * @param validation the validation split
     * @return the trial's figures, or its error
     */
    public TrialResult runTrial(int trial, Map<String, Object> params, Dataset train, Dataset validation) {
        long t0 = System.nanoTime();
        try {
            Map<String, Object> structuralValues = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Object> e : params.entrySet()) {
                if (structural.contains(e.getKey())) structuralValues.put(e.getKey(), e.getValue());
            }
            TrainableNetwork net = factory.create(structuralValues);
            TrainOptions options = base.copy().progress(Progress.Mode.NONE).checkpoint(null);
            for (Map.Entry<String, Object> e : params.entrySet()) {
                if (!structural.contains(e.getKey())) apply(net, options, e.getKey(), e.getValue());
            }
            TrainResult r = new Trainer(net, options).fit(train, validation);
            return new TrialResult(trial, params, r.validation().loss(), r.validation().accuracy(), r.trainLoss(),
                    r.epochsRun(), (System.nanoTime() - t0) / 1e9, null, r.validation().mae(), r.validation().r2());
        } catch (RuntimeException e) {
            return new TrialResult(trial, params, Double.NaN, Double.NaN, Double.NaN, 0, (System.nanoTime() - t0) / 1e9,
                    e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static void apply(TrainableNetwork net, TrainOptions options, String name, Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("hyperparameter '" + name + "' needs a number, got '" + value
                    + "'; words (such as activations) are structural parameters");
        }
        double v = n.doubleValue();
        if (TRAINER_NAMES.contains(name)) {
            if (v != Math.rint(v)) throw new IllegalArgumentException(name + " must be an integer, got " + value);
            if (name.equals("batch")) options.batch((int) v);
            else options.epochs((int) v);
            return;
        }
        if (name.equals("dropout")) {
            for (int i = 0; i < net.dropoutLayers(); i++) net.setDropout(i, v);
            return;
        }
        Matcher m = DROPOUT_I.matcher(name);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            if (i >= net.dropoutLayers()) {
                throw new IllegalArgumentException(name + ": network " + net.networkName() + " has "
                        + net.dropoutLayers() + " dropout layers");
            }
            net.setDropout(i, v);
            return;
        }
        net.setHyperparameter(name, v);
    }

    /**
     * Best first: by validation accuracy (higher first) when known, then by validation loss (lower first); failed
     * trials last, ties by trial number.
     *
     * @param results the trials
     * @return a new, sorted list
     */
    public static List<TrialResult> sort(List<TrialResult> results) {
        return sort(results, "val_accuracy");
    }

    /**
     * Best first by {@code monitor}: {@code val_loss} (lower first, then higher accuracy) or {@code val_accuracy}
     * (higher first, then lower loss). A figure that is unknown (NaN) ranks last; failed trials come after every
     * finished one; ties by trial number.
     *
     * @param results the trials
     * @param monitor {@code val_loss} or {@code val_accuracy}
     * @return a new, sorted list
     */
    public static List<TrialResult> sort(List<TrialResult> results, String monitor) {
        Comparator<TrialResult> byLoss = Comparator.comparingDouble(
                r -> Double.isNaN(r.valLoss()) ? Double.POSITIVE_INFINITY : r.valLoss());
        Comparator<TrialResult> byAccuracy = Comparator.comparingDouble(
                r -> Double.isNaN(r.valAccuracy()) ? Double.POSITIVE_INFINITY : -r.valAccuracy());
        Comparator<TrialResult> byMae = Comparator.comparingDouble(
                r -> Double.isNaN(r.valMae()) ? Double.POSITIVE_INFINITY : r.valMae());
        Comparator<TrialResult> byR2 = Comparator.comparingDouble(
                r -> Double.isNaN(r.valR2()) ? Double.POSITIVE_INFINITY : -r.valR2());
        Comparator<TrialResult> metric = switch (monitor) {
            case "val_loss", "val_mse" -> byLoss.thenComparing(byAccuracy);
            case "val_accuracy" -> byAccuracy.thenComparing(byLoss);
            case "val_mae" -> byMae.thenComparing(byLoss);
            case "val_r2" -> byR2.thenComparing(byLoss);
            default -> throw new IllegalArgumentException("search results are ranked by val_loss, val_accuracy, val_mae"
                    + " or val_r2, got '" + monitor + "'");
        };
        List<TrialResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(TrialResult::failed).thenComparing(metric)
                .thenComparingInt(TrialResult::trial));
        return sorted;
    }

    /**
     * Rank, trial, one column per hyperparameter, then the figures ({@code val_loss, val_accuracy}, or for
     * real-valued targets {@code val_loss, val_mae, val_r2}) and the error (if any).
     *
     * @param results the trials, in the order to rank them
     * @param path the file to write
     * @throws IOException when it cannot be written
     */
    public static void writeCsv(List<TrialResult> results, Path path) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (TrialResult r : results) names.addAll(r.parameters().keySet());
        boolean regression = results.stream().anyMatch(TrialResult::regression);
        if (path.toAbsolutePath().getParent() != null) Files.createDirectories(path.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write("rank,trial");
            for (String n : names) w.write("," + n);
            w.write(regression ? ",val_loss,val_mae,val_r2" : ",val_loss,val_accuracy");
            w.write(",train_loss,epochs_run,seconds,error\n");
            int rank = 1;
            for (TrialResult r : results) {
                StringBuilder sb = new StringBuilder().append(rank++).append(',').append(r.trial());
                for (String n : names) sb.append(',').append(value(r.parameters().get(n)));
                sb.append(',').append(cell(r.valLoss())).append(',');
                if (regression) sb.append(cell(r.valMae())).append(',').append(cell(r.valR2()));
                else sb.append(cell(r.valAccuracy()));
                sb.append(',')
                        .append(cell(r.trainLoss())).append(',').append(r.epochsRun()).append(',')
                        .append(cell(r.seconds())).append(',')
                        .append(r.error() == null ? "" : '"' + r.error().replace("\"", "\"\"") + '"');
                w.write(sb.append('\n').toString());
            }
        }
    }

    /**
     * A hyperparameter as people write it: integers as they are, other numbers to 6 significant digits without trailing
     * zeros ({@code 0.001}, {@code 0.000123457}, {@code 2.5e-07}), words as they are.
     *
     * @param v a number or a word
     * @return its text
     */
    public static String value(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) return d.toString();
            if (d == 0) return "0";
            BigDecimal b = new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros();
            double a = Math.abs(d);
            if (a >= 1e-4 && a < 1e7) return b.toPlainString();
            return String.format(Locale.ROOT, "%.5e", d).replaceAll("\\.?0+e", "e").replace("e+0", "e").replace("e-0", "e-")
                    .replace("e+", "e");
        }
        if (v instanceof Float f) return value(f.doubleValue());
        return v.toString();
    }

    private static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6g", d);
        return v.toString();
    }
}
