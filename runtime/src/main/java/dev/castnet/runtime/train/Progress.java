package dev.castnet.runtime.train;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports training as it goes: a live progress bar with loss and samples/s on a terminal, one line per epoch
 * otherwise (logs, CI, tests), or nothing.
 */
public abstract class Progress {
    /** How training is reported. */
    public enum Mode {
        /** {@code BAR} when {@link System#console()} is present (a terminal), else {@code LINES}. */
        AUTO,
        /** A live progress bar with the loss and samples/s, then one line per epoch. */
        BAR,
        /** One line per epoch (logs, CI, tests). */
        LINES,
        /** Nothing. */
        NONE
    }

    /** For the displays of this package; the methods a display implements are package-private. */
    public Progress() {}

    abstract void startEpoch(int epoch, int epochs, int samples);

    abstract void step(int samples, double meanLoss);

    abstract void endEpoch(EpochStats s, int epochs);

    void message(String text) {}

    void close() {}

    static Progress create(Mode mode, PrintStream out) {
        Mode m = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LINES) : mode;
        return switch (m) {
            case BAR -> new Bar(out);
            case LINES -> new Lines(out);
            default -> new Silent();
        };
    }

    static String line(EpochStats s, int epochs) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", s.epoch(), epochs,
                s.trainLoss()));
        if (!Double.isNaN(s.trainAccuracy())) sb.append(String.format(Locale.ROOT, "  acc %.4f", s.trainAccuracy()));
        if (!Double.isNaN(s.trainMae())) {
            sb.append(String.format(Locale.ROOT, "  mae %.4g  r2 %.4f", s.trainMae(), s.trainR2()));
        }
        if (!Double.isNaN(s.valLoss())) sb.append(String.format(Locale.ROOT, "  val_loss %.4f", s.valLoss()));
        if (!Double.isNaN(s.valAccuracy())) sb.append(String.format(Locale.ROOT, "  val_acc %.4f", s.valAccuracy()));
        if (!Double.isNaN(s.valMae())) {
            sb.append(String.format(Locale.ROOT, "  val_mae %.4g  val_r2 %.4f", s.valMae(), s.valR2()));
        }
        sb.append(String.format(Locale.ROOT, "  lr %.3g  %.1fs  %.0f samples/s", s.learningRate(), s.seconds(),
                s.samplesPerSecond()));
        return sb.toString();
    }

    private static final class Silent extends Progress {
        @Override
        void startEpoch(int epoch, int epochs, int samples) {}

        @Override
        void step(int samples, double meanLoss) {}

        @Override
        void endEpoch(EpochStats s, int epochs) {}
    }

    private static final class Lines extends Progress {
        private final PrintStream out;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        void startEpoch(int epoch, int epochs, int samples) {}

        @Override
        void step(int samples, double meanLoss) {}

        @Override
        void endEpoch(EpochStats s, int epochs) {
            out.println(line(s, epochs));
            out.flush();
        }

        @Override
        void message(String text) {
            out.println(text);
        }
    }

    private static final class Bar extends Progress {
        private final PrintStream out;
        private ProgressBar bar;
        private long lastUpdate;

        Bar(PrintStream out) {
            this.out = out;
        }

        @Override
        void startEpoch(int epoch, int epochs, int samples) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(samples)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1).showSpeed().setUpdateIntervalMillis(200)
                    // the bar on the same stream as the epoch lines, so the two never interleave out of order
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .build();
        }

        @Override
        void step(int samples, double meanLoss) {
            bar.stepBy(samples);
            long now = System.nanoTime();
            if (now - lastUpdate > 100_000_000L) { // formatting every step would cost more than small steps
                bar.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f", meanLoss));
                lastUpdate = now;
            }
        }

        @Override
        void endEpoch(EpochStats s, int epochs) {
            if (bar != null) {
                bar.setExtraMessage(String.format(Locale.ROOT, "  loss %.4f", s.trainLoss())); // the epoch's own
                bar.close();
                bar = null;
            }
            out.println(line(s, epochs));
        }

        @Override
        void message(String text) {
            out.println(text);
        }

        @Override
        void close() {
            if (bar != null) bar.close();
        }
    }
}
