package dev.castnet.runtime.train;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-epoch learning rate from the network's base rate (epochs counted from 0):
 * {@code step}: base·gamma^⌊epoch/every⌋ (PyTorch {@code StepLR}); {@code cosine}: base·(1 + cos(π·epoch/epochs))/2
 * ({@code CosineAnnealingLR} with T_max = epochs, eta_min = 0); {@code exponential}: base·gamma^epoch
 * ({@code ExponentialLR}); {@code none}: base.
 *
 * @param kind the formula
 * @param every the epochs between decays of a step schedule
 * @param gamma the factor of a step or exponential schedule
 */
public record LrSchedule(Kind kind, int every, double gamma) {
    /** The schedule's formula. */
    public enum Kind {
        /** The constant base rate. */
        NONE,
        /** base·gamma^⌊epoch/every⌋, PyTorch's {@code StepLR}. */
        STEP,
        /** base·(1 + cos(π·epoch/epochs))/2, PyTorch's {@code CosineAnnealingLR}. */
        COSINE,
        /** base·gamma^epoch, PyTorch's {@code ExponentialLR}. */
        EXPONENTIAL
    }

    /**
     * Checks the parameters the kind needs.
     *
     * @param kind the formula
     * @param every the epochs between decays of a step schedule
     * @param gamma the factor of a step or exponential schedule
     * @throws IllegalArgumentException for a step schedule with {@code every < 1}, or a step or exponential one with
     *     {@code gamma <= 0}
     */
    public LrSchedule {
        if (kind == Kind.STEP && every < 1) throw new IllegalArgumentException("schedule step needs every >= 1, got " + every);
        if ((kind == Kind.STEP || kind == Kind.EXPONENTIAL) && !(gamma > 0)) {
            throw new IllegalArgumentException("schedule gamma must be > 0, got " + gamma);
        }
    }

    /** {@return the constant learning rate} */
    public static LrSchedule none() {
        return new LrSchedule(Kind.NONE, 0, 1);
    }

    /**
     * PyTorch's {@code StepLR}: base·gamma^⌊epoch/every⌋.
     *
     * @param every the epochs between decays, at least 1
     * @param gamma the factor of each decay, positive
     * @return the schedule
     */
    public static LrSchedule step(int every, double gamma) {
        return new LrSchedule(Kind.STEP, every, gamma);
    }

    /**
     * {@return PyTorch's {@code CosineAnnealingLR} with T_max = epochs and eta_min = 0}: base·(1 +
     * cos(π·epoch/epochs))/2.
     */
    public static LrSchedule cosine() {
        return new LrSchedule(Kind.COSINE, 0, 1);
    }

    /**
     * PyTorch's {@code ExponentialLR}: base·gamma^epoch.
     *
     * @param gamma the factor of each epoch, positive
     * @return the schedule
     */
    public static LrSchedule exponential(double gamma) {
        return new LrSchedule(Kind.EXPONENTIAL, 0, gamma);
    }

    /**
     * The rate of an epoch.
     *
     * @param base the rate at the start of training
     * @param epoch the 0-based epoch
     * @param epochs the epochs of the run
     * @return the epoch's learning rate
     */
    public double rate(double base, int epoch, int epochs) {
        return switch (kind) {
            case NONE -> base;
            case STEP -> base * Math.pow(gamma, epoch / every);
            case COSINE -> base * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
            case EXPONENTIAL -> base * Math.pow(gamma, epoch);
        };
    }

    private static final Pattern OPTION = Pattern.compile("(\\w+)\\s*=\\s*(\\S+)");

    /**
     * Parses the {@code .nn} form without the keyword: {@code step every=10 gamma=0.5}, {@code cosine}, {@code
     * exponential gamma=0.95}, {@code none}.
     *
     * @param text the schedule as written after {@code schedule}
     * @return the schedule
     * @throws IllegalArgumentException for an unknown schedule or option
     */
    public static LrSchedule parse(String text) {
        String t = text.trim();
        String word = t.split("\\s+")[0];
        int every = 0;
        double gamma = Double.NaN;
        Matcher m = OPTION.matcher(t.substring(word.length()));
        while (m.find()) {
            switch (m.group(1)) {
                case "every" -> every = Integer.parseInt(m.group(2));
                case "gamma" -> gamma = Double.parseDouble(m.group(2));
                default -> throw new IllegalArgumentException("unknown schedule option '" + m.group(1)
                        + "'; expected every or gamma");
            }
        }
        return switch (word) {
            case "none" -> none();
            case "step" -> step(every, Double.isNaN(gamma) ? 0.1 : gamma);
            case "cosine" -> cosine();
            case "exponential" -> exponential(Double.isNaN(gamma) ? 0.95 : gamma);
            default -> throw new IllegalArgumentException("unknown schedule '" + word
                    + "'; expected step every=N gamma=G, cosine, exponential gamma=G or none");
        };
    }
}
